using System.Buffers;
using System.Text;
using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StaticNews.Images;

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

    /// <summary>
    /// The body for its page at <paramref name="pageUrl"/> and for feeds: script-capable link URLs neutralised, raw
    /// HTML cleaned by the policy, and in the feeds' copy every URL absolute (see <see cref="RenderedBody"/>).
    /// </summary>
    /// With <paramref name="images"/> (the story folder's published images), Markdown images of them are pictures.
    public RenderedBody Render(string markdown, Uri pageUrl, StoryImages? images = null) => Render(markdown, PipelineFor(markdown), pageUrl, images);

    internal RenderedBody Render(string markdown, MarkdownPipeline pipeline, Uri pageUrl, StoryImages? images = null)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var (hasRawHtml, hasRelativeLinks) = NeutraliseUnsafeUrls(document);
        var html = images is null ? document.ToHtml(pipeline) : PageHtml(document, pipeline, images);
        // Markdig escapes everything it writes itself; only raw HTML blocks and inlines need cleaning, and the cleaning
        // then makes the feeds' copy of every URL absolute, Markdown's and the raw HTML's alike.
        if (hasRawHtml) return _policy.Clean(html, pageUrl);
        return hasRelativeLinks ? new RenderedBody(html, FeedHtml(document, pipeline, pageUrl, images)) : RenderedBody.Fixed(html);
    }

    private static string PageHtml(MarkdownDocument document, MarkdownPipeline pipeline, StoryImages images)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        WithPictures(renderer, images);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static void WithPictures(HtmlRenderer renderer, StoryImages? images)
    {
        if (images is null) return;
        var links = renderer.ObjectRenderers.FindExact<LinkInlineRenderer>()!;
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new PictureRenderer(links, images));
    }

    /// <summary>
    /// The document rendered again with every URL Markdig writes made absolute. Its link rewriter sees every URL written
    /// through <see cref="HtmlRenderer.WriteEscapeUrl"/>; two renderers are replaced because they bypass it or misuse it:
    /// footnote links are written as fixed text, and an e-mail autolink's address would be resolved as a path.
    /// </summary>
    private static string FeedHtml(MarkdownDocument document, MarkdownPipeline pipeline, Uri pageUrl, StoryImages? images)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var renderer = new HtmlRenderer(writer) { LinkRewriter = url => PageLinks.IsRelative(url) ? PageLinks.Absolute(EscapedAsOnThePage(url), pageUrl) : url };
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlFootnoteLinkRenderer>(new AbsoluteFootnoteLinkRenderer());
        renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new EmailAsWrittenAutolinkRenderer());
        WithPictures(renderer, images);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// A relative URL with the escapes Markdig writes on the page (a backslash as %5C, a space as %20, ...), so that it
    /// resolves to where the page's link leads: the rewriter sees the URL before Markdig escapes it, and a browser
    /// reads a backslash it is given as a slash. '&amp;' is left for Markdig, which writes it as an entity.
    /// </summary>
    private static string EscapedAsOnThePage(string url)
    {
        var escaped = new StringBuilder(url.Length + 8);
        foreach (var c in url)
        {
            if (c < 128 && c != '&' && HtmlHelper.EscapeUrlCharacter(c) is { } escape) escaped.Append(escape);
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Markdig's footnote links (<c>#fn:1</c>, <c>#fnref:1</c>), written through the renderer's link rewriter.</summary>
    private sealed class AbsoluteFootnoteLinkRenderer : HtmlFootnoteLinkRenderer
    {
        protected override void Write(HtmlRenderer renderer, FootnoteLink link)
        {
            if (link.IsBackLink)
            {
                renderer.Write("<a href=\"").WriteEscapeUrl($"#fnref:{link.Index}").Write($"\" class=\"{FootnoteBackLinkClass}\">{BackLinkString}</a>");
                return;
            }
            var order = link.Footnote.Order;
            renderer.Write($"<a id=\"fnref:{link.Index}\" href=\"").WriteEscapeUrl($"#fn:{order}").Write($"\" class=\"{FootnoteLinkClass}\"><sup>{order}</sup></a>");
        }
    }

    /// <summary>An e-mail autolink (<c>&lt;desk@example.org&gt;</c>) as Markdig writes it, its address not taken for a relative path.</summary>
    private sealed class EmailAsWrittenAutolinkRenderer : AutolinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, AutolinkInline link)
        {
            if (!link.IsEmail)
            {
                base.Write(renderer, link);
                return;
            }
            var rewriter = renderer.LinkRewriter;
            renderer.LinkRewriter = null;
            base.Write(renderer, link);
            renderer.LinkRewriter = rewriter;
        }
    }

    /// <summary>The text of an inline's children as a reader sees it (an image's alt text), unescaped.</summary>
    internal static string TextOf(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container.Descendants())
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append(' '); break;
            }
        return text.ToString();
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
    /// [x](javascript:...), ![x](data:...) and &lt;vbscript:...&gt; lead nowhere instead. Returns whether the document
    /// holds raw HTML and whether any link is relative to the page (a feed needs it made absolute): one walk answers all.
    /// </summary>
    private static (bool HasRawHtml, bool HasRelativeLinks) NeutraliseUnsafeUrls(MarkdownDocument document)
    {
        bool hasRawHtml = false, hasRelativeLinks = false;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock or HtmlInline:
                    hasRawHtml = true;
                    break;
                case LinkInline link:
                    if (!HtmlPolicy.IsSafeUrl(link.Url)) link.Url = "#";
                    hasRelativeLinks |= link.GetDynamicUrl is not null || PageLinks.IsRelative(link.Url ?? "");
                    break;
                case AutolinkInline auto when !auto.IsEmail:
                    if (!HtmlPolicy.IsSafeUrl(auto.Url)) auto.Url = "#";
                    hasRelativeLinks |= PageLinks.IsRelative(auto.Url);
                    break;
                case FootnoteLink:
                    hasRelativeLinks = true;
                    break;
            }
        }
        return (hasRawHtml, hasRelativeLinks);
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
