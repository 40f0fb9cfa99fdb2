using StaticNews.Tests.Seo;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// What a story folder publishes: images, and PDF documents as downloads. A page, a script or an SVG dropped
/// beside a story would be served from the site's own origin, where its pages and their Content-Security-Policy
/// trust it; it is named in a warning and not published. input/static/ is the site owner's and is published as is.
/// </summary>
public sealed class StoryFilesTests
{
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><script>alert(1)</script></svg>";

    [Fact]
    public void A_story_folder_publishes_only_images_and_pdf_documents_and_names_every_other_file_in_a_warning()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/s/id.md"] = "---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\nimage: foto.jpg\n---\nLihat [lampiran](lampiran.html) dan [laporan](laporan.pdf).\n",
            ["articles/s/en.md"] = "---\ntitle: T\n---\nSee [the report](laporan.pdf).\n",
            ["articles/s/lampiran.html"] = "<!DOCTYPE html><title>x</title><script src=\"lampiran.js\"></script>",
            ["articles/s/lampiran.js"] = "alert(document.domain)",
            ["articles/s/grafik.svg"] = Svg,
            ["articles/s/GRAFIK2.SVG"] = Svg,
            ["articles/s/data.csv"] = "a,b\n",
            ["articles/s/halaman.htm"] = "<script>alert(1)</script>",
            ["static/tentang/peta.svg"] = Svg,
            ["static/js/widget.js"] = "console.log(1)",
        });
        using var webp = TestImages.Pattern(40, 30);
        foreach (var (name, bytes) in new[] { ("foto.jpg", TestImages.Jpeg(60, 40)), ("PETA.PNG", Png), ("grafik.webp", webp.WebpsaveBuffer()), ("laporan.pdf", "%PDF-1.7\n"u8.ToArray()) })
            File.WriteAllBytes(Path.Combine(input, "articles", "s", name), bytes);
        var output = temp.Combine("output");

        var report = SiteBuild.Run(input, output);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var refused = report.Diagnostics.Where(d => d.Message.StartsWith("not published", StringComparison.Ordinal)).Select(d => d.File).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["articles/s/GRAFIK2.SVG", "articles/s/data.csv", "articles/s/grafik.svg", "articles/s/halaman.htm", "articles/s/lampiran.html", "articles/s/lampiran.js"], refused);
        Assert.Contains(report.Diagnostics, d => d.File == "articles/s/grafik.svg" && d.Message.Contains("script", StringComparison.Ordinal) && d.Message.Contains("input/static/", StringComparison.Ordinal));
        foreach (var language in new[] { "id", "en" })
        {
            var folder = Path.Combine(output, language, "2026", "10", "s");
            // Images are published once for every language, under /images/ (see the Images tests).
            Assert.Equal(["index.html", "laporan.pdf"], Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        // The site owner's own folder is published as it is.
        Assert.Equal(Svg, File.ReadAllText(Path.Combine(output, "tentang", "peta.svg")));
        Assert.True(File.Exists(Path.Combine(output, "js", "widget.js")));
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(output, "images")).Length);

        // The documents are downloads: Netlify sends them with Content-Disposition: attachment, in every language.
        var rules = HeaderRule.Parse(File.ReadAllText(Path.Combine(output, "_headers")));
        foreach (var language in new[] { "id", "en" })
        {
            string? Disposition(string path) => rules.Where(r => r.Matches(path)).SelectMany(r => r.Headers).Where(h => h.Name == "Content-Disposition").Select(h => h.Value).SingleOrDefault();
            Assert.Equal("attachment", Disposition($"/{language}/2026/10/s/laporan.pdf"));
            Assert.Null(Disposition($"/{language}/2026/10/s/index.html"));
        }
    }

    [Fact]
    public void The_lead_image_enclosure_is_its_published_file_and_a_refused_image_is_never_one()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = "---\ntitle: A\ndate: 2026-10-01T10:00:00+07:00\nimage: peta.png\n---\nA.\n",
            ["articles/b/id.md"] = "---\ntitle: B\ndate: 2026-10-02T10:00:00+07:00\n---\nB.\n",
            ["articles/b/grafik.svg"] = Svg,
        });
        File.WriteAllBytes(Path.Combine(input, "articles", "a", "peta.png"), TestImages.Png(64, 48));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        var rss = FeedFiles.LoadXml(Path.Combine(output, "id", "rss.xml"));
        var items = rss.Descendants("item").ToDictionary(i => (string)i.Element("title")!);
        // A subscriber's reader fetches the enclosure: a PNG (a graphic stays lossless) under /images/, of the length it says.
        var enclosure = items["A"].Element("enclosure")!;
        Assert.Equal("image/png", (string?)enclosure.Attribute("type"));
        var url = new Uri((string)enclosure.Attribute("url")!);
        Assert.Equal("news.example.org", url.Host);
        Assert.StartsWith("/images/", url.AbsolutePath, StringComparison.Ordinal);
        var file = Path.Combine(output, url.AbsolutePath.TrimStart('/'));
        Assert.Equal(new FileInfo(file).Length, (long)enclosure.Attribute("length")!);
        using (var decoded = NetVips.Image.NewFromFile(file))
        {
            Assert.Equal("pngload", (string)decoded.Get("vips-loader"));
            Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        }
        // The SVG beside story B is not published: no enclosure, no Media RSS picture, no file of it anywhere.
        Assert.Null(items["B"].Element("enclosure"));
        Assert.Empty(items["B"].Elements().Where(e => e.Name.NamespaceName == "http://search.yahoo.com/mrss/"));
        Assert.Empty(Directory.EnumerateFiles(output, "grafik*", SearchOption.AllDirectories));

        // Named as B's lead image, it is an unsupported format: one error naming the story file, and the site stays.
        var before = OutputChecks.Snapshot(output);
        File.WriteAllText(Path.Combine(input, "articles", "b", "id.md"), "---\ntitle: B\ndate: 2026-10-02T10:00:00+07:00\nimage: grafik.svg\n---\nB.\n");
        var refused = SiteBuild.Run(input, output);
        var error = Assert.Single(refused.Diagnostics, d => d.Severity == StaticNews.Engine.Severity.Error);
        Assert.Equal("articles/b/id.md", error.File);
        Assert.Contains("'grafik.svg'", error.Message);
        Assert.Equal(before, OutputChecks.Snapshot(output));
    }

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
}
