using Scriban.Runtime;
using StaticNews.Configuration;
using StaticNews.Images;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>Builds the typed model of each page and renders it with the theme: content layout, then base.sbn around it.</summary>
public sealed class PageBuilder
{
    private readonly SiteConfig _site;
    private readonly Theme _theme;
    private readonly StoryIndex _index;
    private readonly ImageCatalog _images;
    private readonly Dictionary<string, ScriptObject> _stringsObjects;
    // What every page of a language shows alike (the header's categories, the footer's feeds): built once per
    // build, not for each page. The models are immutable, so all pages share the same instances.
    private readonly Dictionary<string, LanguageParts> _languageParts;
    private readonly IReadOnlyDictionary<string, (string File, string OutputPath)>? _searchAssets;

    public PageBuilder(SiteConfig site, Theme theme, StoryIndex index, ImageCatalog images, string cssHref)
    {
        _site = site;
        _theme = theme;
        _index = index;
        _images = images;
        CssHref = cssHref;
        if (site.Search) _searchAssets = Search.SearchAssets.Of(theme);
        _stringsObjects = site.Languages.ToDictionary(l => l.Code, l => theme.Strings(l.Code).ToScriptObject());
        _languageParts = site.Languages.ToDictionary(l => l.Code, l => new LanguageParts(
            _site.TitleFor(l.Code),
            _site.Href(Permalinks.Home(l.Code)),
            _site.Href(Permalinks.FeedsPage(l.Code)),
            _site.Href(Permalinks.CorrectionsPage(l.Code)),
            FeedLinks(Permalinks.Home(l.Code), _site.TitleFor(l.Code)),
            _index.ByCategory[l.Code].Keys.Select(k => Category(l.Code, k)).ToList()));
    }

    private sealed record LanguageParts(string SiteTitle, string HomeHref, string FeedsPageHref, string CorrectionsPageHref,
        IReadOnlyList<FeedLinkModel> Feeds, IReadOnlyList<TermModel> Categories);

    public string CssHref { get; }

    /// <summary>Absolute URL of the publisher's logo, for the NewsArticle JSON-LD.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>The page in <paramref name="layout"/> inside base.sbn, as UTF-8 into <paramref name="output"/>.</summary>
    public void Render(PageModel page, string layout, Stream output) =>
        TemplateRenderer.RenderPage(_theme.Layout("base"), _theme.Layout(layout),
            new ScriptObject { ["page"] = page, ["t"] = _stringsObjects[page.Lang] }, output);

    public PageModel Story(StoryVersion version)
    {
        var language = version.Language;
        var strings = _theme.Strings(language.Code);
        var absolute = _site.AbsoluteUrl(version.Url);
        var notice = TranslationNotice.For(version, _site, strings);
        var lead = _images.LeadOf(version);
        var story = new StoryModel
        {
            Title = version.Title,
            Body = new HtmlString(version.Body(_site).PageHtml),
            Summary = version.Summary,
            DateIso = Localization.IsoDate(version.Date, _site),
            DateText = Localization.DateText(version.Date, _site, language),
            UpdatedIso = version.Updated is { } u ? Localization.IsoDate(u, _site) : null,
            UpdatedText = version.Updated is { } u2 ? Localization.DateText(u2, _site, language) : null,
            Authors = version.Bylines.Select(b => Person(b, language.Code)).ToList(),
            Translator = version.Translator is { } translator ? Person(translator, language.Code) : null,
            Category = version.Category is { } c ? Category(language.Code, c) : null,
            Tags = version.Tags.Select(t => Tag(language.Code, t)).ToList(),
            Image = lead is null ? null : Image(lead, PictureHtml.ColumnSizes, ImageLoading.Lead),
            Notice = notice,
            NoticeHtml = TranslationNotice.Html(notice, _theme),
            CorrectionsHtml = CorrectionNotice.Html(version, _site, _theme),
            Share = ShareLinks.For(_site, strings, absolute, version.Title),
            Translation = version.Kind.ToString().ToLowerInvariant(),
        };
        var versions = version.Story.Versions;
        return Common(language, "story", version.Title) with
        {
            Description = version.Summary,
            CanonicalUrl = absolute,
            // Discover shows a story with a large image large (a story without its own image says nothing of one).
            Robots = !version.IsIndexed ? "noindex" : lead is null ? null : "max-image-preview:large",
            // Search engines are pointed only at indexed versions (see StoryVersion.IsIndexed); readers still switch to every one.
            Alternates = Alternates(versions.Where(v => v.IsIndexed).Select(v => (v.Language, v.Url)), XDefault.Story(version.Story)),
            Switcher = versions.Select(v => Link(v.Language, v.Url, v == version)).ToList(),
            Story = story,
            Meta = OpenGraph.For(version, _site, _index.Taxonomy, lead, _images),
            JsonLd = NewsArticleJsonLd.For(version, _site, _index.Taxonomy, LogoUrl, lead, _images),
        };
    }

