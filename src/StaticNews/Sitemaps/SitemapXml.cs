using System.Text;
using System.Xml;
using StaticNews.Configuration;
using StaticNews.Pages;

namespace StaticNews.Sitemaps;

/// <summary>
/// Writes sitemaps by the sitemaps.org protocol (and Google's xhtml and news extensions) with
/// XmlWriter: UTF-8 without BOM, every value entity-escaped, the same bytes for the same input.
/// </summary>
public static class SitemapXml
{
    public const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    public const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The protocol's limits for one sitemap file.</summary>
    public const int MaxUrls = 50_000;
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>A <c>urlset</c> with <c>xhtml:link</c> alternates on every URL.</summary>
    public static void UrlSet(IEnumerable<SitemapUrl> urls, SiteConfig site, Stream stream) => Publish.XmlOutput.Write(stream, writer =>
    {
        writer.WriteStartElement("urlset", SitemapNs);
        writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
        foreach (var url in urls)
        {
            writer.WriteStartElement("url", SitemapNs);
            writer.WriteElementString("loc", SitemapNs, url.Loc);
            if (url.LastModified is { } modified)
                writer.WriteElementString("lastmod", SitemapNs, Localization.IsoDate(modified, site));
            foreach (var alternate in url.Alternates)
            {
                writer.WriteStartElement("xhtml", "link", XhtmlNs);
                writer.WriteAttributeString("rel", "alternate");
                writer.WriteAttributeString("hreflang", alternate.Hreflang);
                writer.WriteAttributeString("href", alternate.Href);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    /// <summary>A <c>sitemapindex</c> over the given sitemap files.</summary>
    public static void Index(IEnumerable<(string Loc, DateTimeOffset? LastModified)> sitemaps, SiteConfig site, Stream stream) => Publish.XmlOutput.Write(stream, writer =>
    {
        writer.WriteStartElement("sitemapindex", SitemapNs);
        foreach (var (loc, modified) in sitemaps)
        {
            writer.WriteStartElement("sitemap", SitemapNs);
            writer.WriteElementString("loc", SitemapNs, loc);
            if (modified is { } m) writer.WriteElementString("lastmod", SitemapNs, Localization.IsoDate(m, site));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    /// <summary>A Google News sitemap: one <c>news:news</c> per article.</summary>
    public static void News(IEnumerable<NewsItem> items, SiteConfig site, Stream stream) => Publish.XmlOutput.Write(stream, writer =>
    {
        writer.WriteStartElement("urlset", SitemapNs);
        writer.WriteAttributeString("xmlns", "news", null, NewsNs);
        foreach (var item in items)
        {
            writer.WriteStartElement("url", SitemapNs);
            writer.WriteElementString("loc", SitemapNs, item.Loc);
            writer.WriteStartElement("news", "news", NewsNs);
            writer.WriteStartElement("news", "publication", NewsNs);
            writer.WriteElementString("news", "name", NewsNs, item.PublicationName);
            writer.WriteElementString("news", "language", NewsNs, item.Language);
            writer.WriteEndElement();
            writer.WriteElementString("news", "publication_date", NewsNs, Localization.IsoDate(item.Published, site));
            writer.WriteElementString("news", "title", NewsNs, item.Title);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    private const int DocumentOverhead = 256, UrlOverhead = 128, AlternateOverhead = 96;

    /// <summary>
    /// True if <see cref="Split"/> surely keeps <paramref name="count"/> URLs in one file when no URL (absolute) is longer
    /// than <paramref name="longestUrl"/> UTF-8 bytes, no hreflang longer than <paramref name="longestHreflang"/>, and
    /// none has more than <paramref name="alternates"/> alternates. Each byte is counted as the most Split can count it:
    /// itself and an entity (6). Told without making the URLs absolute: Uri escapes a byte into three characters at most.
    /// </summary>
    public static bool SurelyOneFile(int count, long longestUrl, int alternates, long longestHreflang, int maxUrls = MaxUrls, long maxBytes = MaxBytes)
    {
        var entry = UrlOverhead + 6 * longestUrl + alternates * (AlternateOverhead + 6 * longestHreflang + 6 * longestUrl);
        return count <= maxUrls && DocumentOverhead + count * entry <= maxBytes;
    }

    /// <summary>
    /// Splits URLs into files of at most <paramref name="maxUrls"/> URLs and <paramref name="maxBytes"/>
    /// bytes. Sizes are an upper bound of what <see cref="UrlSet"/> writes (worst-case escaping, generous
    /// markup allowance), so a file never goes over, at the price of sometimes splitting a little early.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SitemapUrl>> Split(IReadOnlyList<SitemapUrl> urls, int maxUrls = MaxUrls, long maxBytes = MaxBytes)
    {
        var files = new List<IReadOnlyList<SitemapUrl>>();
        var current = new List<SitemapUrl>();
        long size = DocumentOverhead;
        foreach (var url in urls)
        {
            var cost = UrlOverhead + Escaped(url.Loc) + url.Alternates.Sum(a => AlternateOverhead + Escaped(a.Hreflang) + Escaped(a.Href));
            if (current.Count > 0 && (current.Count == maxUrls || size + cost > maxBytes))
            {
                files.Add(current);
                current = [];
                size = DocumentOverhead;
            }
            current.Add(url);
            size += cost;
        }
        if (current.Count > 0 || files.Count == 0) files.Add(current);
        return files;

        // UTF-8 bytes, plus room for each character XML may turn into an entity (&amp; &quot; ...).
        static long Escaped(string text)
        {
            var size = (long)Encoding.UTF8.GetByteCount(text);
            // Vectorised search: URLs rarely hold any of these, and this runs for every URL and alternate of the site.
            for (var rest = text.AsSpan(); Pages.Html.IndexOfSpecial(rest) is var i and >= 0; rest = rest[(i + 1)..]) size += 5;
            return size;
        }
    }
}

/// <summary>One article in the News sitemap.</summary>
public sealed record NewsItem(string Loc, string PublicationName, string Language, DateTimeOffset Published, string Title);
