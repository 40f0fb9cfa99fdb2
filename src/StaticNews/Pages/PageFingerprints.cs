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
    private readonly Dictionary<string, string> _chrome;
    private readonly ConcurrentDictionary<Story, string> _stories;

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
    public string Story(StoryVersion version) =>
        Fingerprint.Of("story", version.Url, _chrome[version.Language.Code], _stories.GetOrAdd(version.Story, StoryInputs));

    // What every page of a story shows of it: hashed once per story, not once per version. Its terms' names come from
    // taxonomy.yml and other stories' translations, so they go in as shown. Its images by their hashes: a body's
    // picture, the lead image and its crops change with the file's bytes.
    private string StoryInputs(Story story) => new Fingerprint()
        .AddAll(story.Versions.Select(v => $"{v.Language.Code} {v.Article.ContentHash}"))
        .AddAll(story.Assets.Select(Path.GetFileName))
        .AddAll(_images.Of(story.Key).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value.Source.Hash}"))
        .AddAll(story.Versions.SelectMany(v => v.Tags.SelectMany(t => Shown(_taxonomy.Tag(t), v.Language.Code))
            .Concat(v.Category is { } c ? Shown(_taxonomy.Category(c), v.Language.Code) : [])))
        .AddAll(story.Versions.SelectMany(v => v.Bylines.Append(v.Translator).SelectMany(b => b?.Shown(v.Language.Code, story.Original.Language.Code) ?? [null])))
        .Value;

    /// <summary>What a card or feed entry shows of a version's lead image: which file, and where its crops are centred.</summary>
    public static string ImageInputs(ImageCatalog images, StoryVersion version) =>
        images.LeadOf(version) is { } lead ? $"{lead.Image.Source.Hash} {lead.Focus.Name}" : "";

    /// <summary>
    /// One page of a listing: the versions on it and where its links lead. Not how many pages the listing has, which no
    /// stable page shows: a new story leaves the older pages' fingerprints, and so their files, as they were.
    /// </summary>
    public string Listing(string language, ListingPage page)
    {
        var fingerprint = new Fingerprint().Add("listing").Add(page.Url).AddAll(page.Listing.Shown()).Add(_chrome[language]);
        // Each card: its version's own file and its original's (date, category, tags, image are inherited). The parts
        // go in as they are: a version is on several listings, and hashing it apart for each cost more than its bytes.
        foreach (var version in page.Versions)
            fingerprint.Add(version.Url).Add(version.Article.ContentHash).Add(version.Story.Original.Article.ContentHash).Add(ImageInputs(_images, version));
        return fingerprint.Add(page.Versions.Count).AddAll(page.Links()).Value;
    }

    /// <summary>A corrections page: the lines it lists, as shown.</summary>
    public string Corrections(string language, string url, IEnumerable<CorrectedStoryModel> lines) =>
        new Fingerprint().Add("corrections").Add(url).Add(_chrome[language])
            .AddAll(lines.SelectMany(l => new[] { l.Title, l.Href, l.Lang, l.Correction.DateIso, l.Correction.DateText, l.Correction.Text, l.Correction.Lang })).Value;

    /// <summary>Pages that show no story (404 pages, the language chooser): only the header's categories.</summary>
    public string Fixed(string language, string url) => Fingerprint.Of("fixed", url, _chrome[language]);
}
