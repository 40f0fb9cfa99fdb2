using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StaticNews.Content;

/// <summary>
/// Markdown to HTML with CommonMark and the common extensions. One pipeline, built once, thread-safe.
/// Link and image URLs with a script-capable scheme are neutralised whatever the policy; raw HTML is
/// cleaned by <see cref="HtmlPolicy"/> unless the site trusts it.
/// </summary>
public sealed class MarkdownRenderer(HtmlPolicy? policy = null)
{
    private readonly HtmlPolicy _policy = policy ?? HtmlPolicy.Default;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFigures()
        .UseListExtras()
        .Build();

    /// <summary>The body as HTML: script-capable link URLs neutralised, raw HTML cleaned by the policy.</summary>
    public string Html(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        var hasRawHtml = NeutraliseUnsafeUrls(document);
        var html = document.ToHtml(_pipeline);
        // Markdig escapes everything it writes itself; only raw HTML blocks and inlines need cleaning.
        return hasRawHtml ? _policy.Clean(html) : html;
    }

    /// <summary>The visible text of paragraphs and headings (for summaries), without rendering HTML.</summary>
    public string PlainText(string markdown) => PlainText(Markdown.Parse(markdown, _pipeline));

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
