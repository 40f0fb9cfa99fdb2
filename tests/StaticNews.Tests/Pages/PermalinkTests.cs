using System.Globalization;
using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Tests.Pages;

/// <summary>A story's URL from site.yml's permalink pattern: each placeholder filled in, the rest as written.</summary>
public sealed class PermalinkTests
{
    private static SiteConfig Site(string pattern) => new()
    {
        Title = new LocalizedText("Kabar"),
        BaseUrl = new Uri("https://news.example.org/"),
        DefaultLanguage = "id",
        Languages = [],
        Permalink = pattern,
    };

    // 20:30 UTC on 4 March is 03:30 on 5 March in Jakarta, the site's time zone: the date in the URL is the site's.
    private static readonly DateTimeOffset Date = DateTimeOffset.Parse("2026-03-04T20:30:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/{lang}/{yyyy}/{mm}/{slug}/", "/id/2026/03/banjir-{lang}-jakarta/")]
    [InlineData("/{lang}/{yyyy}/{mm}/{dd}/{slug}/", "/id/2026/03/05/banjir-{lang}-jakarta/")]
    [InlineData("/news/{yyyy}{mm}{dd}-{slug}/{lang}/{lang}/", "/news/20260305-banjir-{lang}-jakarta/id/id/")]
    [InlineData("/{x}/{{lang}}/{slug", "/{x}/{id}/{slug")]
    [InlineData("/arsip/", "/arsip/")]
    public void Every_placeholder_is_filled_and_everything_else_kept(string pattern, string expected) =>
        // The slug holds a placeholder's name: a value put in is not read again.
        Assert.Equal(expected, Permalinks.Story(Site(pattern), "id", "banjir-{lang}-jakarta", Date));
}
