using StaticNews.Feeds;

namespace StaticNews.Tests.Feeds;

public sealed class AbsoluteUrlsTests
{
    private static readonly Uri Page = new("https://news.example.org/en/2026/10/reef/");

    [Theory]
    [InlineData("<img src=\"reef.png\" alt=\"\">", "<img src=\"https://news.example.org/en/2026/10/reef/reef.png\" alt=\"\">")]
    [InlineData("<a href=\"../other/\">x</a>", "<a href=\"https://news.example.org/en/2026/10/other/\">x</a>")]
    [InlineData("<a href=\"/id/\">x</a>", "<a href=\"https://news.example.org/id/\">x</a>")]
    [InlineData("<a href=\"#fn1\">1</a>", "<a href=\"https://news.example.org/en/2026/10/reef/#fn1\">1</a>")]
    [InlineData("<a href='//cdn.example.net/a.js'>x</a>", "<a href=\"https://cdn.example.net/a.js\">x</a>")]
    [InlineData("<a href=more/?a&amp;b>x</a>", "<a href=\"https://news.example.org/en/2026/10/reef/more/?a&amp;b\">x</a>")]
    [InlineData("<a title=\"a > b\" href=\"x/\">x</a>", "<a title=\"a > b\" href=\"https://news.example.org/en/2026/10/reef/x/\">x</a>")]
    public void Relative_urls_become_absolute_against_the_page(string html, string expected) =>
        Assert.Equal(expected, AbsoluteUrls.Rewrite(html, Page));

    [Theory]
    [InlineData("<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>")]
    [InlineData("<a href=\"mailto:desk@example.org\">x</a>")]
    [InlineData("<img data-src=\"lazy.png\" src=\"data:image/png;base64,AAAA\">")]
    [InlineData("<p>Write <code>&lt;a href=\"x.html\"&gt;</code> or href=x in text.</p>")]
    public void Absolute_urls_other_attributes_and_text_are_left_alone(string html) =>
        Assert.Equal(html, AbsoluteUrls.Rewrite(html, Page));
}
