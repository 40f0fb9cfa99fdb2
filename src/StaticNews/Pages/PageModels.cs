namespace StaticNews.Pages;

// The typed model the layouts see. Scriban exposes members in snake_case (page.canonical_url).
// Everything is precomputed here, so layouts only place values; URLs are final (escaped on output).

public sealed record LinkModel(string Href, string Text, string? Hreflang = null, string? Lang = null, bool Current = false, string? Dir = null);

public sealed record AlternateModel(string Hreflang, string Href);

public sealed record FeedLinkModel(string Type, string Title, string Href);

/// <summary>A category or tag link; <see cref="Lang"/> is set when the name is in another language than the page (no name given for it).</summary>
public sealed record TermModel(string Key, string Name, string Href, string? Lang = null);

/// <summary>
/// A published image as a page shows it: <see cref="Html"/> is its whole <c>&lt;picture&gt;</c> (sources, srcset,
/// sizes, width and height, loading); the parts are there for a theme that writes its own markup.
/// </summary>
public sealed record ImageModel(HtmlString Html, string Src, string Alt, int Width, int Height, string? Caption = null, string? Credit = null);

/// <summary>A byline or translator: the name in the page's language, and the author's page where they have one.</summary>
public sealed record PersonModel(string Name, string? Href);

/// <summary>What an author's page says of them (authors.yml), above their stories.</summary>
public sealed record AuthorProfileModel(string Name, string? Role, string? Bio, ImageModel? Photo, IReadOnlyList<LinkModel> Links)
{
    /// <summary>Everything shown, for the page's fingerprint.</summary>
    public IEnumerable<string?> Shown() =>
        [Name, Role, Bio, Photo?.Html.Value, .. Links.SelectMany(l => new[] { l.Text, l.Href })];
}

public sealed record ShareLinkModel(string Key, string Label, string Href);

/// <summary>
/// The translation notice (machine) or the translated-from line (human). The credit line is site.yml's credit, then the
/// engine that made this version where it records one (theme string notice_engine).
/// </summary>
public sealed record NoticeModel(string Kind, string Text, string LinkText, string LinkHref, string LinkHreflang, string? Credit, string? Stale);

public sealed record StoryModel
{
    public required string Title { get; init; }
    public required HtmlString Body { get; init; }
    public required string Summary { get; init; }
    public required string DateIso { get; init; }
    public required string DateText { get; init; }
    public string? UpdatedIso { get; init; }
    public string? UpdatedText { get; init; }
    public required IReadOnlyList<PersonModel> Authors { get; init; }
    public PersonModel? Translator { get; init; }
    public TermModel? Category { get; init; }
    public required IReadOnlyList<TermModel> Tags { get; init; }
    public ImageModel? Image { get; init; }
    public NoticeModel? Notice { get; init; }
    /// <summary>The notice rendered by the theme's notice.sbn (the same markup the feeds carry).</summary>
    public HtmlString? NoticeHtml { get; init; }
    /// <summary>The correction box rendered by the theme's correction-box.sbn (the same markup the feeds carry), if corrected.</summary>
    public HtmlString? CorrectionsHtml { get; init; }
    public required IReadOnlyList<ShareLinkModel> Share { get; init; }
    /// <summary>"original", "human" or "machine".</summary>
    public required string Translation { get; init; }
}

/// <summary>A story in a listing; <see cref="Lead"/> for the first story of a language home, shown with its image large.</summary>
public sealed record StoryCardModel(string Title, string Href, string DateIso, string DateText, string Summary, TermModel? Category, ImageModel? Image, bool Lead = false);

/// <summary>
/// Where a listing page's links lead (null where there is none, or where another of them already leads there): its
/// first URL (the newest stories), the next newer and next older page, and page 1 (the oldest stories).
/// </summary>
public sealed record PaginationModel(string? NewestHref, string? NewerHref, string? OlderHref, string? OldestHref);

/// <summary>A heading of a language's feeds page, what it says of its feeds (if anything), and their links.</summary>
public sealed record FeedGroupModel(string Heading, IReadOnlyList<FeedLinkModel> Feeds, string? Note = null);

public sealed record FeedsPageModel(IReadOnlyList<FeedGroupModel> Groups, string OpmlHref);

public sealed record ListingModel(string Heading, IReadOnlyList<StoryCardModel> Stories, PaginationModel? Pagination)
{
    /// <summary>What the listing is about (a category's or tag's description in taxonomy.yml), if given.</summary>
    public string? Description { get; init; }
    /// <summary>On an author's listing: who they are.</summary>
    public AuthorProfileModel? Profile { get; init; }
    /// <summary>On a stable page: which it is, by the days it spans and its number (theme string <c>page_n</c>); null on the first URL.</summary>
    public string? Page { get; init; }
}

/// <summary>What every page has: language, head links, switcher. The layout base.sbn renders it around the content.</summary>
public sealed record PageModel
{
    /// <summary>story, home, category, tag, notfound or chooser.</summary>
    public required string Kind { get; init; }
    public required string Lang { get; init; }
    public required string Hreflang { get; init; }
    public required string Dir { get; init; }
    public required string Title { get; init; }
    public required string SiteTitle { get; init; }
    public string? Description { get; init; }
    public string? CanonicalUrl { get; init; }
    public required IReadOnlyList<AlternateModel> Alternates { get; init; }
    public required IReadOnlyList<FeedLinkModel> Feeds { get; init; }
    /// <summary>Links to this page in the other languages (only versions that exist).</summary>
    public required IReadOnlyList<LinkModel> Switcher { get; init; }
    public required string HomeHref { get; init; }
    public required string CssHref { get; init; }
    public string? Robots { get; init; }
    public StoryModel? Story { get; init; }
    public ListingModel? Listing { get; init; }
    public IReadOnlyList<LinkModel>? Languages { get; init; }
    public required IReadOnlyList<TermModel> Categories { get; init; }
    /// <summary>Open Graph and Twitter card tags (story pages).</summary>
    public IReadOnlyList<MetaModel> Meta { get; init; } = [];
    /// <summary>NewsArticle JSON-LD, already escaped for a script element (story pages).</summary>
    public HtmlString? JsonLd { get; init; }
    /// <summary>The language's feeds page (/{lang}/feeds/).</summary>
    public string? FeedsPageHref { get; init; }
    /// <summary>The language's corrections page (/{lang}/corrections/).</summary>
    public string? CorrectionsPageHref { get; init; }
    public FeedsPageModel? FeedList { get; init; }
    /// <summary>The language's search page, for the header's search field (null without <c>search: true</c>).</summary>
    public string? SearchHref { get; init; }
    /// <summary>The style of the search field and page (sites with search).</summary>
    public string? SearchCssHref { get; init; }
    public SearchPageModel? SearchPage { get; init; }
    /// <summary>On the corrections page: the latest corrections, newest first.</summary>
    public IReadOnlyList<CorrectedStoryModel>? CorrectionList { get; init; }
}

/// <summary>
/// The search page's parts: Pagefind's UI (script and style, from the index folder), the theme's script that starts it,
/// the site's root path (result links are paths from there) and the UI's strings (a JSON object of Pagefind's keys).
/// </summary>
public sealed record SearchPageModel(string UiScriptHref, string UiCssHref, string ScriptHref, string BundleHref, string BaseHref, string StringsJson);

/// <summary>A line of the corrections page: the story (in the page's language where it has a version, else the original) and one of its corrections.</summary>
public sealed record CorrectedStoryModel(string Title, string Href, string? Lang, CorrectionModel Correction);
