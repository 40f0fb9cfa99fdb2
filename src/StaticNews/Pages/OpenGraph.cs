using System.Globalization;
using StaticNews.Configuration;
using StaticNews.Images;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>A <c>&lt;meta&gt;</c> in the head: <c>property</c> (Open Graph) or <c>name</c> (Twitter) with its content.</summary>
public sealed record MetaModel(string Attribute, string Key, string Content);

/// <summary>Open Graph and Twitter card tags of a story page, so shared links show title, summary and image.</summary>
public static class OpenGraph
{
    public static IReadOnlyList<MetaModel> For(StoryVersion version, SiteConfig site, Taxonomy taxonomy, LeadImage? lead, ImageCatalog images)
    {
        // The 1200×630 crop around the story's focal point: what Facebook, X, LinkedIn and messengers show large.
        var crop = lead?.Image.Crop(CropKind.Social, lead.Focus);
        var image = crop is null ? null : images.AbsoluteUrl(lead!.Image, crop);
        var meta = new List<MetaModel>
        {
            Property("og:type", "article"),
            Property("og:site_name", site.TitleFor(version.Language.Code)),
            Property("og:title", version.Title),
            Property("og:description", version.Summary),
            Property("og:url", site.AbsoluteUrl(version.Url)),
        };
        if (OpenGraphLocales.For(version.Language) is { } locale) meta.Add(Property("og:locale", locale));
        meta.AddRange(version.Story.Versions.Where(v => v != version).Select(v => OpenGraphLocales.For(v.Language)).OfType<string>()
            .Distinct().Select(l => Property("og:locale:alternate", l)));
        if (image is not null)
        {
            meta.Add(Property("og:image", image));
            meta.Add(Property("og:image:type", ImageFormats.MediaType(crop!.Format)));
            meta.Add(Property("og:image:width", crop.Width.ToString(CultureInfo.InvariantCulture)));
            meta.Add(Property("og:image:height", crop.Height.ToString(CultureInfo.InvariantCulture)));
            if (!string.IsNullOrEmpty(lead!.Alt)) meta.Add(Property("og:image:alt", lead.Alt));
        }
        meta.Add(Property("article:published_time", Localization.IsoDate(version.Date, site)));
        meta.Add(Property("article:modified_time", Localization.IsoDate(version.LastModified, site)));
        // article:author is a profile: the author's page here; a name as written stays a name.
        foreach (var byline in version.Bylines)
            meta.Add(Property("article:author", byline.Author is { } author
                ? site.AbsoluteUrl(Permalinks.Author(version.Language.Code, author.Key)) : byline.Name(version.Language.Code, site.DefaultLanguage)));
        var language = version.Language.Code;
        if (version.Category is { } category) meta.Add(Property("article:section", taxonomy.Category(category).Label(language)));
        meta.AddRange(version.Tags.Select(t => Property("article:tag", taxonomy.Tag(t).Label(language))));
        // Mastodon credits the author's fediverse account when the page is shared there.
        foreach (var handle in version.Bylines.Select(b => b.Author?.Fediverse).OfType<string>().Distinct())
            meta.Add(Name("fediverse:creator", handle));
        meta.Add(Name("twitter:card", image is null ? "summary" : "summary_large_image"));
        meta.Add(Name("twitter:title", version.Title));
        meta.Add(Name("twitter:description", version.Summary));
        if (image is not null)
        {
            meta.Add(Name("twitter:image", image));
            if (!string.IsNullOrEmpty(lead!.Alt)) meta.Add(Name("twitter:image:alt", lead.Alt));
        }
        return meta;
    }


    private static MetaModel Property(string key, string content) => new("property", key, content);
    private static MetaModel Name(string key, string content) => new("name", key, content);
}