    /// <summary>A byline: the name in <paramref name="language"/>, linked to the author's page there where they have one.</summary>
    private PersonModel Person(Byline byline, string language) =>
        new(byline.Name(language, _site.DefaultLanguage), byline.Author is { } author ? _site.Href(Permalinks.Author(language, author.Key)) : null);

    /// <summary>What an author's page says of them in <paramref name="language"/>.</summary>
    public AuthorProfileModel Profile(Content.Author author, LanguageConfig language)
    {
        var code = language.Code;
        var name = author.NameIn(code, _site.DefaultLanguage);
        var links = new List<LinkModel>();
        if (author.Url is { } url) links.Add(new LinkModel(url, _theme.Strings(code).Get("author_website")));
        links.AddRange(author.Social.Select(s => new LinkModel(s.Url, s.Network)));
        return new AuthorProfileModel(name, author.Role.Get(code, _site.DefaultLanguage), author.Bio.Get(code, _site.DefaultLanguage),
            // The photo is beside the name: decorative, so its alt text is empty (the name would be read twice). It
            // heads the page, so it loads first.
            _images.PhotoOf(author.Key) is { } photo ? Image(photo, "", PictureHtml.PortraitSizes, ImageLoading.Lead) : null, links);
    }

    /// <summary>One page of a listing (language home, category, tag or author): its first URL or a stable page (see <see cref="ListingPage"/>).</summary>
    public PageModel Listing(LanguageConfig language, ListingPage page)
    {
        var listing = page.Listing;
        var (_, kind, heading, description, first, _, _) = listing;
        var strings = _theme.Strings(language.Code);
        // A language home opens with its newest story, its image large; every other card has a thumbnail.
        var items = page.Versions.Select((v, i) => Card(v, language, lead: kind == "home" && page.Number == 0 && i == 0)).ToList();
        string? Href(string? url) => url is null ? null : _site.Href(url);
        var pagination = page.NewerUrl is null && page.OlderUrl is null ? null
            : new PaginationModel(Href(page.NewestUrl), Href(page.NewerUrl), Href(page.OlderUrl), Href(page.OldestUrl));
        // A stable page is named by the days it spans, and its number (two pages can span the same day).
        var label = page.Number == 0 || page.Versions.Count == 0 ? null : strings.Get("page_n",
            ("n", page.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("dates", Localization.DaySpan(page.Versions.Min(v => v.Date), page.Versions.Max(v => v.Date), _site, language, strings)));
        return Common(language, kind, label is null ? heading : $"{heading} — {label}") with
        {
            Feeds = kind == "home" ? LanguageFeeds(language) : [.. LanguageFeeds(language), .. FeedLinks(first, $"{heading} — {_site.TitleFor(language.Code)}")],
            Description = description ?? _site.Description.Get(language.Code, _site.DefaultLanguage),
            CanonicalUrl = _site.AbsoluteUrl(page.Url),
            Alternates = Alternates(page.Alternates, page.XDefaultUrl),
            Switcher = page.Switcher.Select(o => Link(o.Language, o.Url, o.Language == language)).ToList(),
            Listing = new ListingModel(heading, items, pagination) { Description = description, Profile = listing.Profile, Page = label },
            JsonLd = listing.Profile is { } profile ? PersonJsonLd.ProfilePage(profile, _site.AbsoluteUrl(page.Url), language, _site) : null,
        };
    }

    public PageModel NotFound(LanguageConfig language)
    {
        var strings = _theme.Strings(language.Code);
        return Common(language, "notfound", strings.Get("not_found_title")) with
        {
            Robots = "noindex",
            Alternates = [],
            Switcher = _site.Languages.Select(l => Link(l, Permalinks.Home(l.Code), l == language)).ToList(),
        };
    }

    /// <summary>The readable list of one language's feeds (the groups are planned by the feeds stage).</summary>
    public PageModel FeedsPage(LanguageConfig language, IReadOnlyList<FeedGroupModel> groups)
    {
        var strings = _theme.Strings(language.Code);
        var url = Permalinks.FeedsPage(language.Code);
        var others = _site.Languages.Select(l => (l, Permalinks.FeedsPage(l.Code))).ToList();
        return Common(language, "feeds", strings.Get("feeds")) with
        {
            CanonicalUrl = _site.AbsoluteUrl(url),
            Alternates = Alternates(others, XDefault.Listing(_site, others)),
            Switcher = others.Select(o => Link(o.l, o.Item2, o.l == language)).ToList(),
            FeedList = new FeedsPageModel(groups, _site.Href(Permalinks.Opml)),
        };
    }

    /// <summary>/{lang}/search/: Pagefind's UI in the language's strings, and what to do without JavaScript.</summary>
    public PageModel SearchPage(LanguageConfig language)
    {
        var strings = _theme.Strings(language.Code);
        var url = Permalinks.SearchPage(language.Code);
        var others = _site.Languages.Select(l => (l, Permalinks.SearchPage(l.Code))).ToList();
        var bundle = _site.Href(Permalinks.SearchIndex);
        // Pagefind's UI fills [SEARCH_TERM] and [COUNT] itself: the theme's {term} and {count} become those.
        (string, string)[] placeholders = [("term", "[SEARCH_TERM]"), ("count", "[COUNT]")];
        var ui = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["placeholder"] = strings.Get("search_placeholder"),
            ["search_label"] = strings.Get("search"),
            ["clear_search"] = strings.Get("search_clear"),
            ["load_more"] = strings.Get("search_load_more"),
            ["filters_label"] = strings.Get("search_filters"),
            ["zero_results"] = strings.Get("search_zero_results", placeholders),
            ["one_result"] = strings.Get("search_one_result", placeholders),
            ["many_results"] = strings.Get("search_many_results", placeholders),
            ["searching"] = strings.Get("search_searching", placeholders),
        };
        return Common(language, "search", strings.Get("search")) with
        {
            Robots = "noindex",
            CanonicalUrl = _site.AbsoluteUrl(url),
            Switcher = others.Select(o => Link(o.l, o.Item2, o.l == language)).ToList(),
            SearchPage = new SearchPageModel(bundle + "pagefind-ui.js", bundle + "pagefind-ui.css",
                _site.Href("/" + Search.SearchAssets.OutputPath(_searchAssets!, "search.js")), bundle, _site.Href("/"),
                UiStringsJson(ui)),
        };
    }

