using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.FeedFiles;

namespace StaticNews.Tests.Feeds;

public sealed class FeedBuildTests
{
    private static string Story(string title, string date, string body, string extra = "") =>
        $"---\ntitle: \"{title}\"\ndate: {date}\ncategory: ekonomi\n{extra}---\n{body}\n";

    [Fact]
    public void Control_characters_noncharacters_and_surrogate_references_in_an_article_never_break_a_feed()
    {
        using var temp = new TempDir();
        // Raw U+0001 and U+FFFE in the file, the same as Markdown character references (which the
        // renderer decodes after the file was read), and a lone surrogate as a character reference.
        // (Bytes that are not UTF-8 at all are refused with a diagnostic: see BadInputTests.)
        var body = "Harga \u0001cabai &#1; naik\uFFFE tajam &#xFFFE; di pasar.\n\n![](foto.png) [lihat](../lain/)";
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/cabai/id.md"] = Story("Harga cabai\u0001 naik", "2026-11-02T08:00:00+07:00", body),
        });
        var en = Encoding.UTF8.GetBytes("---\ntitle: \"Chili prices\u0001 rise\"\n---\nChili \u0001prices &#1; &#xD800; rise.\n");
        File.WriteAllBytes(Path.Combine(input, "articles/cabai/en.md"), en);
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));

        foreach (var path in All(output))
        {
            var text = File.ReadAllText(Path.Combine(output, path.TrimStart('/')));
            Assert.DoesNotContain('\u0001', text);
            Assert.DoesNotContain('\uFFFE', text);
            Assert.False(HasLoneSurrogate(text), path);
            if (path.EndsWith(".xml")) LoadXml(Path.Combine(output, path.TrimStart('/'))); // strict reader: throws on any invalid character
            else JsonDocument.Parse(text);
            Assert.Equal(LanguageOf(path) == "ar" ? 0 : 1, FeedReader.ReadFromString(text).Items.Count); // no Arabic version
        }
        var id = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "id", "atom.xml"))).Items.Single();
        Assert.Equal("Harga cabai naik", id.Title);
        Assert.Contains("Harga cabai  naik tajam  di pasar.", id.Content);
        // The relative links of that body became absolute.
        Assert.Contains("src=\"https://news.example.org/id/2026/11/cabai/foto.png\"", id.Content);
        Assert.Contains("href=\"https://news.example.org/id/2026/11/lain/\"", id.Content);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    [Fact]
    public void Building_twice_gives_identical_feed_bytes_whatever_the_clock()
    {
        using var temp = new TempDir();
        var first = temp.Combine("first");
        var second = temp.Combine("second");
        Assert.True(SiteBuild.Run(Repo.SampleInput, first).Success);
        Assert.True(SiteBuild.Run(Repo.SampleInput, second, new BuildClock(SiteBuild.SampleClock.Now.AddYears(3))).Success);
        var files = All(first).Append("/feeds.opml").ToList();
        Assert.Equal(files.Count - 1, All(second).Count);
        Assert.True(files.Count > 100);
        foreach (var path in files)
            Assert.True(File.ReadAllBytes(first + path).AsSpan().SequenceEqual(File.ReadAllBytes(second + path)), $"{path} differs between builds");
    }

    [Fact]
    public void A_past_months_archive_does_not_change_when_new_stories_arrive()
    {
        using var temp = new TempDir();
        var files = new Dictionary<string, string>
        {
            ["articles/sep/id.md"] = Story("September", "2026-09-10T10:00:00+07:00", "Satu."),
            ["articles/okt-1/id.md"] = Story("Oktober satu", "2026-10-01T00:30:00+07:00", "Dua."), // 30 Sept in UTC: October in Jakarta
            ["articles/okt-2/id.md"] = Story("Oktober dua", "2026-10-20T10:00:00+07:00", "Tiga."),
            ["articles/nov/id.md"] = Story("November", "2026-11-05T10:00:00+07:00", "Empat."),
        };
        var input = SiteBuild.WriteSite(temp, files);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var september = File.ReadAllBytes(Path.Combine(output, "id/archive/2026/09/atom.xml"));
        var october = File.ReadAllBytes(Path.Combine(output, "id/archive/2026/10/atom.xml"));
        var octoberRss = File.ReadAllBytes(Path.Combine(output, "id/archive/2026/10/rss.xml"));
        Assert.True(File.Exists(Path.Combine(output, "id/archive/2026/11/atom.xml"))); // the current month has its archive too

        var octoberIds = LoadXml(Path.Combine(output, "id/archive/2026/10/atom.xml")).Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!).Order().ToList();
        Assert.Equal(["https://news.example.org/id/2026/10/okt-1/", "https://news.example.org/id/2026/10/okt-2/"], octoberIds);

        Directory.CreateDirectory(Path.Combine(input, "articles/des"));
        File.WriteAllText(Path.Combine(input, "articles/des/id.md"),
            Story("Desember", "2026-12-01T09:00:00+07:00", "Lima."));
        Assert.True(SiteBuild.Run(input, output, new BuildClock(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))).Success);
        Assert.Equal(september, File.ReadAllBytes(Path.Combine(output, "id/archive/2026/09/atom.xml")));
        Assert.Equal(october, File.ReadAllBytes(Path.Combine(output, "id/archive/2026/10/atom.xml")));
        Assert.Equal(octoberRss, File.ReadAllBytes(Path.Combine(output, "id/archive/2026/10/rss.xml")));

        // November is archived now, and the chain walks back from the live feed through every month.
        var walked = new List<string>();
        var next = "id/atom.xml";
        while (next is not null)
        {
            var root = LoadXml(Path.Combine(output, next)).Root!;
            walked.AddRange(root.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!));
            next = (string?)root.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "prev-archive")?.Attribute("href") is { } href
                ? new Uri(href).AbsolutePath.TrimStart('/') : null;
        }
        Assert.Equal(["des", "nov", "okt-1", "okt-2", "sep"], walked.Select(u => u.TrimEnd('/').Split('/')[^1]).Distinct().Order());
        var november = LoadXml(Path.Combine(output, "id/archive/2026/11/atom.xml")).Root!;
        Assert.Equal("https://news.example.org/id/archive/2026/12/atom.xml",
            (string?)november.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "next-archive").Attribute("href"));
    }

    [Fact]
    public void The_live_feed_holds_the_newest_feed_size_entries()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Story("A", "2026-11-01T10:00:00+07:00", "A."),
            ["articles/b/id.md"] = Story("B", "2026-11-03T10:00:00+07:00", "B."),
            ["articles/c/id.md"] = Story("C", "2026-11-02T10:00:00+07:00", "C."),
        }, SiteBuild.MinimalSiteYml + "\nfeedSize: 2\n");
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        var titles = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "id/rss.xml"))).Items.Select(i => i.Title).ToList();
        Assert.Equal(["B", "C"], titles);
        // The one that fell out of the live feed is still in a feed: the current month's archive, linked from it.
        var archive = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "id/archive/2026/11/rss.xml")));
        Assert.Equal(["A", "B", "C"], archive.Items.Select(i => i.Title).Order());
    }
}
