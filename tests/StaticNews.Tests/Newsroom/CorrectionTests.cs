using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Newsroom;

/// <summary>Corrections on the original: a dated box on every version, JSON-LD, feeds, stale machine translations, the corrections pages.</summary>
public sealed class CorrectionTests
{
    private const string Base = "https://news.example.org/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private const string SiteYml = """
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        timeZone: Asia/Jakarta
        languages:
          id: { name: Bahasa Indonesia }
          en: { name: English }
          ar: { name: العربية, direction: rtl }
          ja: { name: 日本語 }
        """;

    // Corrected twice, the second time on 8 November at 10:00 in Jakarta (03:00 UTC).
    private const string Corrections = """
        corrections:
          - date: 2026-11-03T09:00:00+07:00
            text: { id: Nama desa sebelumnya salah ditulis., en: The village's name was misspelled. }
          - date: 2026-11-08T10:00:00+07:00
            text: { id: Jumlah korban sebelumnya disebut 12 orang; yang benar 21 orang., en: An earlier version gave the number of victims as 12; it is 21. }
        """;

    private static string BuildSite(TempDir temp)
    {
        var output = temp.Combine("output");
        var report = SiteBuild.Run(WriteSite(temp), output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return output;
    }

    private static string WriteSite(TempDir temp) =>
        SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/banjir/id.md"] = Original("Banjir di Aceh", date: "2026-11-02T09:00:00+07:00", extra: "updated: 2026-11-05T12:00:00+07:00\n" + Corrections),
            ["articles/banjir/en.md"] = Md("title: Floods in Aceh\ntranslation: human"),
            // A machine translation made before the latest correction, and one made after it.
            ["articles/banjir/ar.md"] = Md("title: فيضانات في آتشيه\ntranslation: machine\nengine: deepl\ntranslated: 2026-11-06T09:00:00+07:00"),
            ["articles/banjir/ja.md"] = Md("title: アチェの洪水\ntranslation: machine\nengine: deepl\ntranslated: 2026-11-08T11:00:00+07:00"),
            ["articles/gempa/id.md"] = Original("Gempa di Palu", date: "2026-11-04T09:00:00+07:00",
                extra: "corrections: [{ date: 2026-11-06T08:00:00+07:00, text: Waktu gempa sebelumnya salah. }]"),
            ["articles/gempa/ar.md"] = Md("title: زلزال في بالو\ntranslation: human"),
            ["articles/pasar/id.md"] = Original("Pasar", date: "2026-11-07T09:00:00+07:00"),
        }, SiteYml);

    private static List<(string Datetime, string Text, string? Lang)> Box(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("article .corrections p").Select(p => (p.QuerySelector("time")!.GetAttribute("datetime")!, p.QuerySelector("span")!.TextContent, p.QuerySelector("span")!.GetAttribute("lang")))];

    [Fact]
    public void Every_version_shows_the_dated_corrections_in_its_language_with_a_localized_label()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var expected = new Dictionary<string, (string Label, string First, string? Lang)>
        {
            ["id"] = ("Koreksi", "Nama desa sebelumnya salah ditulis.", null),
            ["en"] = ("Corrections", "The village's name was misspelled.", null),
            // No Arabic or Japanese text: the original's, marked as Indonesian.
            ["ar"] = ("تصحيحات", "Nama desa sebelumnya salah ditulis.", "id"),
            ["ja"] = ("訂正", "Nama desa sebelumnya salah ditulis.", "id"),
        };
        foreach (var (language, (label, first, lang)) in expected)
        {
            var page = HtmlPages.Load(output, $"{language}/2026/11/banjir/index.html");
            Assert.Equal(label, page.QuerySelector("article .corrections h2")!.TextContent);
            var box = Box(page);
            Assert.Equal(["2026-11-03T09:00:00+07:00", "2026-11-08T10:00:00+07:00"], box.Select(c => c.Datetime));
            Assert.Equal((first, lang), (box[0].Text, box[0].Lang));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("article .corrections time")!.TextContent));
        }
        // One correction: the singular label; a story without any has no box.
        Assert.Equal("تصحيح", HtmlPages.Load(output, "ar/2026/11/gempa/index.html").QuerySelector("article .corrections h2")!.TextContent);
        Assert.Null(HtmlPages.Load(output, "id/2026/11/pasar/index.html").QuerySelector(".corrections"));
    }

    [Fact]
    public void Json_ld_has_a_correction_comment_per_correction_and_the_latest_as_date_modified()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var article = JsonDocument.Parse(HtmlPages.Load(output, "en/2026/11/banjir/index.html").QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var corrections = article.GetProperty("correction").EnumerateArray().ToList();
        Assert.Equal(["CorrectionComment", "CorrectionComment"], corrections.Select(c => c.GetProperty("@type").GetString()));
        Assert.Equal("An earlier version gave the number of victims as 12; it is 21.", corrections[1].GetProperty("text").GetString());
        Assert.Equal("2026-11-08T10:00:00+07:00", corrections[1].GetProperty("datePublished").GetString());
        Assert.Equal("2026-11-08T10:00:00+07:00", article.GetProperty("dateModified").GetString());
    }

    [Fact]
    public void Feed_entries_are_updated_at_the_latest_correction_and_carry_the_box()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var corrected = new DateTimeOffset(2026, 11, 8, 3, 0, 0, TimeSpan.Zero);
        foreach (var language in new[] { "id", "en", "ar" })
        {
            var entry = XDocument.Load(Path.Combine(output, language, "atom.xml")).Root!.Elements(Atom + "entry")
                .Single(e => e.Element(Atom + "link")!.Attribute("href")!.Value.Contains("/banjir/"));
            Assert.Equal(corrected, DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value));
            var content = HtmlPages.Parse("<body>" + entry.Element(Atom + "content")!.Value);
            Assert.Equal(2, content.QuerySelectorAll(".corrections p time").Length);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, language, "feed.json")));
            var item = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString()!.Contains("/banjir/"));
            Assert.Equal(corrected, item.GetProperty("date_modified").GetDateTimeOffset());
        }
        // An independent parser reads the same.
        var feed = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "en", "atom.xml")));
        Assert.Contains(feed.Items, i => i.Link.Contains("/banjir/") && ((CodeHollow.FeedReader.Feeds.AtomFeedItem)i.SpecificItem).UpdatedDate == corrected.UtcDateTime);
    }

    [Fact]
    public void A_machine_translation_made_before_the_latest_correction_is_marked_stale()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        Assert.NotNull(HtmlPages.Load(output, "ar/2026/11/banjir/index.html").QuerySelector(".translation-notice .stale-notice"));
        Assert.Null(HtmlPages.Load(output, "ja/2026/11/banjir/index.html").QuerySelector(".stale-notice"));
        // A human translation is the editors' to keep right: not marked.
        Assert.Null(HtmlPages.Load(output, "en/2026/11/banjir/index.html").QuerySelector(".stale-notice"));
    }

    [Fact]
    public async Task Check_reports_the_machine_translation_made_before_the_latest_correction()
    {
        using var temp = new TempDir();
        var report = await StaticNews.Check.SiteChecker.CheckAsync(new BuildOptions { InputDirectory = WriteSite(temp), OutputDirectory = "unused" }, SiteBuild.SampleClock);
        // (The English version is stale too, older than the original's update; the Japanese one was made after the correction.)
        var corrected = report.Diagnostics.Where(d => d.Message.StartsWith("stale translation", StringComparison.Ordinal) && d.Message.Contains("corrected")).ToList();
        Assert.Equal(["articles/banjir/ar.md"], corrected.Select(d => d.File));
        Assert.Contains("was corrected 2026-11-08T10:00:00+07:00, after this machine translation was made", corrected[0].Message);
    }

    [Fact]
    public void Each_language_has_a_corrections_page_listing_the_latest_first()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var en = HtmlPages.Load(output, "en/corrections/index.html");
        var lines = en.QuerySelectorAll(".correction-list li").Select(li =>
            (li.QuerySelector("time")!.GetAttribute("datetime"), li.QuerySelector("h2 a")!.GetAttribute("href"), li.QuerySelector("h2 a")!.GetAttribute("lang"), li.QuerySelectorAll("p").Last().TextContent)).ToList();
        Assert.Equal([
            ("2026-11-08T10:00:00+07:00", "/en/2026/11/banjir/#corrections", null, "An earlier version gave the number of victims as 12; it is 21."),
            // The earthquake story has no English version: its original's title, marked as Indonesian.
            ("2026-11-06T08:00:00+07:00", "/id/2026/11/gempa/#corrections", "id", "Waktu gempa sebelumnya salah."),
            ("2026-11-03T09:00:00+07:00", "/en/2026/11/banjir/#corrections", null, "The village's name was misspelled."),
        ], lines);
        Assert.Contains(("ja", Base + "ja/corrections/"), en.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))));
        // Every page links to its language's corrections page.
        Assert.Equal("/ar/corrections/", HtmlPages.Load(output, "ar/index.html").QuerySelector("footer .corrections-page a")!.GetAttribute("href"));
        // In Arabic: the Arabic version's title, the correction in the original's words (none given in Arabic), marked as such.
        var ar = HtmlPages.Load(output, "ar/corrections/index.html").QuerySelectorAll(".correction-list li")[0];
        Assert.Equal(("/ar/2026/11/banjir/#corrections", "فيضانات في آتشيه", "id"),
            (ar.QuerySelector("h2 a")!.GetAttribute("href"), ar.QuerySelector("h2 a")!.TextContent, ar.QuerySelectorAll("p").Last().GetAttribute("lang")));
    }

    [Theory]
    [InlineData("articles/s/en.md", "title: S\ncorrections: [{ date: 2026-11-03, text: Fixed. }]", 3, "corrections belong on the original")]
    [InlineData("articles/s/id.md", "title: S\ndate: 2026-11-01T09:00:00+07:00\ncorrections: [{ text: Fixed. }]", 4, "a correction needs its date")]
    [InlineData("articles/s/id.md", "title: S\ndate: 2026-11-01T09:00:00+07:00\ncorrections: [{ date: 2026-11-03 }]", 4, "a correction needs its text")]
    [InlineData("articles/s/id.md", "title: S\ndate: 2026-11-01T09:00:00+07:00\ncorrections: [{ date: yesterday, text: Fixed. }]", 4, "is not ISO 8601")]
    [InlineData("articles/s/id.md", "title: S\ndate: 2026-11-01T09:00:00+07:00\ncorrections: Fixed.", 4, "corrections is a list")]
    public void A_bad_correction_is_refused_with_its_file_and_line(string file, string frontMatter, int line, string message)
    {
        using var temp = new TempDir();
        var files = new Dictionary<string, string> { ["articles/s/id.md"] = Original("S"), [file] = Md(frontMatter) };
        var input = SiteBuild.WriteSite(temp, files);
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics, d => d.Severity == Severity.Error && d.File == file && d.Line == line && d.Message.Contains(message));
        Assert.False(Directory.Exists(temp.Combine("output")));
    }
}