    /// <summary>
    /// The search UI's strings as a JSON object, written by hand: the native build has no reflection-based serializer
    /// (JsonSerializer on a dictionary threw there). It lands in an attribute, which the template escapes.
    /// </summary>
    private static string UiStringsJson(IReadOnlyDictionary<string, string> ui)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in ui) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>How many corrections a corrections page lists: the latest, as a feed lists the latest stories.</summary>
    public const int LatestCorrections = 100;

    /// <summary>The lines of a language's corrections page: the latest corrections of every story, newest first.</summary>
    public IReadOnlyList<CorrectedStoryModel> CorrectionList(LanguageConfig language) => _index.Stories
        .Where(story => story.Corrections.Count > 0) // most have none: no pairing made for them
        .SelectMany(story => story.Corrections.Select(correction => (story, correction)))
        .OrderByDescending(c => c.correction.Date).ThenBy(c => c.story.Key, StringComparer.Ordinal)
        .Take(LatestCorrections)
        .Select(c =>
        {
            var version = c.story.Version(language.Code) ?? c.story.Original;
            return new CorrectedStoryModel(version.Title, _site.Href(version.Url) + "#corrections", version.Language == language ? null : version.Language.Hreflang,
                CorrectionNotice.Item(c.correction, language, c.story.Original.Language, _site));
        })
        .ToList();

    /// <summary>A language's corrections page: <paramref name="corrections"/> (see <see cref="CorrectionList"/>).</summary>
    public PageModel CorrectionsPage(LanguageConfig language, IReadOnlyList<CorrectedStoryModel> corrections)
    {
        var strings = _theme.Strings(language.Code);
        var url = Permalinks.CorrectionsPage(language.Code);
        var others = _site.Languages.Select(l => (l, Permalinks.CorrectionsPage(l.Code))).ToList();
        return Common(language, "corrections", strings.Get("corrections_title")) with
        {
            Description = strings.Get("corrections_intro"),
            CanonicalUrl = _site.AbsoluteUrl(url),
            Alternates = Alternates(others, Permalinks.CorrectionsPage(_site.DefaultLanguage)),
            Switcher = others.Select(o => Link(o.l, o.Item2, o.l == language)).ToList(),
            CorrectionList = corrections,
        };
    }

    public PageModel Chooser()
    {
        var original = _site.Original;
        var homes = _site.Languages.Select(l => (l, Permalinks.Home(l.Code))).ToList();
        return Common(original, "chooser", _site.TitleFor(original.Code)) with
        {
            CanonicalUrl = _site.AbsoluteUrl(Permalinks.Chooser),
            Alternates = Alternates(homes, XDefault.Homes),
            Switcher = [],
            Feeds = [],
            Languages = _site.Languages.Select(l => new LinkModel(_site.Href(Permalinks.Home(l.Code)),
                l.Name + " — " + _site.TitleFor(l.Code), l.Hreflang, l.Hreflang, Dir: l.Dir)).ToList(),
        };
    }

    private PageModel Common(LanguageConfig language, string kind, string title)
    {
        var parts = _languageParts[language.Code];
        return new()
        {
            Kind = kind,
            Lang = language.Code,
            Hreflang = language.Hreflang,
            Dir = language.Dir,
            Title = title,
            SiteTitle = parts.SiteTitle,
            HomeHref = parts.HomeHref,
            CssHref = CssHref,
            Alternates = [],
            Feeds = parts.Feeds,
            Switcher = [],
            Categories = parts.Categories,
            FeedsPageHref = parts.FeedsPageHref,
            SearchHref = _site.Search ? _site.Href(Permalinks.SearchPage(language.Code)) : null,
            SearchCssHref = _searchAssets is null ? null : _site.Href("/" + Search.SearchAssets.OutputPath(_searchAssets, "search.css")),
            CorrectionsPageHref = parts.CorrectionsPageHref,
        };
    }

    private IReadOnlyList<FeedLinkModel> LanguageFeeds(LanguageConfig language) => _languageParts[language.Code].Feeds;

    /// <summary>The RSS, Atom and JSON feeds of a listing folder (a language home or a category).</summary>
    public IReadOnlyList<FeedLinkModel> FeedLinks(string folder, string title) => FeedFormats.All
        .Select(f => new FeedLinkModel(FeedFormats.MediaType(f), $"{title} ({FeedFormats.Name(f)})", FeedFormats.Url(_site, folder, f)))
        .ToList();

    /// <summary>hreflang alternates: every version including this one, plus x-default (see <see cref="XDefault"/>).</summary>
    private IReadOnlyList<AlternateModel> Alternates(IEnumerable<(LanguageConfig Language, string Url)> versions, string? xDefault)
    {
        var list = versions.Select(v => new AlternateModel(v.Language.Hreflang, _site.AbsoluteUrl(v.Url))).ToList();
        if (xDefault is not null) list.Add(new AlternateModel("x-default", _site.AbsoluteUrl(xDefault)));
        return list;
    }

    private LinkModel Link(LanguageConfig language, string url, bool current) =>
        new(_site.Href(url), language.Name, language.Hreflang, language.Hreflang, current, language.Dir);

    private StoryCardModel Card(StoryVersion v, LanguageConfig language, bool lead) => new(
        v.Title, _site.Href(v.Url), Localization.IsoDate(v.Date, _site), Localization.DateText(v.Date, _site, language), v.Summary,
        v.Category is { } c ? Category(language.Code, c) : null,
        _images.LeadOf(v) is { } image ? Image(image, lead ? PictureHtml.ColumnSizes : PictureHtml.ThumbnailSizes, lead ? ImageLoading.Lead : ImageLoading.Lazy) : null,
        lead);

    private ImageModel Image(LeadImage lead, string sizes, ImageLoading loading) =>
        Image(lead.Image, lead.Alt, sizes, loading) with { Caption = lead.Caption, Credit = lead.Credit };

    private ImageModel Image(PublishedImage image, string alt, string sizes, ImageLoading loading)
    {
        var largest = image.Largest;
        return new ImageModel(new HtmlString(PictureHtml.Of(_images, image, alt, null, sizes, loading)),
            _images.Href(image, image.Fitting(image.Source.Fallback, 1200)), alt, largest.Width, largest.Height);
    }

    public TermModel Category(string language, string key) => TermLink(language, _index.Taxonomy.Category(key), _index.Taxonomy.CategoryUrl(language, key));

    public TermModel Tag(string language, string key) => TermLink(language, _index.Taxonomy.Tag(key), _index.Taxonomy.TagUrl(language, key));

    /// <summary>A term's link; a name shown in another language than the page's says which (lang).</summary>
    private TermModel TermLink(string language, Term term, string url) =>
        new(term.Key, term.Label(language), _site.Href(url),
            term.LabelLanguage(language) is var labelLanguage && labelLanguage != language ? _site.Language(labelLanguage)?.Hreflang : null);
}
