using System.Text;
using StaticNews.Configuration;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>One indexable page in a language sitemap: its absolute URL, when its content last changed, its hreflang set.</summary>
public sealed record SitemapUrl(string Loc, DateTimeOffset? LastModified, IReadOnlyList<SitemapAlternate> Alternates);

/// <summary>One <c>xhtml:link rel="alternate"</c>: a version of the page (or x-default) and its absolute URL.</summary>
public sealed record SitemapAlternate(string Hreflang, string Href);

/// <summary>
/// The pages search engines should index, per language: the language home, every story version and
/// the first page of each category, tag and author listing; in the default language's, also the language chooser
/// at the root (what a crawler without a matching Accept-Language gets, and the homes' x-default). Their
/// hreflang sets are the ones the pages carry in their own <c>&lt;link rel=alternate&gt;</c> (see
/// PageBuilder): every existing version of the same page plus x-default (see <see cref="XDefault"/>).
/// A listing's stable pages (/page/1/ ... see Pages.ListingPage) are left out: crawlers reach them from its first URL
/// by their links, and listing tens of thousands of them would only add to each sitemap what the links already say.
/// 404 pages are not indexable, nor are versions a site keeps out of search engines (unreviewed machine
/// translations with <c>translation: { indexUnreviewed: false }</c>).
/// </summary>
public sealed class SitemapUrls(StoryIndex index, SiteConfig site)
{
    // A story's alternates are the same in every language's sitemap, and every URL is an alternate of
    // several entries: each is made absolute (a Uri parse) and listed once per build, not once per mention.
    private readonly Dictionary<string, string> _absolute = new(StringComparer.Ordinal);
    private readonly Dictionary<Story, IReadOnlyList<SitemapAlternate>> _storyAlternates = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Story, Fingerprint> _storyLinks = new(ReferenceEqualityComparer.Instance);
    // What SurelyOneFile needs of the site, the same for every file.
    private readonly long _baseUrlBytes = Encoding.UTF8.GetByteCount(site.BaseUrl.AbsoluteUri);
    private readonly long _longestHreflang = site.Languages.Select(l => (long)Encoding.UTF8.GetByteCount(l.Hreflang)).Append("x-default".Length).Max();

    /// <summary>
    /// The language's pages other than stories: its home (in the default language, the chooser first), then the first URL
    /// of each category, tag and author listing. Not thread-safe: one language after the other.
    /// </summary>
    public IReadOnlyList<SitemapUrl> Listings(LanguageConfig language)
    {
        var code = language.Code;
        var homes = site.Languages.Select(l => (l, Permalinks.Home(l.Code))).ToList();
        var urls = new List<SitemapUrl> { Listing(index.ByLanguage[code], homes, Permalinks.Home(code), XDefault.Homes) };
        if (code == site.DefaultLanguage)
            urls.Insert(0, new SitemapUrl(Absolute(Permalinks.Chooser), null, Alternates(homes, XDefault.Homes)));
        var taxonomy = index.Taxonomy;
        foreach (var (key, versions) in index.ByCategory[code])
            urls.Add(Listing(versions, site.Languages.Where(l => index.ByCategory[l.Code].ContainsKey(key))
                .Select(l => (l, taxonomy.CategoryUrl(l.Code, key))), taxonomy.CategoryUrl(code, key)));
        foreach (var (key, versions) in index.ByTag[code])
            urls.Add(Listing(versions, site.Languages.Where(l => index.ByTag[l.Code].ContainsKey(key))
                .Select(l => (l, taxonomy.TagUrl(l.Code, key))), taxonomy.TagUrl(code, key)));
        foreach (var (key, versions) in index.ByAuthor[code])
            urls.Add(Listing(versions, site.Languages.Where(l => index.ByAuthor[l.Code].ContainsKey(key))
                .Select(l => (l, Permalinks.Author(l.Code, key))), Permalinks.Author(code, key)));
        return urls;
    }

    /// <summary>The language's indexed story versions, newest first (the story index's order).</summary>
    public IReadOnlyList<StoryVersion> IndexedStories(LanguageConfig language)
    {
        var versions = new List<StoryVersion>(index.ByLanguage[language.Code].Count);
        foreach (var version in index.ByLanguage[language.Code])
            if (version.IsIndexed) versions.Add(version);
        return versions;
    }

    /// <summary>The entries of story versions, made absolute: only for a file that is written. Not thread-safe either.</summary>
    public IReadOnlyList<SitemapUrl> Stories(IReadOnlyList<StoryVersion> versions)
    {
        var urls = new List<SitemapUrl>(versions.Count);
        foreach (var version in versions) urls.Add(new SitemapUrl(Absolute(version.Url), version.LastModified, StoryAlternates(version.Story)));
        return urls;
    }

