using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using StaticNews.Content;

namespace StaticNews.Import;

/// <summary>
/// Turns an imported body, parsed into a DOM, into Markdown an editor can work with: paragraphs, headings,
/// lists, quotes, code, links, emphasis and images become Markdown; what Markdown cannot say (tables, definition
/// lists, embeds, anything with structure of its own) stays HTML, which the build cleans like any raw HTML in a
/// story. Text is escaped so that it reads back as the same text, never as Markdown syntax.
/// </summary>
public static class HtmlToMarkdown
{
    public static string Convert(INode container)
    {
        var blocks = Blocks(container.ChildNodes);
        return blocks.Count == 0 ? "" : string.Join("\n\n", blocks) + "\n";
    }

    private static readonly HashSet<string> InlineNames =
    [
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
        "var", "wbr", "iframe", "video", "audio", "picture", "label",
    ];

    /// <summary>Wrappers whose content is all that matters (page builders and editors nest content in them).</summary>
    private static readonly HashSet<string> TransparentNames =
        ["div", "section", "article", "main", "header", "footer", "aside", "center", "span", "font", "body", "nav"];

    /// <summary>Never content: dropped with everything inside.</summary>
    private static readonly HashSet<string> DroppedNames =
        ["script", "style", "noscript", "template", "form", "button", "input", "select", "textarea", "link", "meta", "object", "embed", "svg", "canvas"];

    /// <summary>Inline elements kept as inline HTML around their converted content (Markdown has no syntax for them).</summary>
    private static readonly HashSet<string> KeptInlineNames =
        ["sup", "sub", "u", "mark", "small", "abbr", "cite", "q", "time", "ins", "kbd", "samp", "var", "dfn", "bdi", "bdo"];

    private static bool IsInline(INode node) =>
        node is IText || (node is IElement e && InlineNames.Contains(e.LocalName));

    private static List<string> Blocks(INodeList nodes)
    {
        var blocks = new List<string>();
        var run = new List<INode>();
        void Flush()
        {
            if (run.Count == 0) return;
            var paragraph = Paragraph(run);
            if (paragraph.Length > 0) blocks.Add(paragraph);
            run.Clear();
        }
        string? previousList = null;
        foreach (var node in nodes)
        {
            if (IsInline(node)) { run.Add(node); continue; }
            if (node is not IElement element) continue; // comments
            Flush();
            var count = blocks.Count;
            // A list right after a list of the same kind would continue it: the other marker starts a new one.
            var alternate = element.LocalName is "ul" or "ol" && previousList == element.LocalName + count;
            blocks.AddRange(Block(element, alternate));
            // (An element that wrote nothing, an empty heading, leaves the two lists next to each other.)
            if (blocks.Count > count) previousList = element.LocalName is "ul" or "ol" && !alternate ? element.LocalName + blocks.Count : null;
            else if (previousList is not null) previousList = previousList[..2] + blocks.Count;
        }
        Flush();
        return blocks;
    }

