using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Newsroom;

/// <summary>Authors as content (authors.yml): bylines, translator credits, author pages and feeds in every language.</summary>
public sealed class AuthorTests
{
    private const string Base = "https://news.example.org/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private const string AuthorsYml = """
        rahmat-hidayat:
          name: { id: Rahmat Hidayat, ar: رحمت هدايت }
          role: { id: Wartawan, en: Reporter, ar: مراسل }
          bio: { id: Meliput Aceh., en: Covers Aceh., ar: يغطي آتشيه. }
          photo: authors/rahmat.jpg
          url: https://rahmat.example.net/
          social: { fediverse: "@rahmat@kabar.social", x: "https://x.com/rahmat" }
        dewi-lestari:
          name: Dewi Lestari
          role: Editor
        """;

    /// <summary>Rahmat's photo: a camera's JPEG, landscape, with its GPS position in EXIF.</summary>
    private static readonly byte[] Photo = TestImages.CameraJpeg(600, 400);

    private static (string Output, BuildReport Report) BuildSite(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["authors.yml"] = AuthorsYml,
            // Two bylines: a key, and a name as another story wrote it before authors.yml existed.
            ["articles/banjir/id.md"] = Original("Banjir di Aceh", date: "2026-11-02T09:00:00+07:00", extra: "authors: [rahmat-hidayat, Dewi Lestari]"),
            ["articles/banjir/en.md"] = Md("title: Floods in Aceh\ntranslation: human\ntranslator: dewi-lestari"),
            ["articles/banjir/ar.md"] = Md("title: فيضانات في آتشيه\nengine: deepl"),
            // An agency byline and a mistyped key: shown as written.
            ["articles/gempa/id.md"] = Original("Gempa", extra: "author: Antara/Reuters"),
            ["articles/pasar/id.md"] = Original("Pasar", date: "2026-10-30T09:00:00+07:00", extra: "author: rahmat-hidayt"),
        });
        TestImages.Write(input, "authors/rahmat.jpg", Photo);
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return (output, report);
    }

    [Fact]
    public void An_author_has_a_page_and_feeds_in_each_language_of_their_stories()
    {
        using var temp = new TempDir();
        var (output, _) = BuildSite(temp);
        foreach (var language in new[] { "id", "en", "ar" })
        {
            var page = HtmlPages.Load(output, $"{language}/author/rahmat-hidayat/index.html");
            Assert.Equal($"/{language}/2026/11/banjir/", page.QuerySelector(".story-card h2 a")!.GetAttribute("href"));
            var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();
            Assert.Contains(("id", Base + "id/author/rahmat-hidayat/"), alternates);
            Assert.Contains(("ar", Base + "ar/author/rahmat-hidayat/"), alternates);
            Assert.Contains(Base + $"{language}/author/rahmat-hidayat/atom.xml", page.QuerySelectorAll("link[rel=alternate][type]").Select(l => l.GetAttribute("href")));

            var feed = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, language, "author", "rahmat-hidayat", "atom.xml")));
            Assert.Single(feed.Items);
            var rss = XDocument.Load(Path.Combine(output, language, "author", "rahmat-hidayat", "rss.xml"));
            Assert.Equal(language == "ar" ? "ar" : language, rss.Root!.Element("channel")!.Element("language")!.Value);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, language, "author", "rahmat-hidayat", "feed.json")));
            Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        }

        var ar = HtmlPages.Load(output, "ar/author/rahmat-hidayat/index.html");
        Assert.Equal("رحمت هدايت", ar.QuerySelector(".author-profile h1")!.TextContent);
        Assert.Equal("مراسل", ar.QuerySelector(".author-role")!.TextContent);
        Assert.Equal("يغطي آتشيه.", ar.QuerySelector(".author-bio")!.TextContent);
        Assert.Equal(["https://rahmat.example.net/", "https://kabar.social/@rahmat", "https://x.com/rahmat"],
            ar.QuerySelectorAll(".author-links a").Select(a => a.GetAttribute("href")));
        Assert.All(ar.QuerySelectorAll(".author-links a"), a => Assert.Contains("me", a.GetAttribute("rel")!.Split(' ')));
        var profile = JsonDocument.Parse(ar.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("ProfilePage", profile.GetProperty("@type").GetString());
        Assert.Equal(Base + "ar/author/rahmat-hidayat/", profile.GetProperty("mainEntity").GetProperty("url").GetString());
        Assert.Equal(Base + ar.QuerySelector(".author-photo img")!.GetAttribute("src")![1..], profile.GetProperty("mainEntity").GetProperty("image").GetString());

        // A translator of authors.yml has their page too, listing the version they translated.
        Assert.Equal("/en/2026/11/banjir/", HtmlPages.Load(output, "en/author/dewi-lestari/index.html").QuerySelector(".story-card h2 a")!.GetAttribute("href"));
        // Names as written have no page.
        Assert.False(Directory.Exists(Path.Combine(output, "id", "author", "antara-reuters")));
    }

    [Fact]
    public void An_authors_photo_is_published_as_pictures_under_images_without_its_metadata()
    {
        using (var source = NetVips.Image.NewFromBuffer(Photo))
            Assert.Contains(source.GetFields(), f => f.StartsWith("exif-ifd3-GPS", StringComparison.Ordinal)); // the source has a GPS position
        using var temp = new TempDir();
        var (output, _) = BuildSite(temp);
        var page = HtmlPages.Load(output, "en/author/rahmat-hidayat/index.html");
        var picture = page.QuerySelector(".author-photo picture")!;
        var img = picture.QuerySelector("img")!;
        Assert.Equal("", img.GetAttribute("alt"));
        // A square around the photo's centre, at a profile's sizes: 600×400 gives 160, 320 and its own 400.
        Assert.Equal(("400", "400"), (img.GetAttribute("width"), img.GetAttribute("height")));
        var sets = picture.QuerySelectorAll("source").Select(s => s.GetAttribute("srcset")!).Append(img.GetAttribute("srcset")!).ToList();
        Assert.Equal(3, sets.Count); // AVIF, WebP, JPEG
        foreach (var srcset in sets)
        {
            var candidates = srcset.Split(", ").Select(c => c.Split(' ')).Select(c => (Href: c[0], Width: int.Parse(c[1].TrimEnd('w')))).ToList();
            Assert.Equal([160, 320, 400], candidates.Select(c => c.Width));
            foreach (var (href, width) in candidates)
            {
                Assert.StartsWith("/images/", href);
                var file = HtmlPages.FileForHref(output, href)!;
                using var image = NetVips.Image.NewFromFile(file);
                Assert.Equal((width, width), (image.Width, image.Height));
                Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data");
                Assert.DoesNotContain(TestImages.CameraMake, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file)));
            }
        }
        Assert.StartsWith("/images/", img.GetAttribute("src"));
        // The file as authors.yml names it is not published: only what the image stage made of it.
        Assert.False(File.Exists(Path.Combine(output, "authors", "rahmat.jpg")));
    }

    [Theory]
    [InlineData("not an image", "authors/r.jpg", "no image format recognises")]
    [InlineData("truncated", "authors/r.jpg", "cannot be decoded")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "authors/r.svg", "not an image StaticNews publishes")]
    public void A_bad_photo_is_refused_at_its_line_of_authors_yml(string content, string photo, string message)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["authors.yml"] = $"rahmat:\n  name: R\n  photo: {photo}\n",
            ["articles/s/id.md"] = Original("S", extra: "author: rahmat"),
        });
        // A JPEG cut short: its header reads, its pixels do not.
        var whole = TestImages.Jpeg(400, 300);
        TestImages.Write(input, photo, content == "truncated" ? whole[..(whole.Length / 2)] : System.Text.Encoding.UTF8.GetBytes(content));
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(("authors.yml", 3), (error.File, error.Line));
        Assert.Contains(photo, error.Message);
        Assert.Contains(message, error.Message);
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    [Fact]
    public void A_story_credits_its_bylines_and_translator_with_links_json_ld_and_meta()
    {
        using var temp = new TempDir();
        var (output, _) = BuildSite(temp);
        var en = HtmlPages.Load(output, "en/2026/11/banjir/index.html");
        Assert.Equal([("Rahmat Hidayat", "/en/author/rahmat-hidayat/"), ("Dewi Lestari", "/en/author/dewi-lestari/")],
            en.QuerySelectorAll(".author a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Equal("/en/author/dewi-lestari/", en.QuerySelector(".translator a")!.GetAttribute("href"));
        Assert.Equal([Base + "en/author/rahmat-hidayat/", Base + "en/author/dewi-lestari/"],
            en.QuerySelectorAll("meta[property='article:author']").Select(m => m.GetAttribute("content")));
        Assert.Equal(["@rahmat@kabar.social"], en.QuerySelectorAll("meta[name='fediverse:creator']").Select(m => m.GetAttribute("content")));

        var article = JsonDocument.Parse(en.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var authors = article.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Person", "Person"], authors.Select(a => a.GetProperty("@type").GetString()));
        Assert.Equal(Base + "en/author/rahmat-hidayat/", authors[0].GetProperty("url").GetString());
        Assert.Equal(["https://rahmat.example.net/", "https://kabar.social/@rahmat", "https://x.com/rahmat"],
            authors[0].GetProperty("sameAs").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Base + "en/author/dewi-lestari/", article.GetProperty("translator").GetProperty("url").GetString());

        // The Arabic machine translation: the name in Arabic script, the engine as its translator.
        var ar = HtmlPages.Load(output, "ar/2026/11/banjir/index.html");
        Assert.Equal("رحمت هدايت", ar.QuerySelector(".author a")!.TextContent);
        var arArticle = JsonDocument.Parse(ar.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Organization", arArticle.GetProperty("translator").GetProperty("@type").GetString());
        Assert.Equal("DeepL", arArticle.GetProperty("translator").GetProperty("name").GetString());

        // Feeds: one author element (and dc:creator) per byline, with the author's page.
        var entry = XDocument.Load(Path.Combine(output, "en", "atom.xml")).Root!.Elements(Atom + "entry").First();
        Assert.Equal([("Rahmat Hidayat", Base + "en/author/rahmat-hidayat/"), ("Dewi Lestari", Base + "en/author/dewi-lestari/")],
            entry.Elements(Atom + "author").Select(a => (a.Element(Atom + "name")!.Value, a.Element(Atom + "uri")!.Value)));
        Assert.Equal(2, XDocument.Load(Path.Combine(output, "en", "rss.xml")).Descendants("item").First()
            .Elements(XNamespace.Get("http://purl.org/dc/elements/1.1/") + "creator").Count());
    }

    [Fact]
    public void Bylines_written_as_text_are_shown_as_written_and_an_unknown_key_is_a_warning()
    {
        using var temp = new TempDir();
        var (output, report) = BuildSite(temp);
        Assert.Equal("Antara/Reuters", HtmlPages.Load(output, "id/2026/11/gempa/index.html").QuerySelector(".author")!.TextContent.Replace("Oleh ", ""));
        Assert.Equal("rahmat-hidayt", HtmlPages.Load(output, "id/2026/10/pasar/index.html").QuerySelector(".author")!.TextContent.Replace("Oleh ", ""));
        var warnings = report.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
        Assert.Contains(warnings, w => w.File == "articles/pasar/id.md" && w.Message.StartsWith("unknown author 'rahmat-hidayt'"));
        Assert.DoesNotContain(warnings, w => w.File == "articles/gempa/id.md");
    }

    [Theory]
    [InlineData("Rahmat: { name: X }", 1, "author key 'Rahmat' is not a key")]
    [InlineData("rahmat:\n  role: Reporter", 1, "author 'rahmat' has no name")]
    [InlineData("rahmat:\n  name: R\n  url: javascript:alert(1)", 3, "is not an absolute http(s) URL")]
    [InlineData("rahmat:\n  name: R\n  social: { fediverse: \"rahmat at kabar\" }", 3, "is not @name@host")]
    [InlineData("rahmat:\n  name: R\n  photo: authors/missing.jpg", 3, "not found in the input folder")]
    [InlineData("rahmat:\n  name: R\n  photo: ../../etc/passwd.jpg", 3, "must be a path inside the input folder")]
    public void A_bad_authors_yml_is_refused_with_its_line(string yaml, int line, string message)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["authors.yml"] = yaml,
            ["articles/s/id.md"] = Original("S"),
        });
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics, d => d.File == "authors.yml" && d.Line == line && d.Message.Contains(message));
        Assert.False(Directory.Exists(temp.Combine("output")));
    }
}
