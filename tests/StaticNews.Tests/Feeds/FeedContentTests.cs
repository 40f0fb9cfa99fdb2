using StaticNews.Tests.Support;

namespace StaticNews.Tests.Feeds;

/// <summary>
/// What a story body becomes in a feed entry, read the way a feed reader reads it (an HTML5 parser over RSS
/// content:encoded, Atom content and JSON Feed content_html): the author's text stays text, links are absolute.
/// </summary>
public sealed class FeedContentTests
{
    private const string Page = "https://news.example.org/id/2026/10/s/";

    /// <summary>Builds one story (an original and a machine translation) with <paramref name="body"/>; returns the output folder's entries of the original.</summary>
    private static List<FeedContents.Entry> Entries(TempDir temp, string body, string? siteExtra = null) => Build(temp, body, siteExtra).Entries;

    private static (List<FeedContents.Entry> Entries, AngleSharp.Dom.IElement PageBody) Build(TempDir temp, string body, string? siteExtra = null)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/s/id.md"] = $"---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\n---\n{body}\n",
            ["articles/s/en.md"] = $"---\ntitle: T\n---\n{body}\n",
        }, SiteBuild.MinimalSiteYml + (siteExtra is null ? "" : "\n" + siteExtra));
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var entries = FeedContents.All(output).Where(e => e.Link == Page).ToList();
        // The live feed and the month's archive, in the three formats.
        Assert.Equal(["atom.xml", "feed.json", "rss.xml"], entries.Select(e => Path.GetFileName(e.Feed)).Distinct().Order(StringComparer.Ordinal));
        return (entries, HtmlPages.Load(output, "id/2026/10/s/index.html").QuerySelector(".story-body")!);
    }

    [Fact]
    public void Attribute_like_text_in_alt_and_title_stays_text_in_every_feed_format()
    {
        using var temp = new TempDir();
        var entries = Entries(temp, """
            ![foto href=x onerror=alert(document.domain) ](tidak-ada.png)

            [tautan](https://a.example/ "judul src=y onmouseover=alert(2) ")

            <img src="ok.png" alt=" href=x onerror=alert(1) ">
            """);
        foreach (var entry in entries)
        {
            var content = entry.Parse();
            Assert.Empty(FeedContents.ScriptProblems(content));
            Assert.Empty(FeedContents.RelativeUrls(content));
            var images = content.QuerySelectorAll("img");
            Assert.Equal(2, images.Length);
            Assert.Equal("foto href=x onerror=alert(document.domain) ", images[0].GetAttribute("alt"));
            Assert.Equal(Page + "tidak-ada.png", images[0].GetAttribute("src"));
            Assert.Equal(" href=x onerror=alert(1) ", images[1].GetAttribute("alt"));
            Assert.Equal(Page + "ok.png", images[1].GetAttribute("src"));
            var link = content.QuerySelector("a[title]")!;
            Assert.Equal("judul src=y onmouseover=alert(2) ", link.GetAttribute("title"));
            Assert.Equal("https://a.example/", link.GetAttribute("href"));
        }
    }

    [Fact]
    public void Every_kind_of_relative_link_in_markdown_and_raw_html_is_absolute_in_feeds_and_as_written_on_the_page()
    {
        using var temp = new TempDir();
        var (entries, page) = Build(temp, """
            See [the map](peta/), [home](/id/), [up](../../), [the CDN](//cdn.example.net/a.png), [query](?hal=2),
            [a heading](#tujuan), a note[^1], <desk@example.org>, [mail](mailto:desk@example.org) and [out](https://example.org/x?a=1&b=2).

            ## Tujuan

            <p><a href='lampiran.png' title="a > b">raw</a> <img src=foto.png alt=""> <q cite="sumber/">cited</q></p>

            [^1]: A note.
            """);
        foreach (var entry in entries)
        {
            var content = entry.Parse();
            Assert.Empty(FeedContents.RelativeUrls(content));
            string Href(string text) => content.QuerySelectorAll("a").Single(a => a.TextContent == text).GetAttribute("href")!;
            Assert.Equal(Page + "peta/", Href("the map"));
            Assert.Equal("https://news.example.org/id/", Href("home"));
            Assert.Equal("https://news.example.org/id/2026/", Href("up"));
            Assert.Equal("https://cdn.example.net/a.png", Href("the CDN"));
            Assert.Equal(Page + "?hal=2", Href("query"));
            Assert.Equal(Page + "#tujuan", Href("a heading"));
            Assert.Equal("mailto:desk@example.org", Href("desk@example.org"));
            Assert.Equal("mailto:desk@example.org", Href("mail"));
            Assert.Equal("https://example.org/x?a=1&b=2", Href("out"));
            Assert.Equal(Page + "lampiran.png", Href("raw"));
            Assert.Equal(Page + "foto.png", content.QuerySelector("img")!.GetAttribute("src"));
            Assert.Equal(Page + "sumber/", content.QuerySelector("q")!.GetAttribute("cite"));
            Assert.All(content.QuerySelectorAll("a.footnote-ref, a.footnote-back-ref"), a => Assert.StartsWith(Page + "#fn", a.GetAttribute("href")));
            Assert.Equal(2, content.QuerySelectorAll("a.footnote-ref, a.footnote-back-ref").Length);
        }
        // The page keeps them as written: relative to itself, wherever the site is served from.
        Assert.Equal(["peta/", "/id/", "../../", "//cdn.example.net/a.png", "?hal=2", "#tujuan", "#fn:1", "mailto:desk@example.org", "mailto:desk@example.org",
            "https://example.org/x?a=1&b=2", "lampiran.png", "#fnref:1"], page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("foto.png", page.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("sumber/", page.QuerySelector("q")!.GetAttribute("cite"));
    }

    [Fact]
    public void Trusted_html_is_published_as_written_on_the_page_and_with_absolute_urls_in_feeds()
    {
        using var temp = new TempDir();
        var (entries, page) = Build(temp, "<picture><source srcset=\"a.avif 1x, b.avif 2x\"><img src=a.png alt=x data-x=1></picture> <a href=peta/ onclick=\"go()\">peta</a>", "trustHtml: true");
        Assert.Equal("a.avif 1x, b.avif 2x", page.QuerySelector("source")!.GetAttribute("srcset"));
        Assert.Equal("go()", page.QuerySelector("a")!.GetAttribute("onclick"));
        foreach (var entry in entries)
        {
            var content = entry.Parse();
            Assert.Empty(FeedContents.RelativeUrls(content));
            Assert.Equal($"{Page}a.avif 1x, {Page}b.avif 2x", content.QuerySelector("source")!.GetAttribute("srcset"));
            Assert.Equal(Page + "a.png", content.QuerySelector("img")!.GetAttribute("src"));
            Assert.Equal("1", content.QuerySelector("img")!.GetAttribute("data-x"));
            Assert.Equal(Page + "peta/", content.QuerySelector("a")!.GetAttribute("href"));
            // The site trusts its authors: the same markup as on the page, in feeds too.
            Assert.Equal("go()", content.QuerySelector("a")!.GetAttribute("onclick"));
        }
    }
}
