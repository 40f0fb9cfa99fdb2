using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>The sitemap files written, as output paths (the CDN gives them their Content-Type).</summary>
public sealed record SitemapFiles(IReadOnlyList<string> Paths);

/// <summary>
/// Writes /sitemap.xml (an index over the per-language sitemaps and the News sitemap),
/// /sitemap-{lang}.xml (split into -2, -3, ... past the protocol's limits), /news-sitemap.xml
/// (split likewise at 1,000 articles) and /robots.txt pointing to the index.
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

        var urls = new SitemapUrls(index, site);
        foreach (var language in site.Languages)
        {
            var files = SitemapXml.Split(urls.For(language));
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                Write(Numbered($"sitemap-{language.Code}", i), SitemapFingerprints.UrlSet(file), stream => SitemapXml.UrlSet(file, site, stream), file.Max(u => u.LastModified));
            }
        }

        // Written even when no article is recent enough: the index and search consoles point to it.
        var news = NewsSitemap.Items(index, site, context.Session.Clock.Now).Chunk(NewsSitemap.MaxUrls).ToList();
        if (news.Count == 0) news.Add([]);
        for (var i = 0; i < news.Count; i++)
        {
            var items = news[i];
            Write(Numbered("news-sitemap", i), SitemapFingerprints.News(items), stream => SitemapXml.News(items, site, stream), items.Length == 0 ? null : items.Max(n => n.Published));
        }

        Write(IndexPath, SitemapFingerprints.Index(indexed), stream => SitemapXml.Index(indexed, site, stream), null, listInIndex: false);

        var robots = $"User-agent: *\nAllow: /\n\nSitemap: {site.AbsoluteUrl(IndexPath)}\n";
        output.Write(RobotsPath, Fingerprint.Of("robots", robots), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(robots)), "sitemaps");
        return new SitemapFiles(written);
    }

    /// <summary>The first file keeps the contract's name; the ones a split adds are numbered from 2.</summary>
    private static string Numbered(string stem, int i) => i == 0 ? $"{stem}.xml" : $"{stem}-{i + 1}.xml";
}
