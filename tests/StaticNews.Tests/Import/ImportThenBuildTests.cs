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
}
