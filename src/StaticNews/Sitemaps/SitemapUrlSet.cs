using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>
/// One urlset file of a <see cref="SitemapPlan"/>: what it lists as a fingerprint, its newest lastmod (for the index),
/// and its URLs; the fingerprint and the URLs are made only when the file is looked at and written.
/// </summary>
public sealed record SitemapUrlSet(string Path, Func<Fingerprint> Fingerprint, DateTimeOffset? LastModified, Func<IReadOnlyList<SitemapUrl>> Urls)
{
    /// <summary>
    /// For a file of story versions: the versions, and what they are summed up as in order (see Engine.PublishedSums.AddListed),
    /// by which a build that knows which stories' folders changed keeps the file without fingerprinting its entries.
    /// </summary>
    public (IReadOnlyList<StoryVersion> Versions, Fingerprint Sum)? Stories { get; init; }

    /// <summary>A file whose URLs are made already.</summary>
    public static SitemapUrlSet Of(string path, IReadOnlyList<SitemapUrl> urls)
    {
        var fingerprint = SitemapFingerprints.UrlSet(urls);
        return new(path, () => fingerprint, urls.Max(u => u.LastModified), () => urls);
    }
}
