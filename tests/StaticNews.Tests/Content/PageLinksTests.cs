using StaticNews.Content;

namespace StaticNews.Tests.Content;

/// <summary>A link written relative to a story's page, made absolute the way a browser resolves it there.</summary>
public sealed class PageLinksTests
{
    private static readonly Uri Page = new("https://news.example.org/en/2026/10/reef/");

    [Theory]
    [InlineData("reef.png", "https://news.example.org/en/2026/10/reef/reef.png")]
    [InlineData("../other/", "https://news.example.org/en/2026/10/other/")]
    [InlineData("/id/", "https://news.example.org/id/")]
    [InlineData("#fn:1", "https://news.example.org/en/2026/10/reef/#fn:1")]
    [InlineData("//cdn.example.net/a.js", "https://cdn.example.net/a.js")]
    [InlineData("?page=2", "https://news.example.org/en/2026/10/reef/?page=2")]
    [InlineData("  reef.png\n", "https://news.example.org/en/2026/10/reef/reef.png")]
    [InlineData("re\tef\n.png", "https://news.example.org/en/2026/10/reef/reef.png")] // browsers drop tabs and line breaks anywhere
    [InlineData("\\\\cdn.example.net\\a.js", "https://cdn.example.net/a.js")]   // and read backslashes as slashes
    [InlineData("..\\lain/?q=a\\b#c\\d", "https://news.example.org/en/2026/10/lain/?q=a%5Cb#c%5Cd")] // in the path only
    [InlineData("é#a%20", "https://news.example.org/en/2026/10/reef/%C3%A9#a%20")]        // a fragment's escapes kept, whatever the path holds
    [InlineData("x#é b%", "https://news.example.org/en/2026/10/reef/x#%C3%A9%20b%25")]    // and what a URI cannot hold there escaped
    [InlineData("a  # b", "https://news.example.org/en/2026/10/reef/a%20%20#%20b")]           // spaces before the fragment kept
    [InlineData("y|\"", "https://news.example.org/en/2026/10/reef/y%7C%22")]                   // not a DOS drive
    [InlineData("a b.png", "https://news.example.org/en/2026/10/reef/a%20b.png")]
    [InlineData("//[::1", "https://news.example.org/en/2026/10/reef/")]              // unresolvable: the page itself
    [InlineData("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2")]
    [InlineData("mailto:desk@example.org", "mailto:desk@example.org")]
    public void Relative_urls_resolve_against_the_page_and_absolute_ones_stay_as_written(string url, string expected) =>
        Assert.Equal(expected, PageLinks.Absolute(url, Page));

    [Theory]
    [InlineData("a.png 1x, b.png 2x", "https://news.example.org/en/2026/10/reef/a.png 1x, https://news.example.org/en/2026/10/reef/b.png 2x")]
    [InlineData("a.png 480w,b.png 800w", "https://news.example.org/en/2026/10/reef/a.png 480w,https://news.example.org/en/2026/10/reef/b.png 800w")]
    [InlineData("a.png,, b.png", "https://news.example.org/en/2026/10/reef/a.png,, https://news.example.org/en/2026/10/reef/b.png")]
    [InlineData("a.png,b.png 2x", "https://news.example.org/en/2026/10/reef/a.png,b.png 2x")] // a comma inside a URL is part of it
    [InlineData(" https://cdn.example.net/x.avif 1200w ", " https://cdn.example.net/x.avif 1200w ")]
    public void A_srcset_has_each_candidates_url_resolved_and_its_descriptors_kept(string srcset, string expected) =>
        Assert.Equal(expected, PageLinks.AbsoluteSrcset(srcset, Page));
}
