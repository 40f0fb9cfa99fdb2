using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Images;
using StaticNews.Pages;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Turns story versions into feed entries: the content a reader sees in a feed reader is the
/// notice (rendered once, as on the page) followed by the body, with every URL made absolute, in an
/// element that gives their language and direction. All text
/// goes through <see cref="TextTools.StripInvalid"/>: one bad character in one article (an
/// <c>&amp;#1;</c> decoded by Markdown, a theme string) must never break a whole feed.
/// </summary>
public sealed class FeedEntries
{
    private readonly SiteConfig _site;
    private readonly Theme _theme;
    private readonly Taxonomy _taxonomy;
    private readonly ImageCatalog _images;

    public FeedEntries(SiteConfig site, Theme theme, Taxonomy taxonomy, ImageCatalog images)
    {
        _site = site;
        _theme = theme;
        _taxonomy = taxonomy;
        _images = images;
    }

    public FeedEntry For(StoryVersion version)
    {
        var url = _site.AbsoluteUrl(version.Url);
        var notice = TranslationNotice.Html(version, _site, _theme);
        var corrections = CorrectionNotice.Html(version, _site, _theme);
        var body = version.Body(_site).FeedHtml;
        var language = version.Language;
        // The entry's language and direction on the content itself: many readers ignore the feed's xml:lang, and would
        // lay Arabic out left to right, or draw Japanese with Chinese glyphs. Inside, as on the page: the notice, the
        // correction box, then the body. The summary an archive carries puts its own text first, as readers list an
        // entry by its first words.
        string InLanguage(params string?[] parts) =>
            $"<div lang=\"{Html.Escape(language.Hreflang)}\" dir=\"{language.Dir}\">\n" + string.Join("\n", parts.OfType<string>()) + "\n</div>";
        var content = InLanguage(notice?.Value, corrections?.Value, body);
        var summary = InLanguage($"<p>{Html.Escape(version.Summary)}</p>", notice?.Value, corrections?.Value);
        return new FeedEntry
        {
            Id = EntryId.For(_site, version),
            Url = url,
            Hreflang = version.Language.Hreflang,
            Title = Clean(version.Title),
            Summary = Clean(version.Summary),
            ContentHtml = Clean(content),
            SummaryHtml = Clean(summary),
            Authors = version.Bylines.Select(b => new FeedPerson(Clean(b.Name(language.Code, _site.DefaultLanguage)),
                b.Author is { } author ? _site.AbsoluteUrl(Permalinks.Author(language.Code, author.Key)) : null)).ToList(),
            Published = version.Date,
            Updated = version.LastModified,
            // Names as the pages show them (the one lookup of category and tag labels: the taxonomy).
            Category = version.Category is { } c ? new FeedTerm(Clean(_taxonomy.Category(c).Label(language.Code)), _site.AbsoluteUrl(_taxonomy.CategoryUrl(language.Code, c))) : null,
            Tags = version.Tags.Select(t => new FeedTerm(Clean(_taxonomy.Tag(t).Label(language.Code)), _site.AbsoluteUrl(_taxonomy.TagUrl(language.Code, t)))).ToList(),
            Image = Image(version),
            OtherVersions = version.Story.Versions.Where(v => v != version)
                .Select(v => new FeedVersionLink(v.Language.Hreflang, _site.AbsoluteUrl(v.Url))).ToList(),
        };
    }

    /// <summary>The version's lead image: the fallback-format file at most 1200 px wide, and the narrowest as thumbnail.</summary>
    private FeedImage? Image(StoryVersion version)
    {
        if (_images.LeadOf(version) is not { } lead) return null;
        var image = lead.Image;
        var format = image.Source.Fallback;
        FeedImageFile File(ImageVariant v) => new(_images.AbsoluteUrl(image, v), v.Width, v.Height, image.LengthOf(v), ImageFormats.MediaType(v.Format));
        return new FeedImage(File(image.Fitting(format, 1200)), File(image.In(format).First()),
            Clean(lead.Caption ?? lead.Alt) is { Length: > 0 } description ? description : null, lead.Credit is { } credit ? Clean(credit) : null);
    }

    public static string Clean(string text) => TextTools.StripInvalid(text);
}
