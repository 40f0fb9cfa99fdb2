using System.Buffers;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StaticNews.Content;

/// <summary>
/// Markdown to HTML with CommonMark and the common extensions. Pipelines built once, thread-safe.
/// Link and image URLs with a script-capable scheme are neutralised whatever the policy; raw HTML is
/// cleaned by <see cref="HtmlPolicy"/> unless the site trusts it.
/// </summary>
public sealed class MarkdownRenderer(HtmlPolicy? policy = null)
{
    private readonly HtmlPolicy _policy = policy ?? HtmlPolicy.Default;

    /// <summary>The pipeline: CommonMark with the common extensions.</summary>
    internal MarkdownPipeline WithAutoLinks { get; } = Build(autoLinks: true);

    /// <summary>
    /// The same without bare-URL autolinks. The autolink parser makes the inline parser stop at every h, f, m, t
    /// and w of the prose to look for one: a tenth of a build's parsing. A body that holds none of the text such a
    /// link starts with cannot contain one, and is parsed without it into the same document.
    /// </summary>
    private readonly MarkdownPipeline _withoutAutoLinks = Build(autoLinks: false);

    private static readonly SearchValues<string> BareLinkStarts =
        SearchValues.Create(["://", "www.", "mailto:", "tel:"], StringComparison.OrdinalIgnoreCase);

    private static MarkdownPipeline Build(bool autoLinks) => Extensions(autoLinks).Build();

    /// <summary>The syntax stories are written in: also what <c>staticnews translate</c> parses, so it sees the text a page shows.</summary>
    internal static MarkdownPipelineBuilder Extensions(bool autoLinks)
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseGridTables()
            .UseFootnotes()
            .UseEmphasisExtras()
            .UseTaskLists();
        if (autoLinks) builder.UseAutoLinks();
        return builder
            .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
            .UseFigures()
            .UseListExtras();
    }

    private MarkdownPipeline PipelineFor(string markdown) =>
        markdown.AsSpan().ContainsAny(BareLinkStarts) ? WithAutoLinks : _withoutAutoLinks;

    /// <summary>The body as HTML: script-capable link URLs neutralised, raw HTML cleaned by the policy.</summary>
    public string Html(string markdown) => Html(markdown, PipelineFor(markdown));

    internal string Html(string markdown, MarkdownPipeline pipeline)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var hasRawHtml = NeutraliseUnsafeUrls(document);
        var html = document.ToHtml(pipeline);
        // Markdig escapes everything it writes itself; only raw HTML blocks and inlines need cleaning.
        return hasRawHtml ? _policy.Clean(html) : html;
    }

    /// <summary>The visible text of paragraphs and headings (for summaries), without rendering HTML.</summary>
    public string PlainText(string markdown) => PlainText(markdown, PipelineFor(markdown));

    internal static string PlainText(string markdown, MarkdownPipeline pipeline) => PlainText(Markdown.Parse(markdown, pipeline));

    /// <summary>
    /// The summary of a body (<see cref="TextTools.Summarize"/> of its plain text), parsing only the paragraphs it
    /// reads: the body up to a blank line, if that gives enough words. Blocks before a blank line parse the same
    /// whatever follows, except where a link reference or footnote defined further down is used: a '[' in them
    /// means the whole body.
    /// </summary>
    public string Summary(string markdown, int words) => Summary(markdown, words, firstCut: 2048);

    internal string Summary(string markdown, int words, int firstCut)
    {
        var needed = TextTools.WordsRead(words);
        for (int cut = firstCut, end; cut < markdown.Length; cut = Math.Max(cut * 4, end + 1))
        {
            end = StartOfBlankLine(markdown, cut);
            if (end < 0) break;
            var head = markdown[..end];
            if (head.Contains('[')) break;
            var text = PlainText(head);
            if (TextTools.HasWords(text, needed)) return TextTools.Summarize(text, words);
        }
        return TextTools.Summarize(PlainText(markdown), words);
    }

    /// <summary>Where the first blank line (only spaces and tabs) at or after <paramref name="from"/> starts; -1 if none.</summary>
    private static int StartOfBlankLine(string text, int from)
    {
        for (var newline = text.IndexOf('\n', from); newline >= 0; newline = text.IndexOf('\n', newline + 1))
        {
            var i = newline + 1;
            while (i < text.Length && text[i] is ' ' or '\t' or '\r') i++;
            if (i < text.Length && text[i] == '\n') return newline + 1;
        }
        return -1;
    }

    /// <summary>
    /// [x](javascript:...), ![x](data:...) and &lt;vbscript:...&gt; lead nowhere instead. Returns whether the
    /// document holds raw HTML: one walk over the tree answers both.
    /// </summary>
    private static bool NeutraliseUnsafeUrls(MarkdownDocument document)
    {
        var hasRawHtml = false;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock or HtmlInline:
                    hasRawHtml = true;
                    break;
                case LinkInline link when !HtmlPolicy.IsSafeUrl(link.Url):
                    link.Url = "#";
                    break;
                case AutolinkInline auto when !auto.IsEmail && !HtmlPolicy.IsSafeUrl(auto.Url):
                    auto.Url = "#";
                    break;
            }
        }
        return hasRawHtml;
    }

    /// <summary>The visible text of paragraphs and headings, blocks separated by a blank.</summary>
    private static string PlainText(MarkdownDocument document)
    {
        var text = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is not (ParagraphBlock or HeadingBlock) || block.Inline is null) continue;
            if (text.Length > 0) text.Append(' ');
            foreach (var inline in block.Inline.Descendants())
            {
                switch (inline)
                {
                    case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case LineBreakInline: text.Append(' '); break;
                }
            }
        }
        return text.ToString();
    }
}
