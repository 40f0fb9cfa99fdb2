using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<Story, Fingerprint> _stories;

    private readonly ImageCatalog _images;

    public PageFingerprints(StoryIndex index, ImageCatalog images)
    {
        _images = images;
        // Sized up front: growing locks the whole table while the parallel page jobs fill it.
        _stories = new(Environment.ProcessorCount, index.Stories.Count, ReferenceEqualityComparer.Instance);
        _taxonomy = index.Taxonomy;
        // Every page's header lists its language's categories (names and links), so adding the first story of a new
        // category, or naming one, changes them all.
        _chrome = index.ByCategory.ToDictionary(e => e.Key, e => Fingerprint.Of([.. e.Value.Keys.SelectMany(key => Shown(index.Taxonomy.Category(key), e.Key))]));
    }

    private readonly Taxonomy _taxonomy;

    /// <summary>What a page shows of a term: its name and the language it is in, and its listing's URL segment.</summary>
    private static IEnumerable<string> Shown(Term term, string language) => [term.Label(language), term.LabelLanguage(language), term.Segment(language)];

    /// <summary>A story page shows every version of its story (switcher, hreflang alternates, notice, staleness).</summary>
    public Fingerprint Story(StoryVersion version) => new FingerprintBuilder()
        .Add("story").Add(version.Url).Add(_chrome[version.Language.Code]).Add(_stories.GetOrAdd(version.Story, StoryInputs)).Value;

    // What every page of a story shows of it: hashed once per story, not once per version. Its terms' names come from
    // taxonomy.yml and other stories' translations, so they go in as shown. Its images by their hashes: a body's
    // picture, the lead image and its crops change with the file's bytes.
    private Fingerprint StoryInputs(Story story)
    {
        var fingerprint = new FingerprintBuilder();
        foreach (var version in story.Versions) fingerprint.Add(version.Language.Code).Add(version.Article.ContentHash);
        fingerprint.Add(story.Versions.Count).AddAll(story.Assets.Select(Path.GetFileName));
        AddImages(fingerprint, _images, story);
        return fingerprint
            .AddAll(story.Versions.SelectMany(v => v.Tags.SelectMany(t => Shown(_taxonomy.Tag(t), v.Language.Code))
                .Concat(v.Category is { } c ? Shown(_taxonomy.Category(c), v.Language.Code) : [])))
            .AddAll(story.Versions.SelectMany(v => v.Bylines.Append(v.Translator).SelectMany(b => b?.Shown(v.Language.Code, story.Original.Language.Code) ?? [null])))
            .Value;
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
        var fingerprint = new FingerprintBuilder().Add("listing").Add(page.Url).AddAll(page.Listing.Shown()).Add(_chrome[language]);
        // Each card: its version's own file and its original's (date, category, tags, image are inherited). The parts
        // go in as they are: a version is on several listings, and hashing it apart for each cost more than its bytes.
        foreach (var version in page.Versions)
            AddLeadImage(fingerprint.Add(version.Url).Add(version.Article.ContentHash).Add(version.Story.Original.Article.ContentHash), _images, version);
        return fingerprint.Add(page.Versions.Count).AddAll(page.Links()).Value;
    }

    /// <summary>A corrections page: the lines it lists, as shown.</summary>
    public Fingerprint Corrections(string language, string url, IEnumerable<CorrectedStoryModel> lines) =>
        new FingerprintBuilder().Add("corrections").Add(url).Add(_chrome[language])
            .AddAll(lines.SelectMany(l => new[] { l.Title, l.Href, l.Lang, l.Correction.DateIso, l.Correction.DateText, l.Correction.Text, l.Correction.Lang })).Value;

    /// <summary>Pages that show no story (404 pages, the language chooser): only the header's categories.</summary>
    public Fingerprint Fixed(string language, string url) => new FingerprintBuilder().Add("fixed").Add(url).Add(_chrome[language]).Value;
}