    /// <summary>
    /// What a file of story versions lists, as <see cref="Stories(IReadOnlyList{StoryVersion})"/> would make it, from the
    /// relative URLs: the base URL keys the whole build cache. A kept file (all but the newest of each language) costs
    /// no absolute URL and no entry. Not thread-safe either.
    /// </summary>
    public Fingerprint StoriesFingerprint(IReadOnlyList<StoryVersion> versions)
    {
        var fingerprint = new FingerprintBuilder().Add("stories").Add(versions.Count);
        foreach (var version in versions) fingerprint.Add(version.Url).Add(version.LastModified.UtcTicks).Add(StoryLinksFingerprint(version.Story));
        return fingerprint.Value;
    }

    /// <summary>
    /// <paramref name="versions"/> summed up in order (see Engine.PublishedSums.AddListed), and their newest
    /// lastmod: what a file of them needs to be kept as published, in one pass over its versions.
    /// </summary>
    public static (Fingerprint Sum, DateTimeOffset LastModified) Summed(IReadOnlyList<StoryVersion> versions)
    {
        var sum = new FingerprintBuilder().Add("stories").Add(versions.Count);
        var newest = DateTimeOffset.MinValue;
        for (var i = 0; i < versions.Count; i++)
        {
            Engine.PublishedSums.AddListed(sum, versions[i]);
            if (versions[i].LastModified > newest) newest = versions[i].LastModified;
        }
        return (sum.Value, newest);
    }

    /// <summary>
    /// Whether <see cref="SitemapXml.Split"/> surely makes one file of these versions' entries, told from the lengths of
    /// their relative URLs and those of their alternates: when it is not sure, the entries are made and split.
    /// </summary>
    public bool SurelyOneFile(IReadOnlyList<StoryVersion> versions)
    {
        // Told first from the longest URL of the whole site and the most alternates a story can have, found once: every
        // file of a language's stories asks, and these files hold far fewer entries than a sitemap may.
        _longestUrl ??= LongestUrl(index.Versions);
        if (SitemapXml.SurelyOneFile(versions.Count, _baseUrlBytes + _longestUrl.Value, site.Languages.Count + 1, _longestHreflang)) return true;
        long longest = 0;
        var alternates = 0;
        foreach (var version in versions)
        {
            var links = 1; // x-default
            var others = version.Story.Versions;
            for (var i = 0; i < others.Count; i++)
            {
                longest = Math.Max(longest, Encoding.UTF8.GetByteCount(others[i].Url));
                if (others[i].IsIndexed) links++;
            }
            alternates = Math.Max(alternates, links);
        }
        return SitemapXml.SurelyOneFile(versions.Count, _baseUrlBytes + longest, alternates, _longestHreflang);
    }

    private long? _longestUrl;

    private static long LongestUrl(IReadOnlyList<StoryVersion> versions)
    {
        long longest = 0;
        for (var i = 0; i < versions.Count; i++) longest = Math.Max(longest, Encoding.UTF8.GetByteCount(versions[i].Url));
        return longest;
    }

    /// <summary>
    /// A listing's first page. Its lastmod is the newest change among the stories it shows, so it moves
    /// when a story appears on it or one of them is updated, and never with the build clock.
    /// </summary>
    private SitemapUrl Listing(IReadOnlyList<StoryVersion> versions, IEnumerable<(LanguageConfig Language, string Url)> existing, string url, string? xDefault = null)
    {
        var shown = versions.Take(site.PageSize).ToList();
        DateTimeOffset? lastModified = shown.Count == 0 ? null : shown.Max(v => v.LastModified);
        var all = existing.ToList();
        return new SitemapUrl(Absolute(url), lastModified, Alternates(all, xDefault ?? XDefault.Listing(site, all)));
    }

    private IReadOnlyList<SitemapAlternate> StoryAlternates(Story story)
    {
        if (!_storyAlternates.TryGetValue(story, out var alternates))
            _storyAlternates[story] = alternates = Alternates(story.Versions.Where(v => v.IsIndexed).Select(v => (v.Language, v.Url)), XDefault.Story(story));
        return alternates;
    }

    // What StoryAlternates makes of a story, relative; hashed once for the six language sitemaps that list the story.
    private Fingerprint StoryLinksFingerprint(Story story)
    {
        if (_storyLinks.TryGetValue(story, out var known)) return known;
        var fingerprint = new FingerprintBuilder();
        var count = 0;
        var versions = story.Versions;
        for (var i = 0; i < versions.Count; i++)
            if (versions[i].IsIndexed) { fingerprint.Add(versions[i].Language.Hreflang).Add(versions[i].Url); count++; }
        return _storyLinks[story] = fingerprint.Add(count).Add(XDefault.Story(story)).Value;
    }

    private IReadOnlyList<SitemapAlternate> Alternates(IEnumerable<(LanguageConfig Language, string Url)> versions, string? xDefault)
    {
        var list = versions.Select(v => new SitemapAlternate(v.Language.Hreflang, Absolute(v.Url))).ToList();
        if (xDefault is not null) list.Add(new SitemapAlternate("x-default", Absolute(xDefault)));
        return list;
    }

    private string Absolute(string path)
    {
        if (!_absolute.TryGetValue(path, out var url)) _absolute[path] = url = site.AbsoluteUrl(path);
        return url;
    }
}
