using StaticNews.Configuration;
using StaticNews.Images;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// The inputs of each kind of page, as <see cref="Fingerprint"/> values: if a page's fingerprint is the
/// one recorded when it was published, the incremental build keeps it without rendering it. Each says
/// what the page shows beyond the build-wide inputs (theme, site.yml, options, tool), which key the cache.
/// Sitemaps fingerprint what they list the same way (see Sitemaps.SitemapFingerprints).
/// </summary>
public sealed class PageFingerprints
{
    private readonly Dictionary<string, Fingerprint> _chrome;
    // What every page of a story shows of it, by the place of the story's first version in the index's versions.
    private readonly MadeOnce _stories;
    // What a card shows of each version, by its place in the index's versions: a version is on several listings (its
    // language's home, its category, its tags, its authors), and is hashed once for all of them.
    private readonly MadeOnce _cards;

    private readonly ImageCatalog _images;
    private readonly StoryIndex _index;

    public PageFingerprints(StoryIndex index, ImageCatalog images)
    {
        _images = images;
        _index = index;
        _cards = new(index.Versions.Count, CardOf);
        _stories = new(index.Versions.Count, version => StoryInputs(version.Story));
        _taxonomy = index.Taxonomy;
        // Every page's header lists its language's categories (names and links), so adding the first story of a new
        // category, or naming one, changes them all.
        _chrome = index.ByCategory.ToDictionary(e => e.Key, e =>
        {
            var fingerprint = new FingerprintBuilder();
            var parts = 0;
            foreach (var key in e.Value.Keys) parts += AddShown(fingerprint, index.Taxonomy.Category(key), e.Key);
            return fingerprint.Add(parts).Value;
        });
        SiteWide = SiteWideOf(index.Taxonomy, _chrome);
    }

    /// <summary>
    /// What story pages show of the site beyond their own story: each language's header, and the name every category and
    /// tag shows in each language (a term's name in a language is the one most of its stories give, so another story
    /// can change it). A story page whose story's folder is as when it was published, in a build whose input is otherwise
    /// the same and whose site-wide part is this one, is kept without its fingerprint made (see Engine.StoryChanges).
    /// </summary>
    public Fingerprint SiteWide { get; }

