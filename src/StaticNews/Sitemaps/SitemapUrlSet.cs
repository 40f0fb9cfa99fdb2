using StaticNews.Publish;

namespace StaticNews.Sitemaps;

/// <summary>
/// One urlset file of a <see cref="SitemapPlan"/>: what it lists as a fingerprint, its newest lastmod (for the index),
/// and its URLs, which are made only when the file is written.
/// </summary>
public sealed record SitemapUrlSet(string Path, Fingerprint Fingerprint, DateTimeOffset? LastModified, Func<IReadOnlyList<SitemapUrl>> Urls)
{
    /// <summary>A file whose URLs are made already.</summary>
    public static SitemapUrlSet Of(string path, IReadOnlyList<SitemapUrl> urls) =>
        new(path, SitemapFingerprints.UrlSet(urls), urls.Max(u => u.LastModified), () => urls);
}
