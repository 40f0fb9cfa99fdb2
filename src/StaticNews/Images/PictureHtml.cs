using System.Globalization;
using System.Text;
using StaticNews.Pages;

namespace StaticNews.Images;

/// <summary>How an image loads: the page's main image first (it is what the reader sees), the others when scrolled to.</summary>
public enum ImageLoading { Lazy, Lead }

/// <summary>
/// The <c>&lt;picture&gt;</c> element of a published image: AVIF and WebP sources, the fallback format in the
/// <c>&lt;img&gt;</c> with its srcset, the declared width and height (no layout shift), lazy loading and async
/// decoding except for the lead image, which is fetched first (<c>fetchpriority="high"</c>).
/// </summary>
public static class PictureHtml
{
    /// <summary>Slot widths of the default theme: a story's column, a listing card's thumbnail, an author's photo on their page.</summary>
    public const string ColumnSizes = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";
    public const string ThumbnailSizes = "(min-width: 44rem) 10rem, 7rem";
    public const string PortraitSizes = "(max-width: 30rem) 5.5rem, 7.5rem";

    /// <param name="rewrite">Applied to every URL (a feed's copy of a body makes them absolute).</param>
    public static string Of(ImageCatalog catalog, PublishedImage image, string alt, string? title, string sizes, ImageLoading loading,
        Func<string, string>? rewrite = null)
    {
        string Href(ImageVariant variant) => rewrite is null ? catalog.Href(image, variant) : rewrite(catalog.Href(image, variant));
        var html = new StringBuilder(512);
        var fallback = image.Source.Fallback;
        html.Append("<picture>");
        foreach (var format in image.Modern)
            html.Append("<source type=\"").Append(ImageFormats.MediaType(format)).Append("\" srcset=\"").Append(Srcset(image, format, Href))
                .Append("\" sizes=\"").Append(Html.Escape(sizes)).Append("\">");
        var largest = image.Largest;
        html.Append("<img src=\"").Append(Html.Escape(Href(image.Fitting(fallback, 1200))))
            .Append("\" srcset=\"").Append(Srcset(image, fallback, Href))
            .Append("\" sizes=\"").Append(Html.Escape(sizes))
            .Append("\" width=\"").Append(largest.Width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(largest.Height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(Html.Escape(alt)).Append('"');
        if (!string.IsNullOrEmpty(title)) html.Append(" title=\"").Append(Html.Escape(title)).Append('"');
        html.Append(loading == ImageLoading.Lead ? " fetchpriority=\"high\"" : " loading=\"lazy\" decoding=\"async\"");
        return html.Append("></picture>").ToString();
    }

    private static string Srcset(PublishedImage image, ImageFormat format, Func<ImageVariant, string> href) =>
        Html.Escape(string.Join(", ", image.In(format).Select(v => $"{href(v)} {v.Width.ToString(CultureInfo.InvariantCulture)}w")));
}
