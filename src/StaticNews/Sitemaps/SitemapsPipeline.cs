using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>The sitemap files written, as output paths (the CDN gives them their Content-Type).</summary>
public sealed record SitemapFiles(IReadOnlyList<string> Paths);

/// <summary>
/// Writes the files of the <see cref="SitemapPlan"/> (per language its listings' and its stories' sitemaps, the News
/// sitemap), /sitemap.xml (an index over them, each with the newest lastmod it lists) and /robots.txt pointing to the
/// index (with a warning when the base URL is a sub-folder, where no crawler reads it).
/// </summary>
public sealed class SitemapsPipeline : Pipeline<SitemapFiles>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline)];

    public const string IndexPath = "sitemap.xml";
    public const string RobotsPath = "robots.txt";

    /// <summary>Each file of stories of the last run summed up, by its path, recorded for the next build (see Engine.PublishedSums).</summary>
    public IReadOnlyDictionary<string, Fingerprint> StorySums { get; private set; } = new Dictionary<string, Fingerprint>();

    protected override SitemapFiles Execute(PipelineContext context)
    {
        var site = context.Site;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var output = context.Output;
        var written = new List<string>();
        var indexed = new List<(string Loc, DateTimeOffset? LastModified)>();

        // Each file is rendered only if what it lists changed since it was published (see OutputSink.Write).
        void Write(string path, Fingerprint fingerprint, Action<Stream> render, DateTimeOffset? lastModified, bool listInIndex = true)
        {
            output.Write(path, fingerprint, render, "sitemaps");
            if (listInIndex) Listed(path, lastModified);
            else written.Add(path);
        }
        void Listed(string path, DateTimeOffset? lastModified)
        {
            written.Add(path);
            indexed.Add((site.AbsoluteUrl(path), lastModified));
        }

        // A file of stories whose folders are as when the site was published, in a build whose input is otherwise the
        // same (see StoryChanges), is as published if it lists the versions it listed then (its sum): kept without its
        // entries fingerprinted.
        var changes = context.Session.StoryChanges;
        bool AsPublished(SitemapUrlSet set, IReadOnlyList<StoryVersion> versions, Fingerprint sum) =>
            changes is not null && changes.AsPublished(changes.Published.StorySitemaps, set.Path, sum, versions, index);

        var plan = SitemapPlan.Of(site, index, context.Session.Clock.Now, context.Session.Options.SitemapStoriesPerFile);
        var storySums = new Dictionary<string, Fingerprint>(StringComparer.Ordinal);
        foreach (var set in plan.UrlSets)
        {
            if (set.Stories is var (versions, sum))
            {
                storySums[set.Path] = sum;
                if (AsPublished(set, versions, sum) && output.TryKeepAsPublished(set.Path, "sitemaps"))
                {
                    Listed(set.Path, set.LastModified);
                    continue;
                }
            }
            Write(set.Path, set.Fingerprint(), stream => SitemapXml.UrlSet(set.Urls(), site, stream), set.LastModified);
        }
        StorySums = storySums;
        foreach (var (path, items) in plan.News)
            Write(path, SitemapFingerprints.News(items), stream => SitemapXml.News(items, site, stream), items.Count == 0 ? null : items.Max(n => n.Published));

        Write(IndexPath, SitemapFingerprints.Index(indexed), stream => SitemapXml.Index(indexed, site, stream), null, listInIndex: false);

        var robots = $"User-agent: *\nAllow: /\n\nSitemap: {site.AbsoluteUrl(IndexPath)}\n";
        // A crawler reads robots.txt at the root of the host only: one in a sub-folder is never read.
        if (site.BaseUrl.AbsolutePath != "/")
            context.Diagnostics.Warning(
                $"baseUrl {site.BaseUrl} is a sub-folder of its host: crawlers read robots.txt only at {new Uri(site.BaseUrl, "/robots.txt")}, " +
                $"never this site's {site.AbsoluteUrl(RobotsPath)}; add the line 'Sitemap: {site.AbsoluteUrl(IndexPath)}' to the host's own robots.txt",
                "site.yml");
        output.Write(RobotsPath, Fingerprint.Of("robots", robots), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(robots)), "sitemaps");
        return new SitemapFiles(written);
    }

}

