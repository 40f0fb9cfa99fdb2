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
          photo: authors/rahmat.png
          url: https://rahmat.example.net/
          social: { fediverse: "@rahmat@kabar.social", x: "https://x.com/rahmat" }
        dewi-lestari:
          name: Dewi Lestari
          role: Editor
        """;

    private static (string Output, BuildReport Report) BuildSite(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["authors.yml"] = AuthorsYml,
            ["authors/rahmat.png"] = "not really a png",
            // Two bylines: a key, and a name as another story wrote it before authors.yml existed.
            ["articles/banjir/id.md"] = Original("Banjir di Aceh", date: "2026-11-02T09:00:00+07:00", extra: "authors: [rahmat-hidayat, Dewi Lestari]"),
            ["articles/banjir/en.md"] = Md("title: Floods in Aceh\ntranslation: human\ntranslator: dewi-lestari"),
            ["articles/banjir/ar.md"] = Md("title: فيضانات في آتشيه\nengine: deepl"),
            // An agency byline and a mistyped key: shown as written.
            ["articles/gempa/id.md"] = Original("Gempa", extra: "author: Antara/Reuters"),
            ["articles/pasar/id.md"] = Original("Pasar", date: "2026-10-30T09:00:00+07:00", extra: "author: rahmat-hidayt"),
        });
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
        Assert.Equal("/authors/rahmat.png", ar.QuerySelector(".author-photo")!.GetAttribute("src"));
        Assert.True(File.Exists(Path.Combine(output, "authors", "rahmat.png")));
        Assert.Equal(["https://rahmat.example.net/", "https://kabar.social/@rahmat", "https://x.com/rahmat"],
            ar.QuerySelectorAll(".author-links a").Select(a => a.GetAttribute("href")));
        Assert.All(ar.QuerySelectorAll(".author-links a"), a => Assert.Contains("me", a.GetAttribute("rel")!.Split(' ')));
        var profile = JsonDocument.Parse(ar.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("ProfilePage", profile.GetProperty("@type").GetString());
        Assert.Equal(Base + "ar/author/rahmat-hidayat/", profile.GetProperty("mainEntity").GetProperty("url").GetString());
        Assert.Equal(Base + "authors/rahmat.png", profile.GetProperty("mainEntity").GetProperty("image").GetString());

        // A translator of authors.yml has their page too, listing the version they translated.
        Assert.Equal("/en/2026/11/banjir/", HtmlPages.Load(output, "en/author/dewi-lestari/index.html").QuerySelector(".story-card h2 a")!.GetAttribute("href"));
        // Names as written have no page.
        Assert.False(Directory.Exists(Path.Combine(output, "id", "author", "antara-reuters")));
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
