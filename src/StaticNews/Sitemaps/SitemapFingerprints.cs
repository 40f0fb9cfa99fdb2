using System.Globalization;
using StaticNews.Publish;

namespace StaticNews.Sitemaps;

/// <summary>
/// What each sitemap file lists, as a <see cref="Fingerprint"/>: equal fingerprints mean <see cref="SitemapXml"/>
/// would write the same bytes, so an incremental build keeps the published file without rendering it.
/// The site (time zone of lastmod, base URL) is a build-wide input that keys the whole cache.
/// </summary>
public static class SitemapFingerprints
{
    public static string UrlSet(IReadOnlyList<SitemapUrl> urls)
    {
        var fingerprint = new Fingerprint().Add("urlset").Add(urls.Count);
        foreach (var url in urls)
        {
            fingerprint.Add(url.Loc).Add(Instant(url.LastModified)).Add(url.Alternates.Count);
            foreach (var alternate in url.Alternates) fingerprint.Add(alternate.Hreflang).Add(alternate.Href);
        }
        return fingerprint.Value;
    }

    public static string News(IReadOnlyList<NewsItem> items)
    {
        var fingerprint = new Fingerprint().Add("news").Add(items.Count);
        foreach (var item in items)
            fingerprint.Add(item.Loc).Add(item.PublicationName).Add(item.Language).Add(Instant(item.Published)).Add(item.Title);
        return fingerprint.Value;
    }

    public static string Index(IReadOnlyList<(string Loc, DateTimeOffset? LastModified)> sitemaps)
    {
        var fingerprint = new Fingerprint().Add("sitemapindex").Add(sitemaps.Count);
        foreach (var (loc, lastModified) in sitemaps) fingerprint.Add(loc).Add(Instant(lastModified));
        return fingerprint.Value;
    }

    /// <summary>Dates are written in the site's time zone, so only the instant matters, not the offset it was given with.</summary>
    private static string? Instant(DateTimeOffset? date) => date?.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