    private static IEnumerable<string> Block(IElement element, bool alternate = false)
    {
        var name = element.LocalName;
        if (DroppedNames.Contains(name)) return [];
        switch (name)
        {
            case "p":
            case "dt" or "dd" or "li" or "figcaption" or "caption" or "summary" or "address":
                var paragraph = Paragraph(element.ChildNodes);
                return paragraph.Length == 0 ? [] : [paragraph];
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var heading = Inline(element.ChildNodes, singleLine: true);
                // A run of '#' at the end would be read as the heading's closing sequence.
                var closing = heading.TrimEnd('#');
                if (closing.Length < heading.Length && (closing.Length == 0 || closing.EndsWith(' '))) heading = closing + "\\" + heading[closing.Length..];
                return heading.Length == 0 ? [] : [new string('#', name[1] - '0') + " " + heading];
            case "ul" or "ol":
                return List(element, alternate) is { } list ? [list] : [Html(element)];
            case "blockquote":
                var quoted = Blocks(element.ChildNodes);
                if (quoted.Count == 0) return [];
                return [string.Join("\n", string.Join("\n\n", quoted).Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l))];
            case "pre":
                return [Code(element)];
            case "hr":
                return ["---"];
            case "figure":
                return Figure(element) is { } figure ? [figure] : [Html(element)];
        }
        if (TransparentNames.Contains(name)) return Blocks(element.ChildNodes);
        return [Html(element)];
    }

    /// <summary>A list in Markdown, or null when an item holds what a list item cannot say in Markdown.</summary>
    private static string? List(IElement list, bool alternate)
    {
        var ordered = list.LocalName == "ol";
        var number = ordered && int.TryParse(list.GetAttribute("start"), out var start) && start is >= 0 and < 1_000_000_000 ? start : 1;
        var items = new List<List<string>>();
        foreach (var child in list.Children)
        {
            if (child.LocalName != "li") return null;
            items.Add(Blocks(child.ChildNodes));
        }
        if (items.Count == 0) return null;
        // Tight unless an item has several blocks that are not just text and a nested list.
        var loose = items.Any(blocks => blocks.Count > 2 || (blocks.Count == 2 && !IsListBlock(blocks[1])));
        var text = new StringBuilder();
        foreach (var blocks in items)
        {
            if (text.Length > 0) text.Append(loose ? "\n\n" : "\n");
            var marker = ordered ? $"{number++}{(alternate ? ')' : '.')} " : alternate ? "* " : "- ";
            var body = new StringBuilder();
            for (var b = 0; b < blocks.Count; b++)
            {
                if (b > 0) body.Append(loose || !IsListBlock(blocks[b]) ? "\n\n" : "\n");
                body.Append(blocks[b]);
            }
            // Continuation lines are indented to the item's content, so nested blocks stay inside the item.
            var lines = body.ToString().Split('\n');
            text.Append(marker).Append(lines[0]);
            for (var l = 1; l < lines.Length; l++)
                text.Append('\n').Append(lines[l].Length == 0 ? "" : new string(' ', marker.Length) + lines[l]);
        }
        return text.ToString();
    }

    private static bool IsListBlock(string block) =>
        block.StartsWith("- ", StringComparison.Ordinal) || block.StartsWith("* ", StringComparison.Ordinal)
        || (block.TakeWhile(char.IsAsciiDigit).Count() is var digits and > 0 && block.Length > digits + 1 && block[digits] is '.' or ')' && block[digits + 1] == ' ');

    private static string Code(IElement pre)
    {
        var code = pre.Children.Length == 1 && pre.FirstElementChild!.LocalName == "code" && pre.ChildNodes.Length == 1 ? pre.FirstElementChild : pre;
        var text = code.TextContent.Replace("\r\n", "\n").TrimEnd('\n');
        if (text.StartsWith('\n')) text = text[1..];
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        var language = Language(code) ?? Language(pre) ?? "";
        return $"{fence}{language}\n{text}\n{fence}";
    }

    /// <summary>The language of a code block from a <c>language-x</c> or <c>lang-x</c> class, if it is a plain word.</summary>
    private static string? Language(IElement element)
    {
        foreach (var c in element.ClassList)
        {
            var name = c.StartsWith("language-", StringComparison.Ordinal) ? c[9..] : c.StartsWith("lang-", StringComparison.Ordinal) ? c[5..] : null;
            if (name is { Length: > 0 and < 30 } && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '+' or '#')) return name;
        }
        return null;
    }

    /// <summary>A figure of one image (a link around it allowed) and an optional caption, as Markdig's figure syntax.</summary>
    private static string? Figure(IElement figure)
    {
        IElement? image = null, caption = null;
        foreach (var node in figure.ChildNodes)
        {
            if (node is IText t) { if (string.IsNullOrWhiteSpace(t.Data)) continue; return null; }
            if (node is not IElement e) continue;
            if (e.LocalName == "figcaption" && caption is null) caption = e;
            else if (image is null && IsImage(e)) image = e;
            else if (image is null && e.LocalName is "p" or "div" && e.Children.Length == 1 && IsImage(e.Children[0]) && string.IsNullOrWhiteSpace(e.TextContent)) image = e.Children[0];
            else return null;
        }
        if (image is null) return null;
        var picture = Inline([image], singleLine: true);
        if (caption is null) return picture;
        var text = Inline(caption.ChildNodes, singleLine: true);
        return text.Length == 0 ? picture : $"^^^\n{picture}\n^^^ {text}";
    }

    private static bool IsImage(IElement e) =>
        e.LocalName == "img" || (e.LocalName == "a" && e.Children.Length == 1 && e.Children[0].LocalName == "img" && string.IsNullOrWhiteSpace(e.TextContent));

    private static string Paragraph(IEnumerable<INode> nodes) => Inline(nodes, singleLine: false);

    private static string Inline(IEnumerable<INode> nodes, bool singleLine)
    {
        var writer = new InlineWriter(singleLine);
        foreach (var node in nodes) writer.Write(node);
        return writer.Finish();
    }

    /// <summary>An element kept as HTML: serialized with no blank line inside, so the Markdown HTML block holds it whole.</summary>
    internal static string Html(IElement element) => element.ToHtml(HtmlBlockFormatter.Instance).Trim();

    internal static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>Inline content written as Markdown: whitespace collapsed as a browser would, text escaped.</summary>
    private sealed class InlineWriter(bool singleLine, string openMarkers = "")
    {
        private readonly StringBuilder _text = new();
        private bool _pendingSpace;
        private bool _leadingSpace;
        private bool _lineStart = true;

        public void Write(INode node)
        {
            switch (node)
            {
                case IText text: Text(text.Data); break;
                case IElement element: Element(element); break;
            }
        }

        private void Text(string data)
        {
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c) && c != '\u00A0')
                {
                    _pendingSpace = true;
                    continue;
                }
                EmitSpace();
                _text.Append(c);
                _lineStart = false;
            }
        }

        /// <summary>
        /// Writes the white space met before what comes next: one space, none at a line start; at the very start of a
        /// nested writer it is remembered, for the element around it to put outside its markers.
        /// </summary>
        private void EmitSpace()
        {
            if (_pendingSpace)
            {
                if (_text.Length == 0) _leadingSpace = true;
                else if (!_lineStart) _text.Append(' ');
            }
            _pendingSpace = false;
        }

        /// <summary>Markdown this writer made itself: appended as is.</summary>
        private void Raw(string markdown)
        {
            if (markdown.Length == 0) return;
            EmitSpace();
            _text.Append(RawMarker).Append(markdown).Append(RawMarker);
            _lineStart = false;
        }

        private void Element(IElement element)
        {
            var name = element.LocalName;
            if (DroppedNames.Contains(name)) return;
            switch (name)
            {
                case "br":
                    if (singleLine) { _pendingSpace = true; return; }
                    _text.Append(RawMarker).Append(BreakMarker).Append(RawMarker);
                    _pendingSpace = false;
                    _lineStart = true;
                    return;
                case "wbr":
                    return;
                case "strong" or "b":
                    Emphasis(element, "**", "strong");
                    return;
                case "em" or "i":
                    Emphasis(element, "*", "em");
                    return;
                case "del" or "s" or "strike":
                    Emphasis(element, "~~", "del");
                    return;
                case "code" or "tt":
                    var content = element.TextContent;
                    var code = Collapse(content);
                    if (code.Length == 0) { Spaces(content); return; }
                    if (char.IsWhiteSpace(content[0])) _pendingSpace = true;
                    // Right after another code span the backticks would run together: HTML then.
                    // (Inside inline HTML the text is still Markdown: escaped as text.)
                    if (!_pendingSpace && EndsWithBacktick())
                        Raw("<code>" + Escape(code, lineStart: false) + "</code>");
                    else
                    {
                        var ticks = new string('`', LongestRun(code, '`') + 1);
                        var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
                        Raw(ticks + pad + code + pad + ticks);
                    }
                    if (char.IsWhiteSpace(content[^1])) _pendingSpace = true;
                    return;
                case "a":
                    Link(element);
                    return;
                case "img":
                    Image(element);
                    return;
                case "iframe" or "video" or "audio":
                    Raw(Html(element).Replace('\n', ' '));
                    return;
            }
            if (KeptInlineNames.Contains(name) || (name == "span" && (element.HasAttribute("lang") || element.HasAttribute("dir"))))
            {
                var inner = Nested(element);
                if (inner.Trim().Length == 0) { Spaces(inner); return; }
                var open = new StringBuilder("<").Append(name);
                foreach (var attribute in (string[])["lang", "dir", "title", "datetime", "cite"])
                    if (element.GetAttribute(attribute) is { } value)
                        open.Append(' ').Append(attribute).Append("=\"").Append(System.Net.WebUtility.HtmlEncode(value)).Append('"');
                open.Append('>');
                Lead(inner);
                Raw(open.ToString());
                Merge(inner.Trim());
                Raw($"</{name}>");
                Trail(inner);
                return;
            }
            // Wrappers (span, font) and blocks met inside a line: their content, in the line.
            if (!InlineNames.Contains(name)) _pendingSpace = true;
            foreach (var child in element.ChildNodes) Write(child);
            if (!InlineNames.Contains(name)) _pendingSpace = true;
        }

        /// <summary>The last character written (markers aside), or '\0'.</summary>
        private char LastWritten()
        {
            for (var i = _text.Length - 1; i >= 0; i--)
                if (_text[i] != RawMarker[0]) return _text[i];
            return '\0';
        }

        private bool EndsWithBacktick() => LastWritten() == '`';

        /// <summary>The content of an element as Markdown of its own (markers kept), to be wrapped.</summary>
        private string Nested(IElement element, string marker = "")
        {
            var writer = new InlineWriter(singleLine, openMarkers + marker + " ");
            foreach (var child in element.ChildNodes) writer.Write(child);
            return (writer._leadingSpace ? " " : "") + writer._text.ToString() + (writer._pendingSpace ? " " : "");
        }

        private void Emphasis(IElement element, string marker, string tag)
        {
            var inner = Nested(element, marker);
            var trimmed = inner.Trim();
            if (trimmed.Length == 0) { Spaces(inner); return; }
            Lead(inner);
            // A delimiter run next to punctuation may not open or close emphasis (CommonMark's flanking rules): HTML always does.
            var visible = Visible(trimmed);
            // Emphasis inside the same emphasis ("*a *b* c*"), or right after a delimiter ("**a****b**"), would run
            // together in Markdown: HTML too.
            var safe = visible.Length > 0 && !IsPunctuation(visible[0]) && !IsPunctuation(visible[^1])
                && !trimmed.Contains(RawMarker + BreakMarker, StringComparison.Ordinal)
                && !openMarkers.Split(' ').Contains(marker)
                && (_pendingSpace || !IsPunctuation(LastWritten()));
            Raw(safe ? marker : $"<{tag}>");
            Merge(trimmed);
            Raw(safe ? marker : $"</{tag}>");
            Trail(inner);
        }

        private void Link(IElement element)
        {
            var href = element.GetAttribute("href")?.Trim();
            var inner = Nested(element);
            if (string.IsNullOrEmpty(href) || href.StartsWith('#') && href.Length == 1 || !HtmlPolicy.IsSafeUrl(href))
            {
                Merge(inner);
                return;
            }
            var trimmed = inner.Trim();
            // A link with nothing to click was invisible on the old page; it stays so.
            if (trimmed.Length == 0) { Spaces(inner); return; }
            Lead(inner);
            Raw("[");
            Merge(trimmed);
            var title = element.GetAttribute("title");
            Raw("](" + Destination(href) + Title(title) + ")");
            Trail(inner);
        }

        private void Image(IElement element)
        {
            var src = element.GetAttribute("src")?.Trim();
            if (string.IsNullOrEmpty(src)) return;
            var alt = Escape(Collapse(element.GetAttribute("alt") ?? ""), lineStart: false);
            Raw("![" + alt + "](" + Destination(src) + Title(element.GetAttribute("title")) + ")");
        }

        private void Lead(string inner)
        {
            if (inner.Length > 0 && inner[0] == ' ') _pendingSpace = true;
        }

        private void Trail(string inner)
        {
            if (inner.Length > 0 && inner[^1] == ' ') _pendingSpace = true;
        }

        private void Spaces(string inner)
        {
            if (inner.Length > 0) _pendingSpace = true;
        }

        /// <summary>Appends content from a nested writer (already marked) as it is.</summary>
        private void Merge(string nested)
        {
            if (nested.Length == 0) return;
            EmitSpace();
            _text.Append(nested);
            _lineStart = false;
        }

        /// <summary>
        /// The finished Markdown: text outside markers escaped (line starts too), markers removed, hard breaks as a
        /// backslash at the end of the line, and no break at the start or end.
        /// </summary>
        public string Finish()
        {
            var source = _text.ToString();
            var output = new StringBuilder(source.Length + 16);
            var lineStart = true;
            // A break is written when something follows it: none at the start or the end of the paragraph.
            var pendingBreak = false;
            var parts = source.Split(RawMarker);
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                var raw = i % 2 == 1;
                if (raw && part == BreakMarker)
                {
                    TrimEndSpaces(output);
                    pendingBreak = output.Length > 0;
                    lineStart = true;
                    continue;
                }
                if (lineStart) part = part.TrimStart(' ');
                if (part.Length == 0) continue;
                if (pendingBreak)
                {
                    output.Append("\\\n");
                    pendingBreak = false;
                }
                if (raw)
                {
                    // Text ending in '!' before a link would make it an image, unless the '!' is escaped: an odd run of
                    // backslashes before it (an even one is escaped backslashes: a literal backslash, then an image).
                    if (part[0] == '[' && output.Length > 0 && output[^1] == '!' && BackslashesBefore(output, output.Length - 1) % 2 == 0)
                        output.Insert(output.Length - 1, '\\');
                    output.Append(part);
                }
                else output.Append(Escape(part, lineStart));
                lineStart = false;
            }
            var result = output.ToString().Trim();
            // A paragraph of no-break spaces only was spacing in the old editor, not content.
            return result.AsSpan().Trim(" \u00A0\n").IsEmpty ? "" : result;
        }

        private static void TrimEndSpaces(StringBuilder text)
        {
            while (text.Length > 0 && text[^1] == ' ') text.Length--;
        }
    }

    // Private-use characters mark where Markdown made by the writer starts and ends, so escaping touches text only.
    private const string RawMarker = "\uE000";
    private const string BreakMarker = "\uE001";

    private static string Visible(string marked)
    {
        var builder = new StringBuilder();
        var parts = marked.Split(RawMarker);
        for (var i = 0; i < parts.Length; i++)
        {
            // Markup such as "**" or "[" does not count: what matters is whether a delimiter touches punctuation.
            if (i % 2 == 1) { builder.Append(parts[i].Length > 0 && !IsPunctuation(parts[i][0]) && !IsPunctuation(parts[i][^1]) ? "x" : parts[i]); continue; }
            builder.Append(parts[i]);
        }
        return builder.ToString().Trim();
    }

    /// <summary>CommonMark's punctuation: Unicode punctuation and symbols (ASCII '&lt;' and '$' included).</summary>
    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0') { space = builder.Length > 0; continue; }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Text escaped so Markdown (CommonMark and the extensions the build uses: tables, emphasis extras, figures,
    /// footnotes, lettered lists) reads it back as the same text. At a line start, what would begin a block is escaped too.
    /// </summary>
    internal static string Escape(string text, bool lineStart)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '\\' or '`' or '*' or '[' or ']' or '<' or '>' or '~' or '^' or '|' => true,
                // An underscore inside a word cannot open or close emphasis: "snake_case" stays as written.
                '_' => !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])),
                '=' or '+' => (i + 1 < text.Length && text[i + 1] == c) || (i > 0 && text[i - 1] == c),
                // A bare address would become a link: the old page showed it as text.
                ':' => text.AsSpan(i).StartsWith("://") || EndsWithWord(text, i, "mailto") || EndsWithWord(text, i, "tel"),
                '.' => EndsWithWord(text, i, "www"),
                '&' => IsEntityAhead(text, i + 1),
                '!' => i + 1 < text.Length && text[i + 1] == '[',
                _ => false,
            };
            if (escape) builder.Append('\\');
            builder.Append(c);
        }
        if (lineStart && builder.Length > 0 && NeedsLineStartEscape(builder.ToString()) is int at and >= 0) builder.Insert(at, '\\');
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="word"/> (any case) ends just before <paramref name="i"/> and starts a word.</summary>
    private static bool EndsWithWord(string text, int i, string word) =>
        i >= word.Length && text.AsSpan(i - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
        && (i == word.Length || !char.IsLetterOrDigit(text[i - word.Length - 1]));

    /// <summary>Where a backslash keeps a line from starting a block (heading, list, quote, rule, setext line), or -1.</summary>
    private static int NeedsLineStartEscape(string line)
    {
        var c = line[0];
        if (c is '#' or '=') return 0;
        if (c is '-' or '+') return 0;
        // "1. " "1) " "a. " "iv) ": an ordered or lettered list item.
        var i = 0;
        if (char.IsAsciiDigit(c)) while (i < line.Length && i < 10 && char.IsAsciiDigit(line[i])) i++;
        else if (char.IsAsciiLetter(c))
        {
            while (i < line.Length && i < 8 && char.IsAsciiLetter(line[i])) i++;
            if (i > 1 && !line[..i].All(ch => "ivxlcdmIVXLCDM".Contains(ch))) return -1;
        }
        else return -1;
        if (i > 0 && i < line.Length && line[i] is '.' or ')' && (i + 1 == line.Length || line[i + 1] == ' ')) return i;
        return -1;
    }

    private static bool IsEntityAhead(string text, int i)
    {
        var j = i;
        if (j < text.Length && text[j] == '#') j++;
        var start = j;
        while (j < text.Length && j - start < 32 && char.IsAsciiLetterOrDigit(text[j])) j++;
        return j > start && j < text.Length && text[j] == ';';
    }

    /// <summary>A link destination that Markdown reads back as the same URL: spaces, brackets and parentheses percent-encoded.</summary>
    internal static string Destination(string url)
    {
        var builder = new StringBuilder(url.Length);
        foreach (var c in url)
            builder.Append(c switch
            {
                ' ' => "%20",
                '(' => "%28",
                ')' => "%29",
                '<' => "%3C",
                '>' => "%3E",
                '\\' => "%5C",
                '\n' or '\r' or '\t' => "",
                _ => c.ToString(),
            });
        return builder.ToString();
    }

    private static string Title(string? title)
    {
        title = Collapse(title ?? "");
        if (title.Length == 0) return "";
        return " \"" + title.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    /// <summary>How many backslashes stand right before position <paramref name="at"/> of <paramref name="text"/>.</summary>
    private static int BackslashesBefore(System.Text.StringBuilder text, int at)
    {
        var count = 0;
        while (at - count - 1 >= 0 && text[at - count - 1] == '\\') count++;
        return count;
    }
}
