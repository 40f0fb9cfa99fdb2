using AngleSharp.Html.Parser;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>Raw HTML and URLs in Markdown bodies, as a reader's browser receives them on the story page.</summary>
public sealed class HtmlPolicyTests
{
    private const string Date = "date: 2026-10-01T10:00:00+07:00";

    /// <summary>Builds one story with <paramref name="body"/> and returns its page's article body element.</summary>
    private static AngleSharp.Dom.IElement Body(string body, string? siteExtra = null)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/s/id.md"] = $"---\ntitle: T\n{Date}\n---\n{body}\n" },
            SiteBuild.MinimalSiteYml + (siteExtra is null ? "" : "\n" + siteExtra));
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "id", "2026", "10", "s", "index.html")));
        // The rendered Markdown body (the marker also appears in the head: description, JSON-LD).
        var storyBody = document.QuerySelector(".story-body")!;
        Assert.Contains("MARK", storyBody.TextContent);
        return storyBody;
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "script")]
    [InlineData("<img src=x onerror=alert(1)>", "[onerror]")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "a[href]")]
    [InlineData("<a href=\"JaVa&#x09;ScRiPt:alert(1)\">x</a>", "a[href]")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "img[src]")]
    [InlineData("<svg><script>alert(1)</script></svg>", "svg")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>", "iframe")]
    [InlineData("<form action=\"https://evil.example/\"><input name=p></form>", "form")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "[style*=url]")]
    [InlineData("<object data=\"x.swf\"></object>", "object")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">", "meta")]
    [InlineData("<div><style>body{display:none}</style></div>", "style")]
    public void Dangerous_raw_html_is_removed(string html, string selector)
    {
        var body = Body($"<p>MARK</p>\n\n{html}\n");
        Assert.Null(body.QuerySelector(selector));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "a")]
    [InlineData("[x](  JAVASCRIPT:alert(1))", "a")]
    [InlineData("[x](vbscript:msgbox(1))", "a")]
    [InlineData("![x](data:image/png;base64,AAAA)", "img")]
    [InlineData("<javascript:alert(1)>", "a")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)", "a")]
    public void Markdown_links_with_script_urls_lead_nowhere_even_when_html_is_trusted(string markdown, string tag)
    {
        foreach (var site in new[] { null, "trustHtml: true" })
        {
            var body = Body($"MARK {markdown}\n", site);
            var element = body.QuerySelector(tag);
            Assert.NotNull(element);
            var url = element.GetAttribute(tag == "img" ? "src" : "href")!;
            Assert.False(OutputChecks.IsScriptUrl(url), $"{url} with {site ?? "default policy"}");
        }
    }

    [Fact]
    public void News_markup_survives_cleaning()
    {
        var body = Body("""
            <p>MARK</p>

            <figure><img src="photo.jpg" alt="Kapal" width="640" height="480"><figcaption>Pelabuhan</figcaption></figure>
            <table><thead><tr><th>Tim</th></tr></thead><tbody><tr><td style="text-align: right">3</td></tr></tbody></table>
            <blockquote cite="https://example.org/">Kutipan</blockquote>
            <p><a href="https://example.org/a" title="t" hreflang="en">link</a> <a href="../b/">rel</a> <a href="mailto:desk@example.org">mail</a></p>

            | a | b |
            |--:|---|
            | 1 | 2 |
            """);
        Assert.Equal("Kapal", body.QuerySelector("figure img")!.GetAttribute("alt"));
        Assert.Equal("640", body.QuerySelector("figure img")!.GetAttribute("width"));
        Assert.Equal("Pelabuhan", body.QuerySelector("figcaption")!.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("table").Length);
        Assert.Contains("text-align", body.QuerySelector("td")!.GetAttribute("style"));
        Assert.Equal(["https://example.org/a", "../b/", "mailto:desk@example.org"], body.QuerySelectorAll("p a").Select(a => a.GetAttribute("href")));
        Assert.Equal("en", body.QuerySelector("a[hreflang]")!.GetAttribute("hreflang"));
    }

    [Fact]
    public void Iframes_come_only_from_configured_embed_hosts()
    {
        const string markdown = """
            <p>MARK</p>

            <iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" allowfullscreen></iframe>
            <iframe src="http://www.youtube-nocookie.com/embed/plain-http"></iframe>
            <iframe src="https://player.example.net/x"></iframe>
            """;
        Assert.Empty(Body(markdown).QuerySelectorAll("iframe"));
        var allowed = Body(markdown, "embeds: [www.youtube-nocookie.com]").QuerySelectorAll("iframe");
        Assert.Equal(["https://www.youtube-nocookie.com/embed/abc"], allowed.Select(f => f.GetAttribute("src")));
    }

    [Fact]
    public void Trusted_html_is_published_as_written()
    {
        var body = Body("<p>MARK</p>\n\n<div class=\"widget\" data-id=\"7\"><button>Vote</button></div>\n", "trustHtml: true");
        Assert.Equal("7", body.QuerySelector("div.widget")!.GetAttribute("data-id"));
        Assert.NotNull(body.QuerySelector("button"));
    }
}
