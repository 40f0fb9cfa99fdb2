using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>The sitemap files written, as output paths (the CDN gives them their Content-Type).</summary>
public sealed record SitemapFiles(IReadOnlyList<string> Paths);

/// <summary>
/// Writes /sitemap.xml (an index over the per-language sitemaps and the News sitemap),
/// /sitemap-{lang}.xml (split into -2, -3, ... past the protocol's limits), /news-sitemap.xml
/// (split likewise at 1,000 articles) and /robots.txt pointing to the index (with a warning when the base URL is
/// a sub-folder, where no crawler reads it).
/// </summary>
public sealed class SitemapsPipeline : Pipeline<SitemapFiles>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline)];

    public const string IndexPath = "sitemap.xml";
    public const string RobotsPath = "robots.txt";

    protected override SitemapFiles Execute(PipelineContext context)
    {
        var site = context.Site;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var output = context.Output;
        var written = new List<string>();
        var indexed = new List<(string Loc, DateTimeOffset? LastModified)>();

        // Each file is rendered only if what it lists changed since it was published (see OutputSink.Write).
        void Write(string path, string fingerprint, Action<Stream> render, DateTimeOffset? lastModified, bool listInIndex = true)
        {
            output.Write(path, fingerprint, render, "sitemaps");
            written.Add(path);
            if (listInIndex) indexed.Add((site.AbsoluteUrl(path), lastModified));
        }

        var plan = SitemapPlan.Of(site, index, context.Session.Clock.Now);
        foreach (var (path, urls) in plan.UrlSets)
            Write(path, SitemapFingerprints.UrlSet(urls), stream => SitemapXml.UrlSet(urls, site, stream), urls.Max(u => u.LastModified));
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
/// The sitemap files a site has and what each lists: per language /sitemap-{lang}.xml, split into -2, -3, ... past the
/// protocol's limits, and /news-sitemap.xml (split likewise at 1,000 articles, and written even when no article is
/// recent enough: the index and search consoles point to it). Planned without writing, so `check` knows them too.
/// </summary>
public sealed record SitemapPlan(IReadOnlyList<(string Path, IReadOnlyList<SitemapUrl> Urls)> UrlSets, IReadOnlyList<(string Path, IReadOnlyList<NewsItem> Items)> News)
{
    public static SitemapPlan Of(SiteConfig site, StoryIndex index, DateTimeOffset now)
    {
        var urls = new SitemapUrls(index, site);
        var sets = site.Languages.SelectMany(language => SitemapXml.Split(urls.For(language)).Select((file, i) => (Numbered($"sitemap-{language.Code}", i), file))).ToList();
        var news = NewsSitemap.Items(index, site, now).Chunk(NewsSitemap.MaxUrls).Select(c => (IReadOnlyList<NewsItem>)c).DefaultIfEmpty([])
            .Select((items, i) => (Numbered("news-sitemap", i), items)).ToList();
        return new SitemapPlan(sets, news);
    }

    /// <summary>Every file's output path, the index and robots.txt included.</summary>
    public IEnumerable<string> Paths => UrlSets.Select(s => s.Path).Concat(News.Select(n => n.Path)).Append(SitemapsPipeline.IndexPath).Append(SitemapsPipeline.RobotsPath);

    /// <summary>The first file keeps the contract's name; the ones a split adds are numbered from 2.</summary>
    private static string Numbered(string stem, int i) => i == 0 ? $"{stem}.xml" : $"{stem}-{i + 1}.xml";
}