    private static Fingerprint SiteWideOf(Taxonomy taxonomy, Dictionary<string, Fingerprint> chrome)
    {
        var fingerprint = new FingerprintBuilder();
        var languages = chrome.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var language in languages) fingerprint.Add(language).Add(chrome[language]);
        foreach (var terms in new[] { taxonomy.Categories, taxonomy.Tags })
        {
            foreach (var key in terms.Keys.Order(StringComparer.Ordinal))
            {
                fingerprint.Add(key);
                foreach (var language in languages) AddShown(fingerprint, terms[key], language);
            }
            fingerprint.Add(terms.Count);
        }
        return fingerprint.Value;
    }

    private readonly Taxonomy _taxonomy;

    /// <summary>A story page shows every version of its story (switcher, hreflang alternates, notice, staleness).</summary>
    public Fingerprint Story(StoryVersion version) => new FingerprintBuilder()
        .Add("story").Add(version.Url).Add(_chrome[version.Language.Code]).Add(_stories.Get(_index.PositionOf(version.Story.Versions[0]), version)).Value;

    // What every page of a story shows of it: hashed once per story, not once per version. Its terms' names come from
    // taxonomy.yml and other stories' translations, so they go in as shown. Its images by their hashes: a body's
    // picture, the lead image and its crops change with the file's bytes. Plain indexed loops (a foreach over a list
    // interface makes an enumerator on the heap): it is asked for every story of the site in every build, kept pages
    // or not.
    private Fingerprint StoryInputs(Story story)
    {
        var fingerprint = new FingerprintBuilder();
        var versions = story.Versions;
        for (var v = 0; v < versions.Count; v++) fingerprint.Add(versions[v].Language.Code).Add(versions[v].Article.ContentHash);
        fingerprint.Add(versions.Count);
        var assets = story.Assets;
        for (var i = 0; i < assets.Count; i++) fingerprint.Add(Path.GetFileName(assets[i].AsSpan()));
        fingerprint.Add(assets.Count);
        AddImages(fingerprint, _images, story);
        var terms = 0;
        for (var v = 0; v < versions.Count; v++)
        {
            var version = versions[v];
            var language = version.Language.Code;
            var tags = version.Tags;
            for (var i = 0; i < tags.Count; i++) terms += AddShown(fingerprint, _taxonomy.Tag(tags[i]), language);
            if (version.Category is { } category) terms += AddShown(fingerprint, _taxonomy.Category(category), language);
        }
        fingerprint.Add(terms);
        var credits = 0;
        var originalLanguage = story.Original.Language.Code;
        for (var v = 0; v < versions.Count; v++)
        {
            var version = versions[v];
            var language = version.Language.Code;
            var bylines = version.Bylines;
            for (var i = 0; i < bylines.Count; i++) credits += AddShown(fingerprint, bylines[i], language, originalLanguage);
            credits += AddShown(fingerprint, version.Translator, language, originalLanguage);
        }
        return fingerprint.Add(credits).Value;
    }

    /// <summary>Adds what a page or feed entry in <paramref name="language"/> shows of a term (its name and the language it is in, and its listing's URL segment); returns how many parts.</summary>
    public static int AddShown(FingerprintBuilder fingerprint, Term term, string language)
    {
        fingerprint.Add(term.Label(language)).Add(term.LabelLanguage(language)).Add(term.Segment(language));
        return 3;
    }

    /// <summary>
    /// Adds what a page or feed entry shows of a byline or translator (a null part where there is none): the name in
    /// <paramref name="language"/>, and of an author of authors.yml the page and the profiles. Returns how many parts.
    /// </summary>
    public static int AddShown(FingerprintBuilder fingerprint, Byline? byline, string language, string originalLanguage)
    {
        if (byline is null)
        {
            fingerprint.Add((string?)null);
            return 1;
        }
        fingerprint.Add(byline.Name(language, originalLanguage)).Add(byline.Author?.Key).Add(byline.Author?.Url);
        var social = byline.Author?.Social ?? [];
        for (var i = 0; i < social.Count; i++) fingerprint.Add(social[i].Url);
        return 3 + social.Count;
    }

    /// <summary>Every image of a story (the body's pictures, the lead image), by name and by the hash of its bytes.</summary>
    public static void AddImages(FingerprintBuilder fingerprint, ImageCatalog images, Story story)
    {
        // Asked for every story page and every feed entry: a story without images makes no sorted copy.
        var byName = images.Of(story.Key);
        if (byName.Count > 0)
            foreach (var (name, image) in byName.OrderBy(e => e.Key, StringComparer.Ordinal)) fingerprint.Add(name).Add(image.Source.Hash);
        fingerprint.Add(byName.Count);
    }

    /// <summary>What a card or feed entry shows of a version's lead image: which file, and where its crops are centred.</summary>
    public static FingerprintBuilder AddLeadImage(FingerprintBuilder fingerprint, ImageCatalog images, StoryVersion version) =>
        images.LeadOf(version) is { } lead ? fingerprint.Add(lead.Image.Source.Hash).Add(lead.Focus.Name) : fingerprint.Add("");

    /// <summary>
    /// One page of a listing: the versions on it and where its links lead. Not how many pages the listing has, which no
    /// stable page shows: a new story leaves the older pages' fingerprints, and so their files, as they were.
    /// </summary>
    public Fingerprint Listing(string language, ListingPage page)
    {
        var fingerprint = new FingerprintBuilder().Add("listing").Add(page.Url).Add(page.Listing.Shown).Add(_chrome[language]);
        var versions = page.Versions;
        for (var i = 0; i < versions.Count; i++) fingerprint.Add(Card(versions[i]));
        fingerprint.Add(versions.Count);
        // Everything it links to.
        fingerprint.Add(page.NewestUrl).Add(page.NewerUrl).Add(page.OlderUrl).Add(page.OldestUrl).Add(page.XDefaultUrl);
        AddLinks(fingerprint, page.Alternates);
        return AddLinks(fingerprint, page.Switcher).Value;
    }

    /// <summary>
    /// What every page of <paramref name="listing"/> shows beyond its stories and the links that depend on them, where
    /// <paramref name="places"/> is the listing in each language that has it (see <see cref="ListingSums.Whole"/>).
    /// </summary>
    public Fingerprint ListingWhole(Listing listing, IReadOnlyList<ListingPlace> places)
    {
        var whole = new FingerprintBuilder().Add("listing").Add(listing.Shown).Add(_chrome[listing.Language.Code]);
        for (var i = 0; i < places.Count; i++) whole.Add(places[i].Language.Code).Add(places[i].First);
        return whole.Add(places.Count).Value;
    }

    /// <summary>
    /// Page <paramref name="number"/> of a listing with <paramref name="stable"/> stable pages, which lists
    /// <paramref name="versions"/>, summed up (see <see cref="ListingSums.Pages"/>): its versions by their stories and
    /// content hashes (see Engine.PublishedSums.AddListed), which are made already, and where its links lead.
    /// </summary>
    public static Fingerprint ListingPageSum(ReadOnlySpan<StoryVersion> versions, int number, int stable)
    {
        var page = new FingerprintBuilder().Add(number == 0 ? stable : number == stable ? 1 : 0);
        for (var i = 0; i < versions.Length; i++) Engine.PublishedSums.AddListed(page, versions[i]);
        return page.Add(versions.Length).Value;
    }

    /// <summary>A card of <paramref name="version"/>: its own file and its original's (date, category, tags, image are inherited), its URL and lead image.</summary>
    private Fingerprint Card(StoryVersion version) => _cards.Get(_index.PositionOf(version), version);

    private Fingerprint CardOf(StoryVersion version) =>
        AddLeadImage(new FingerprintBuilder().Add(version.Url).Add(version.Article.ContentHash).Add(version.Story.Original.Article.ContentHash), _images, version).Value;

    private static FingerprintBuilder AddLinks(FingerprintBuilder fingerprint, IReadOnlyList<(LanguageConfig Language, string Url)> links)
    {
        for (var i = 0; i < links.Count; i++) fingerprint.Add(links[i].Language.Code).Add(links[i].Url);
        return fingerprint.Add(links.Count);
    }

    /// <summary>A corrections page: the lines it lists, as shown.</summary>
    public Fingerprint Corrections(string language, string url, IEnumerable<CorrectedStoryModel> lines) =>
        new FingerprintBuilder().Add("corrections").Add(url).Add(_chrome[language])
            .AddAll(lines.SelectMany(l => new[] { l.Title, l.Href, l.Lang, l.Correction.DateIso, l.Correction.DateText, l.Correction.Text, l.Correction.Lang })).Value;

    /// <summary>Pages that show no story (404 pages, the language chooser): only the header's categories.</summary>
    public Fingerprint Fixed(string language, string url) => new FingerprintBuilder().Add("fixed").Add(url).Add(_chrome[language]).Value;
}
