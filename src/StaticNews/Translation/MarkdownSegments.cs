using System.Text;
using Markdig;
using Markdig.Extensions.Figures;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StaticNews.Content;

namespace StaticNews.Translation;

/// <summary>
/// A story body cut into the text to translate and everything else. The body is parsed with the same
/// Markdown syntax the build renders (Markdig, <see cref="MarkdownRenderer.Extensions"/>); each block's inline
/// content becomes a <see cref="Segment"/>, and the rest — block structure, code blocks, raw HTML blocks, link
/// reference definitions, list markers, quote markers, blank lines — is the skeleton the translations are put
/// back into (<see cref="Apply"/>), so the translated file has the original's structure line for line.
/// </summary>
public sealed class MarkdownSegments
{
    private static readonly MarkdownPipeline Pipeline = MarkdownRenderer.Extensions(autoLinks: true).UsePreciseSourceLocation().Build();

    private readonly string _source;
    private readonly List<Slot> _slots;

    /// <summary>Where a segment's text stands in the body, and how its translation must be written there.</summary>
    private sealed record Slot(Segment Segment, int Start, int End, bool InTable, string ContinuationPrefix);

    private MarkdownSegments(string source, List<Slot> slots)
    {
        _source = source;
        _slots = slots;
    }

    /// <summary>The body's segments, in reading order; ids are <c>body-1</c>, <c>body-2</c>...</summary>
    public IReadOnlyList<Segment> Segments => _slots.Select(s => s.Segment).ToList();

    /// <summary>The body's blocks skipped because their layout cannot take text of another length (grid tables).</summary>
    public int SkippedGridTables { get; private init; }

