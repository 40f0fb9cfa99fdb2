using StaticNews.Publish;

namespace StaticNews.Sitemaps;

/// <summary>
/// What each sitemap file lists, as a <see cref="Fingerprint"/>: equal fingerprints mean <see cref="SitemapXml"/>
/// would write the same bytes, so an incremental build keeps the published file without rendering it.
/// The site (time zone of lastmod, base URL) is a build-wide input that keys the whole cache. A file of story versions
/// is fingerprinted from the versions themselves (<see cref="SitemapUrls.StoriesFingerprint"/>, beside the alternates it
/// stands for), so that a kept one costs no entries.
/// </summary>
public static class SitemapFingerprints
{
    public static Fingerprint UrlSet(IReadOnlyList<SitemapUrl> urls)
    {
        var fingerprint = new FingerprintBuilder().Add("urlset").Add(urls.Count);
        foreach (var url in urls)
        {
            fingerprint.Add(url.Loc).AddInstant(url.LastModified).Add(url.Alternates.Count);
            foreach (var alternate in url.Alternates) fingerprint.Add(alternate.Hreflang).Add(alternate.Href);
        }
        return fingerprint.Value;
    }

    public static Fingerprint News(IReadOnlyList<NewsItem> items)
    {
        var fingerprint = new FingerprintBuilder().Add("news").Add(items.Count);
        foreach (var item in items)
            fingerprint.Add(item.Loc).Add(item.PublicationName).Add(item.Language).AddInstant(item.Published).Add(item.Title);
        return fingerprint.Value;
    }

    public static Fingerprint Index(IReadOnlyList<(string Loc, DateTimeOffset? LastModified)> sitemaps)
    {
        var fingerprint = new FingerprintBuilder().Add("sitemapindex").Add(sitemaps.Count);
        foreach (var (loc, lastModified) in sitemaps) fingerprint.Add(loc).AddInstant(lastModified);
        return fingerprint.Value;
    }

    /// <summary>Dates are written in the site's time zone, so only the instant matters, not the offset it was given with.</summary>
    private static FingerprintBuilder AddInstant(this FingerprintBuilder fingerprint, DateTimeOffset? date) =>
        date is { } instant ? fingerprint.Add(instant.UtcTicks) : fingerprint.Add((string?)null);
}