/// <summary>
/// The sitemap files a site has and what each lists. Per language, /sitemap-{lang}.xml lists its pages other than stories
/// (home, first URLs of listings; see <see cref="SitemapUrls.Listings"/>), and /sitemap-{lang}-stories-{n}.xml its
/// stories in files of <see cref="StoriesPerFile"/>, numbered from the oldest as listing pages and feed archives are:
/// file 1 holds the oldest, the highest-numbered one the remainder. A new story joins only the newest file (or starts
/// the next), so every older file keeps its bytes and an incremental build keeps it; the listings' file, whose lastmods
/// move with every story, is apart from them. What still moves story files is what moves listing pages: a story dated
/// before ones already listed, a removed or unindexed one. Any file past the protocol's limits is split into -2, -3 ...
/// (<see cref="SitemapXml.Split"/>; at 1,000 stories a file would need entries of 50 KB each). /news-sitemap.xml is split
/// likewise at 1,000 articles, and written even when no article is recent enough: the index and search consoles point
/// to it. Planned without writing, so `check` knows them too.
/// </summary>
public sealed record SitemapPlan(IReadOnlyList<SitemapUrlSet> UrlSets, IReadOnlyList<(string Path, IReadOnlyList<NewsItem> Items)> News)
{
    /// <summary>
    /// Story URLs per file: a new story rewrites up to this many entries per language (about 0.9 MB with six languages'
    /// alternates), and the index grows by one file per this many stories; 1,000 is also what crawlers are used to
    /// (WordPress SEO plugins' default), far under the protocol's 50,000.
    /// </summary>
    public const int StoriesPerFile = 1_000;

    public static SitemapPlan Of(SiteConfig site, StoryIndex index, DateTimeOffset now, int storiesPerFile = StoriesPerFile)
    {
        var urls = new SitemapUrls(index, site);
        var sets = new List<SitemapUrlSet>();
        foreach (var language in site.Languages)
        {
            sets.AddRange(Files($"sitemap-{language.Code}", urls.Listings(language)));
            var stories = urls.IndexedStories(language);
            for (var n = 1; n <= (stories.Count + storiesPerFile - 1) / storiesPerFile; n++)
            {
                var stem = $"sitemap-{language.Code}-stories-{n}";
                var versions = ListingPage.OnStablePage(stories, n, storiesPerFile);
                // Most story files are kept as published: their fingerprints and entries are made only if they are looked at.
                if (urls.SurelyOneFile(versions))
                {
                    var (sum, lastModified) = SitemapUrls.Summed(versions);
                    sets.Add(new SitemapUrlSet(Numbered(stem, 0), () => urls.StoriesFingerprint(versions), lastModified, () => urls.Stories(versions))
                        { Stories = (versions, sum) });
                }
                else sets.AddRange(Files(stem, urls.Stories(versions)));
            }
        }
        var news = NewsSitemap.Items(index, site, now).Chunk(NewsSitemap.MaxUrls).Select(c => (IReadOnlyList<NewsItem>)c).DefaultIfEmpty([])
            .Select((items, i) => (Numbered("news-sitemap", i), items)).ToList();
        return new SitemapPlan(sets, news);
    }

    /// <summary>Every file's output path, the index and robots.txt included.</summary>
    public IEnumerable<string> Paths => UrlSets.Select(s => s.Path).Concat(News.Select(n => n.Path)).Append(SitemapsPipeline.IndexPath).Append(SitemapsPipeline.RobotsPath);

    private static IEnumerable<SitemapUrlSet> Files(string stem, IReadOnlyList<SitemapUrl> urls) =>
        SitemapXml.Split(urls).Select((file, i) => SitemapUrlSet.Of(Numbered(stem, i), file));

    /// <summary>The first file keeps the stem's name; the ones a split adds are numbered from 2.</summary>
    private static string Numbered(string stem, int i) => i == 0 ? $"{stem}.xml" : $"{stem}-{i + 1}.xml";
}