    public static MarkdownSegments Parse(string body)
    {
        body = body.Replace("\r\n", "\n").Replace('\r', '\n');
        var document = Markdown.Parse(body, Pipeline);
        var slots = new List<Slot>();
        var gridTables = 0;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is null || block.Inline.FirstChild is null) continue;
            if (block is not (ParagraphBlock or HeadingBlock or FigureCaption)) continue;
            var table = block.Parent?.Parent?.Parent as Table;
            if (table is not null && IsGridTable(table, body))
            {
                // A grid table's cells are drawn to fixed widths: text of another length would tear the grid.
                gridTables++;
                continue;
            }
            var reader = new InlineReader(body);
            var nodes = reader.Read(block.Inline);
            if (nodes is null) continue;
            var (start, end) = reader.Extent(block.Inline);
            if (start < 0 || end < start) continue;
            slots.Add(new Slot(new Segment($"body-{slots.Count + 1}", nodes), start, end, table is not null, ContinuationPrefix(body, start)));
        }
        return new MarkdownSegments(body, slots) { SkippedGridTables = gridTables };
    }

    private static bool IsGridTable(Table table, string body) =>
        table.Span.Start >= 0 && table.Span.Start < body.Length && body[table.Span.Start] == '+';

    /// <summary>
    /// What a new line inside the block starts with: the container markers before the block's first line with
    /// quote markers kept and list markers turned into spaces (<c>&gt; - text</c> gives <c>&gt;   </c>).
    /// </summary>
    private static string ContinuationPrefix(string body, int start)
    {
        var lineStart = body.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        if (start <= lineStart) return "";
        var prefix = new StringBuilder(start - lineStart);
        foreach (var c in body.AsSpan(lineStart, start - lineStart)) prefix.Append(c is '>' or '\t' ? c : ' ');
        return prefix.ToString();
    }

    /// <summary>
    /// The body with each segment replaced by its translation (segments without one keep their original text);
    /// <paramref name="translations"/> maps a segment id to its translated nodes.
    /// </summary>
    public string Apply(IReadOnlyDictionary<string, IReadOnlyList<SegmentNode>> translations)
    {
        var result = new StringBuilder(_source.Length + _source.Length / 4);
        var position = 0;
        foreach (var slot in _slots)
        {
            result.Append(_source, position, slot.Start - position);
            if (translations.TryGetValue(slot.Segment.Id, out var translated))
                result.Append(MarkdownText.Write(translated, slot.InTable, slot.ContinuationPrefix));
            else
                result.Append(_source, slot.Start, slot.End + 1 - slot.Start);
            position = slot.End + 1;
        }
        result.Append(_source, position, _source.Length - position);
        return result.ToString();
    }

    /// <summary>Turns one block's inlines into segment nodes; protected and markup pieces are numbered from 1 per segment.</summary>
    private sealed class InlineReader(string source)
    {
        private int _nextId = 1;
        private bool _failed;

        public IReadOnlyList<SegmentNode>? Read(ContainerInline container)
        {
            var nodes = Children(container);
            return _failed ? null : Merge(nodes);
        }

        /// <summary>The first and last source positions of the block's inline content.</summary>
        public (int Start, int End) Extent(ContainerInline container)
        {
            int start = int.MaxValue, end = -1;
            for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                if (IsGenerated(inline)) continue;
                start = Math.Min(start, inline.Span.Start);
                end = Math.Max(end, inline.Span.End);
            }
            return start == int.MaxValue ? (-1, -1) : (start, end);
        }

        private List<SegmentNode> Children(ContainerInline container)
        {
            var nodes = new List<SegmentNode>();
            for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
                if (!IsGenerated(inline)) nodes.Add(Node(inline));
            return nodes;
        }

        /// <summary>An inline the parser made that is not in the source (a footnote's back link): the renderer adds it again.</summary>
        private static bool IsGenerated(Inline inline) => inline.Span.Start < 0 || inline.Span.End < inline.Span.Start;

        private SegmentNode Node(Inline inline)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    return new TextNode(literal.Content.ToString());
                case HtmlEntityInline entity:
                    return new TextNode(entity.Transcoded.ToString());
                case LineBreakInline { IsHard: false }:
                    return new TextNode(" ");
                case LineBreakInline:
                    return new ProtectedNode(_nextId++, ProtectedKind.LineBreak, "", "");
                case CodeInline code:
                    return Protected(ProtectedKind.Code, inline, code.Content);
                case HtmlInline:
                    return Protected(ProtectedKind.Html, inline, "");
                case AutolinkInline auto:
                    return Protected(ProtectedKind.Url, inline, auto.Url);
                case LinkInline { IsAutoLink: true } bare:
                    return Protected(ProtectedKind.Url, inline, bare.Url ?? "");
                case LinkInline link when link.FirstChild is not null:
                    return Link(link);
                case EmphasisInline emphasis when emphasis.FirstChild is not null:
                    return Emphasis(emphasis);
                case TaskList:
                    return Protected(ProtectedKind.Other, inline, "");
                default:
                    // Anything else (a footnote reference, an empty link) is kept exactly as written.
                    return Protected(ProtectedKind.Other, inline, "");
            }
        }

        private ProtectedNode Protected(ProtectedKind kind, Inline inline, string shown)
        {
            var text = SourceOf(inline);
            if (text is null) _failed = true;
            return new ProtectedNode(_nextId++, kind, text ?? "", shown);
        }

        private string? SourceOf(Inline inline) =>
            inline.Span.Start >= 0 && inline.Span.End < source.Length && inline.Span.End >= inline.Span.Start
                ? source.Substring(inline.Span.Start, inline.Span.Length)
                : null;

        private SegmentNode Emphasis(EmphasisInline emphasis)
        {
            var id = _nextId++;
            var kind = (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
            {
                ('*' or '_', 1) => MarkupKind.Emphasis,
                ('*' or '_', _) => MarkupKind.Strong,
                ('~', 1) => MarkupKind.Subscript,
                ('~', _) => MarkupKind.Strikethrough,
                ('^', _) => MarkupKind.Superscript,
                ('+', _) => MarkupKind.Inserted,
                _ => MarkupKind.Marked,
            };
            // '*' rather than '_': an underscore does not open emphasis inside a word, and a translation may put the words against others (CJK).
            var delimiter = new string(emphasis.DelimiterChar == '_' ? '*' : emphasis.DelimiterChar, emphasis.DelimiterCount);
            return new MarkupNode(id, kind, delimiter, delimiter, Children(emphasis));
        }

        /// <summary>
        /// A link or image: its text (an image's alt text) is translated, the brackets and everything after them
        /// (URL, title, reference label) are kept as written. A reference link written by its text alone
        /// (<c>[text]</c> or <c>[text][]</c>) gets its label spelled out, since the text it was found by changes.
        /// </summary>
        private SegmentNode Link(LinkInline link)
        {
            var id = _nextId++;
            var first = link.FirstChild!;
            Inline last = first;
            while (last.NextSibling is not null) last = last.NextSibling;
            if (link.Span.Start < 0 || first.Span.Start < link.Span.Start || last.Span.End > link.Span.End)
            {
                _failed = true;
                return new TextNode("");
            }
            var open = source[link.Span.Start..first.Span.Start];
            var close = source[(last.Span.End + 1)..(link.Span.End + 1)];
            if (link.Label is not null && close is "]" or "][]")
                close = "][" + source[first.Span.Start..(last.Span.End + 1)] + "]";
            return new MarkupNode(id, link.IsImage ? MarkupKind.Image : MarkupKind.Link, open, close, Children(link));
        }

        /// <summary>Adjacent text pieces joined (Markdig splits text at every character it looked at).</summary>
        private static List<SegmentNode> Merge(List<SegmentNode> nodes)
        {
            var merged = new List<SegmentNode>(nodes.Count);
            foreach (var node in nodes)
            {
                var current = node is MarkupNode m ? m with { Children = Merge([.. m.Children]) } : node;
                if (current is TextNode text && merged.Count > 0 && merged[^1] is TextNode previous)
                    merged[^1] = new TextNode(previous.Text + text.Text);
                else
                    merged.Add(current);
            }
            return merged;
        }
    }
}
