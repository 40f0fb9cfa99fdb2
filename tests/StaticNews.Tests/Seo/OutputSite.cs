using System.Xml.Linq;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Tests.Seo;

/// <summary>Reads a built output folder the way a crawler sees it: URLs to files, sitemaps, HTML pages.</summary>
public sealed class OutputSite(string root, string baseUrl)
{
    public static readonly XNamespace Sm = SitemapXml.SitemapNs, Xhtml = SitemapXml.XhtmlNs, News = SitemapXml.NewsNs;

    public string Root { get; } = root;
    public string BaseUrl { get; } = baseUrl;

    /// <summary>The output file an absolute URL of the site is served from, or null for a URL elsewhere.</summary>
    public string? FileFor(string url)
    {
        if (!url.StartsWith(BaseUrl, StringComparison.Ordinal)) return null;
        var path = "/" + Uri.UnescapeDataString(url[BaseUrl.Length..]);
        return Path.Combine(Root, Permalinks.FileFor(path));
    }

    public bool Exists(string url) => FileFor(url) is { } file && File.Exists(file);

    public XDocument Xml(string relative) => XDocument.Load(Path.Combine(Root, relative), LoadOptions.None);

    /// <summary>Every sitemap the index lists, by output path.</summary>
    public IReadOnlyList<string> ListedSitemaps() => Xml(SitemapsPipeline.IndexPath).Root!.Elements(Sm + "sitemap")
        .Select(s => s.Element(Sm + "loc")!.Value[BaseUrl.Length..]).ToList();

    /// <summary>Every url element of the language sitemaps (not the News sitemap).</summary>
    public IReadOnlyList<XElement> LanguageSitemapUrls() => ListedSitemaps().Where(p => p.StartsWith("sitemap-", StringComparison.Ordinal))
        .SelectMany(p => Xml(p).Root!.Elements(Sm + "url")).ToList();

    public AngleSharp.Dom.IDocument Html(string file) => Support.HtmlPages.Parse(File.ReadAllText(file));

    /// <summary>Every HTML file of the output.</summary>
    public IEnumerable<string> HtmlFiles() => Support.HtmlPages.HtmlFiles(Root);

    /// <summary>hreflang -> href, as a sorted, comparable text.</summary>
    public static string HreflangSet(IEnumerable<(string Hreflang, string Href)> links) =>
        string.Join("\n", links.Select(l => $"{l.Hreflang} {l.Href}").Order(StringComparer.Ordinal));
}
