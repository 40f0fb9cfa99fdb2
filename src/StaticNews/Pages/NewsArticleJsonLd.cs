using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using StaticNews.Configuration;
using StaticNews.Images;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// schema.org NewsArticle for a story page, as the body of a <c>&lt;script type="application/ld+json"&gt;</c>.
/// Translations name their original (translationOfWork); the original lists its translations (workTranslation).
/// </summary>
public static class NewsArticleJsonLd
{
    public static HtmlString For(StoryVersion version, SiteConfig site, Taxonomy taxonomy, string? logoUrl, LeadImage? lead, ImageCatalog images)
    {
        var url = site.AbsoluteUrl(version.Url);
        var publisher = new JsonObject
        {
            ["@type"] = "NewsMediaOrganization",
            ["name"] = site.TitleFor(version.Language.Code),
            ["url"] = site.AbsoluteUrl(Permalinks.Home(version.Language.Code)),
        };
        if (logoUrl is not null) publisher["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = logoUrl };

        var article = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["@id"] = url,
            ["url"] = url,
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["headline"] = version.Title,
            ["description"] = version.Summary,
            ["datePublished"] = Localization.IsoDate(version.Date, site),
            ["dateModified"] = Localization.IsoDate(version.LastModified, site),
            ["inLanguage"] = version.Language.Hreflang,
            // Without a byline the newsroom itself is the author.
            ["author"] = version.Bylines switch
            {
                [] => new JsonObject { ["@type"] = "Organization", ["name"] = site.TitleFor(version.Language.Code), ["url"] = site.AbsoluteUrl(Permalinks.Home(version.Language.Code)) },
                [var byline] => PersonJsonLd.Person(byline, version.Language, site),
                var bylines => new JsonArray([.. bylines.Select(b => (JsonNode)PersonJsonLd.Person(b, version.Language, site))]),
            },
            ["publisher"] = publisher,
        };
        // Google's Article guidance: the lead image in 16:9, 4:3 and 1:1, at least 1200 px wide, around the focal
        // point. Never the logo: Discover and Top stories skip a story whose image is a logo, so a story without
        // an image says none.
        if (lead is not null)
            article["image"] = new JsonArray([.. new[] { CropKind.Wide, CropKind.Standard, CropKind.Square }
                .Select(kind => (JsonNode)images.AbsoluteUrl(lead.Image, lead.Image.Crop(kind, lead.Focus)))]);
        var language = version.Language.Code;
        if (version.Category is { } category) article["articleSection"] = taxonomy.Category(category).Label(language);
        if (version.Tags.Count > 0) article["keywords"] = new JsonArray([.. version.Tags.Select(t => (JsonNode)taxonomy.Tag(t).Label(language))]);
        // Who translated it: the version's translator, else on a machine translation the engine that made it.
        if (version.Translator is { } translator)
            article["translator"] = PersonJsonLd.Person(translator, version.Language, site, organization: version.Kind == TranslationKind.Machine);
        else if (version.Kind == TranslationKind.Machine && version.Article.Engine is { } engine)
            article["translator"] = new JsonObject { ["@type"] = "Organization", ["name"] = Translation.ProviderCatalog.DisplayName(engine) };
        // Every correction, in this version's language where given (schema.org CorrectionComment).
        if (version.Story.Corrections.Count > 0)
            article["correction"] = new JsonArray([.. version.Story.Corrections.Select(c => CorrectionNotice.Item(c, version.Language, version.Story.Original.Language, site))
                .Select(c => (JsonNode)new JsonObject { ["@type"] = "CorrectionComment", ["datePublished"] = c.DateIso, ["text"] = c.Text })]);
        if (version.IsTranslation)
            article["translationOfWork"] = Reference(version.Story.Original, site);
        else if (version.Story.Versions.Count > 1)
            article["workTranslation"] = new JsonArray([.. version.Story.Versions.Where(v => v.IsTranslation).Select(v => (JsonNode)Reference(v, site))]);
        return Script(article);
    }

    /// <summary>JSON-LD as the body of a script element (see <see cref="Options"/>).</summary>
    public static HtmlString Script(JsonNode node) => new(node.ToJsonString(Options));

    private static JsonObject Reference(StoryVersion version, SiteConfig site) => new()
    {
        ["@type"] = "NewsArticle",
        ["@id"] = site.AbsoluteUrl(version.Url),
        ["url"] = site.AbsoluteUrl(version.Url),
        ["headline"] = version.Title,
        ["inLanguage"] = version.Language.Hreflang,
    };

    /// <summary>
    /// Letters of every script stay readable, but the encoder still writes &lt; &gt; &amp; ' + as \u003C
    /// and so on, so no value can close the script element (&lt;/script&gt;) or open a comment (&lt;!--).
    /// </summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };
}
