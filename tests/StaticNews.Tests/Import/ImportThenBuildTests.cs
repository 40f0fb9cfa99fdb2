using System.Xml.Linq;
using StaticNews.Import;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Import;

/// <summary>An imported site builds, and its pages show what the old posts showed.</summary>
public sealed class ImportThenBuildTests
{
    private const string SiteYml = """
        title: Warta
        baseUrl: https://warta.example.net/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          en: { name: English }
        """;

    [Fact]
    public void A_classic_wxr_1_1_export_imports_and_builds()
    {
        using var site = new ImportedSite(SiteYml);
        var export = ImportedSite.Fixture("classic-1.1.xml");
        var report = site.Import(export, ImportedSite.Uploads);
        Assert.True(report.Success, string.Join("\n", report.Errors));
        var output = site.Temp.Combine("output");
        var build = SiteBuild.Run(site.Input, output);
        Assert.True(build.Success, string.Join("\n", build.Diagnostics));
        Assert.Equal(2, build.Stories);
        Assert.DoesNotContain(build.Diagnostics, d => d.Severity == StaticNews.Engine.Severity.Error);

        var page = HtmlPages.Load(output, "id/2013/02/banjir-kampung-melayu/index.html");
        Assert.Equal("Banjir di Kampung Melayu", page.QuerySelector("h1")!.TextContent.Trim());
        var article = page.QuerySelector("article") ?? page.Body!;
        // The caption shortcode is a figure in the body; its image is the full-size upload, copied into the story and
        // published by the image stage under /images/.
        var figure = article.QuerySelectorAll(".story-body figure").Single(f => f.QuerySelector("figcaption")?.TextContent == "Warga mengungsi dengan perahu karet");
        var src = figure.QuerySelector("img")!.GetAttribute("src")!;
        Assert.StartsWith("/images/", src);
        Assert.True(File.Exists(HtmlPages.FileForHref(output, src)), src);
        Assert.Equal(File.ReadAllBytes(Path.Combine(ImportedSite.Uploads, "2013/02/banjir.jpg")), File.ReadAllBytes(Path.Combine(site.Input, "articles/banjir-kampung-melayu/banjir.jpg")));
        // The old link to the other post leads to its new page, which exists.
        var link = article.QuerySelectorAll("a").Single(a => a.TextContent == "musim hujan tiba").GetAttribute("href")!;
        Assert.True(File.Exists(HtmlPages.FileForUrl(output, "https://warta.example.net/", link)), link);
        // <!--more--> split the classic text into two paragraphs, as WordPress showed it.
        Assert.Contains(article.QuerySelectorAll("p"), p => p.TextContent.Trim() == "Petugas membuka posko di tiga titik.");
        Assert.Equal(["/2013/02/banjir-kampung-melayu/"], site.Values("articles/banjir-kampung-melayu/id.md", "aliases"));
    }

    [Fact]
    public void Every_old_address_of_an_imported_post_redirects_to_its_new_page()
    {
        using var site = new ImportedSite();
        Assert.True(site.Import(ImportedSite.Fixture("newsroom.xml"), ImportedSite.Uploads).Success);
        var output = site.Temp.Combine("output");
        var build = SiteBuild.Run(site.Input, output);
        Assert.True(build.Success, string.Join("\n", build.Diagnostics));

        // The export read on its own: every published post the import made a story file of, with its old link.
        XNamespace wp = "http://wordpress.org/export/1.2/";
        var imported = ImportRecord.Load(site.Input).Sites.Values.SelectMany(s => s.Posts.Keys).ToHashSet();
        var posts = XDocument.Load(ImportedSite.Fixture("newsroom.xml")).Descendants("item")
            .Where(i => (string?)i.Element(wp + "post_type") == "post" && (string?)i.Element(wp + "status") == "publish")
            .Where(i => imported.Contains((long)i.Element(wp + "post_id")!))
            .Select(i => (Title: (string)i.Element("title")!, Path: new Uri((string)i.Element("link")!).AbsolutePath))
            .ToList();
        Assert.True(posts.Count >= 5, $"only {posts.Count} published posts imported");

        var rules = NetlifyRules.Redirects(output);
        var redirected = 0;
        foreach (var (title, path) in posts)
        {
            // A translation whose old address is its new one (the same language prefix and slug) is answered by its page.
            if (!rules.Any(r => r[0] == path))
            {
                Assert.Equal(title, HtmlPages.Load(output, Uri.UnescapeDataString(path).TrimStart('/') + "index.html").QuerySelector("h1")!.TextContent.Trim());
                continue;
            }
            redirected++;
            var rule = Assert.Single(rules, r => r[0] == path);
            Assert.Equal("301!", rule[2]);
            // It leads to the post's new page, and the page left at the old address says so too.
            var page = HtmlPages.Load(output, rule[1].TrimStart('/') + "index.html");
            Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
            var old = HtmlPages.Load(output, Uri.UnescapeDataString(path).TrimStart('/') + "index.html");
            Assert.Equal("https://kabar.example.org" + rule[1], old.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        }
        Assert.True(redirected >= 2, $"only {redirected} old addresses redirected");
    }
}
