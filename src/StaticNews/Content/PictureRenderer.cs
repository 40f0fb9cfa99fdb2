using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;
using StaticNews.Images;

namespace StaticNews.Content;

/// <summary>
/// Markdown images that name a file of the story folder are written as that image's <c>&lt;picture&gt;</c> (every
/// width in AVIF, WebP and the fallback format, lazily loaded); every other link and image as Markdig writes it.
/// </summary>
internal sealed class PictureRenderer(LinkInlineRenderer links, StoryImages images) : HtmlObjectRenderer<LinkInline>
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!link.IsImage || images.Find(link.Url) is not { } image)
        {
            ((Markdig.Renderers.IMarkdownObjectRenderer)links).Write(renderer, link);
            return;
        }
        // The renderer's link rewriter makes the feeds' copy of every file's URL absolute, as for any link.
        renderer.Write(PictureHtml.Of(images.Catalog, image, MarkdownRenderer.TextOf(link), link.Title, PictureHtml.ColumnSizes, ImageLoading.Lazy,
            renderer.LinkRewriter));
    }
}
