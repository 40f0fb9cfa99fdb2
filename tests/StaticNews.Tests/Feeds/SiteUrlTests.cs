using StaticNews.Configuration;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Feeds;

/// <summary>Absolute URLs of site paths, as feeds, sitemaps and canonical links carry them.</summary>
public sealed class SiteUrlTests
{
    [Theory]
    [InlineData("https://news.example.org/", "/en/2026/10/reef/", "https://news.example.org/en/2026/10/reef/")]
    [InlineData("https://news.example.org/", "/", "https://news.example.org/")]
    [InlineData("https://news.example.org/", "/sitemap-en.xml", "https://news.example.org/sitemap-en.xml")]
    [InlineData("https://example.org/news/", "/en/feed.json", "https://example.org/news/en/feed.json")]
    [InlineData("https://news.example.org/", "/ar/tag/اقتصاد/", "https://news.example.org/ar/tag/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/")]
    [InlineData("https://news.example.org/", "/zh/2026/10/珊瑚/", "https://news.example.org/zh/2026/10/%E7%8F%8A%E7%91%9A/")]
    [InlineData("https://news.example.org/", "/en/a b/", "https://news.example.org/en/a%20b/")]
    [InlineData("https://news.example.org/", "/en/100%25/", "https://news.example.org/en/100%25/")]
    [InlineData("https://example.org/news/", "/en/../id/", "https://example.org/news/id/")]
    [InlineData("https://example.org/news/", "/en/./x/", "https://example.org/news/en/x/")]
    public void Site_paths_become_the_urls_a_browser_resolves(string baseUrl, string path, string expected)
    {
        var site = Site(baseUrl);
        Assert.Equal(expected, site.AbsoluteUrl(path));
        Assert.Equal(new Uri(new Uri(baseUrl), path.TrimStart('/')).AbsoluteUri, site.AbsoluteUrl(path));
    }

    private static SiteConfig Site(string baseUrl)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>(), SiteBuild.MinimalSiteYml.Replace("https://news.example.org/", baseUrl));
        var diagnostics = new StaticNews.Engine.DiagnosticBag();
        return SiteConfigLoader.Load(input, null, diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Sorted()));
    }
}
