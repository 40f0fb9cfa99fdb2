namespace StaticNews.Translation;

/// <summary>
/// One unit of text to translate: a front matter value (title, summary, image_alt, image_caption) or the
/// inline content of one Markdown block (a paragraph, a heading, a table cell, a caption). Its text is a
/// tree of <see cref="SegmentNode"/>s: words to translate, markup around words (emphasis, links) to keep
/// around their translation, and protected pieces (code, URLs, raw HTML tags, glossary terms) that come
/// back exactly as they went. The same tree is sent to machine translation as HTML (<see cref="SegmentHtml"/>)
/// and to human translators as XLIFF inline codes (<see cref="Xliff"/>).
/// </summary>
public sealed record Segment(string Id, IReadOnlyList<SegmentNode> Nodes)
{
    /// <summary>Whether anything in it is words (a letter): a segment of only code, numbers or punctuation is kept as it is.</summary>
    public bool HasText => Texts(Nodes).Any(t => t.Any(char.IsLetter));

    /// <summary>The characters of text a provider bills (markup and protected pieces left out).</summary>
    public int Characters => Texts(Nodes).Sum(t => t.Length);

    /// <summary>The words only, in order: what a glossary check and a character count look at.</summary>
    public string PlainText => string.Concat(Texts(Nodes));

    private static IEnumerable<string> Texts(IEnumerable<SegmentNode> nodes)
    {
        foreach (var node in nodes)
            switch (node)
            {
                case TextNode text: yield return text.Text; break;
                case MarkupNode markup: foreach (var t in Texts(markup.Children)) yield return t; break;
                case TermNode term: yield return term.Term; break;
            }
    }

    /// <summary>Every node with an id (markup, protected pieces, glossary terms), depth first.</summary>
    public IEnumerable<CodedNode> Coded() => Coded(Nodes);

    private static IEnumerable<CodedNode> Coded(IEnumerable<SegmentNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is not CodedNode coded) continue;
            yield return coded;
            if (node is MarkupNode markup)
                foreach (var inner in Coded(markup.Children)) yield return inner;
        }
    }

    /// <summary>
    /// Throws <see cref="TranslationAnswerException"/> unless a translation that holds the codes <paramref name="seen"/>
    /// keeps what must come back: every link, image and protected piece, and the glossary terms sent as placeholders
    /// (<paramref name="termsSent"/>). Emphasis an answer dropped is only emphasis lost.
    /// </summary>
    public void CheckCodes(IReadOnlySet<int> seen, bool termsSent)
    {
        foreach (var node in Coded())
        {
            if (seen.Contains(node.Id)) continue;
            var required = node switch
            {
                MarkupNode m => m.Kind is MarkupKind.Link or MarkupKind.Image,
                TermNode => termsSent,
                _ => true,
            };
            if (required) throw new TranslationAnswerException($"the translation lost {node.Description}");
        }
    }
}

/// <summary>A piece of a segment's text.</summary>
public abstract record SegmentNode;

/// <summary>A piece with an id (unique in its segment), by which a translation's answer is matched to it.</summary>
public abstract record CodedNode(int Id) : SegmentNode
{
    /// <summary>What it is, for a message about an answer that lost it.</summary>
    public abstract string Description { get; }
}

/// <summary>Words, as the reader sees them (no Markdown escapes).</summary>
public sealed record TextNode(string Text) : SegmentNode;

/// <summary>What a piece of markup around words means (and how it is shown to a translator).</summary>
public enum MarkupKind { Emphasis, Strong, Strikethrough, Subscript, Superscript, Inserted, Marked, Link, Image }

/// <summary>
/// Markup around words: the words are translated, the markup stays around them. <see cref="Open"/> and
/// <see cref="Close"/> are the Markdown written before and after the words, exactly as in the original
/// (<c>**</c>, <c>[</c> and <c>](https://example.org "title")</c>, <c>![</c> and <c>](map.png)</c>).
/// </summary>
public sealed record MarkupNode(int Id, MarkupKind Kind, string Open, string Close, IReadOnlyList<SegmentNode> Children) : CodedNode(Id)
{
    public override string Description => Kind switch
    {
        MarkupKind.Link => $"the link {Close.TrimStart(']')}",
        MarkupKind.Image => $"the image {Close.TrimStart(']')}",
        _ => $"the {Kind.ToString().ToLowerInvariant()} markup",
    };
}

/// <summary>What a protected piece is.</summary>
public enum ProtectedKind { Code, Html, Url, LineBreak, Other }

/// <summary>
/// A piece that is never translated: inline code, a raw HTML tag, a URL, a footnote reference, a hard line
/// break. <see cref="Source"/> is its Markdown, restored as written; <see cref="Shown"/> is what a translator
/// sees of it (the code's text, so the sentence around it reads right).
/// </summary>
public sealed record ProtectedNode(int Id, ProtectedKind Kind, string Source, string Shown) : CodedNode(Id)
{
    public override string Description => Kind switch
    {
        ProtectedKind.Code => $"the code {Source}",
        ProtectedKind.LineBreak => "a line break",
        _ => $"the {Kind.ToString().ToLowerInvariant()} {Source}",
    };
}

/// <summary>
/// A glossary term found in the original's text: kept as it is (<see cref="Fixed"/> null) or given its fixed
/// translation in the target language.
/// </summary>
public sealed record TermNode(int Id, string Term, string? Fixed) : CodedNode(Id)
{
    public override string Description => $"the glossary term '{Term}'";

    /// <summary>What the translation must say for it: the fixed translation, or the term itself.</summary>
    public string Expected => Fixed ?? Term;
}
