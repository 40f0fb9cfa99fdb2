using System.Xml.Linq;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Seo.OutputSite;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Seo;

/// <summary>
/// Story sitemaps in fixed-size files numbered from the oldest story: adding a story rewrites only the newest file of
/// each language (and the listings' file and the index), every other file keeps its bytes and is not written again.
/// </summary>
public sealed class StableSitemapTests
{
    private const string BaseUrl = "https://news.example.org/";
    private const int PerFile = 3;

    /// <summary>Story <paramref name="i"/>: on <paramref name="i"/> March 2026 (long before the build clock, so out of the News sitemap).</summary>
    private static string Date(int i) => $"2026-03-{i:00}T09:00:00+07:00";

    private static void AddStory(string input, int i, bool english)
    {
        Directory.CreateDirectory(Path.Combine(input, $"articles/s{i:00}"));
        File.WriteAllText(Path.Combine(input, $"articles/s{i:00}/id.md"), Original($"Berita {i}", date: Date(i)));
        if (english) File.WriteAllText(Path.Combine(input, $"articles/s{i:00}/en.md"), Md($"title: \"News {i}\""));
    }

    private static BuildReport Build(string input, string output) =>
        SiteBuild.Run(input, output, configure: o => o with { SitemapStoriesPerFile = PerFile });

    private static Dictionary<string, (DateTime Time, byte[] Bytes)> SitemapFiles(string output) =>
        Directory.EnumerateFiles(output, "*.xml").Where(f => Path.GetFileName(f).Contains("sitemap"))
            .ToDictionary(f => Path.GetFileName(f), f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f)));

    private static List<XElement> Urls(OutputSite site, string file) => site.Xml(file).Root!.Elements(Sm + "url").ToList();

    private static DateTimeOffset Instant(string w3cDate) => DateTimeOffset.Parse(w3cDate, System.Globalization.CultureInfo.InvariantCulture);

    private static string Loc(XElement entry) => entry.Element(Sm + "loc")!.Value;

    /// <summary>A site built with Indonesian stories 1-7 (files of 3, 3, 1) and English 6 of them, all but 4 (3, 3: full). Arabic: none.</summary>
    private static (string Input, string Output) SevenStoriesBuilt(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>());
        for (var i = 1; i <= 7; i++) AddStory(input, i, english: i != 4);
        var output = temp.Combine("out");
        Assert.True(Build(input, output).Success);
        return (input, output);
    }

    [Fact]
    public void Adding_a_story_rewrites_only_the_newest_story_sitemap_of_each_language_and_every_story_is_listed_once()
    {
        using var temp = new TempDir();
        var (input, output) = SevenStoriesBuilt(temp);
        var before = SitemapFiles(output);
        Assert.Contains("sitemap-id-stories-3.xml", before.Keys);
        Assert.DoesNotContain("sitemap-en-stories-3.xml", before.Keys);

        // Story 8 joins Indonesian file 3 and starts English file 3.
        AddStory(input, 8, english: true);
        Assert.True(Build(input, output).Success);
        var after = SitemapFiles(output);

        var rewritten = after.Where(e => !before.TryGetValue(e.Key, out var old) || old.Time != e.Value.Time).Select(e => e.Key).Order(StringComparer.Ordinal);
        // The listings' files change with the homes' lastmod; Arabic has no story, so its home's lastmod is unchanged.
        Assert.Equal(["sitemap-en-stories-3.xml", "sitemap-en.xml", "sitemap-id-stories-3.xml", "sitemap-id.xml", "sitemap.xml"], rewritten);
        foreach (var file in new[] { "sitemap-id-stories-1.xml", "sitemap-id-stories-2.xml", "sitemap-en-stories-1.xml", "sitemap-en-stories-2.xml", "sitemap-ar.xml", "news-sitemap.xml" })
            Assert.True(before[file].Bytes.AsSpan().SequenceEqual(after[file].Bytes), $"{file} changed");

        var site = new OutputSite(output, BaseUrl);
        // Numbered from the oldest: file 1 holds stories 1-3 (newest first within it), the newest file the remainder.
        Assert.Equal([$"{BaseUrl}id/2026/03/s03/", $"{BaseUrl}id/2026/03/s02/", $"{BaseUrl}id/2026/03/s01/"], Urls(site, "sitemap-id-stories-1.xml").Select(Loc));
        Assert.Equal([$"{BaseUrl}id/2026/03/s08/", $"{BaseUrl}id/2026/03/s07/"], Urls(site, "sitemap-id-stories-3.xml").Select(Loc));
        Assert.Equal([$"{BaseUrl}en/2026/03/s08/"], Urls(site, "sitemap-en-stories-3.xml").Select(Loc));

        // The index lists every sitemap file written, each with the newest lastmod it holds.
        var index = site.Xml("sitemap.xml").Root!.Elements(Sm + "sitemap")
            .ToDictionary(s => s.Element(Sm + "loc")!.Value[BaseUrl.Length..], s => s.Element(Sm + "lastmod")?.Value);
        Assert.Equal(after.Keys.Where(f => f != "sitemap.xml").Order(StringComparer.Ordinal), index.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, lastmod) in index.Where(e => e.Key.StartsWith("sitemap-", StringComparison.Ordinal)))
        {
            var newest = Urls(site, file).Select(u => u.Element(Sm + "lastmod")?.Value).OfType<string>().MaxBy(Instant);
            Assert.True(newest == lastmod, $"{file} is listed with lastmod {lastmod}, its newest entry's is {newest}");
        }
        Assert.Equal("2026-03-08T09:00:00+07:00", index["sitemap-id-stories-3.xml"]);
        Assert.Equal("2026-03-06T09:00:00+07:00", index["sitemap-id-stories-2.xml"]);

        // Together the files list every story page exactly once, in a story file, with the page's own hreflang set.
        var stories = site.HtmlFiles().Select(f => (File: f, Page: site.Html(f))).Where(p => p.Page.Body!.ClassName == "page-story").ToList();
        Assert.Equal(8 + 7, stories.Count);
        var listed = index.Keys.Where(f => f.StartsWith("sitemap-", StringComparison.Ordinal))
            .SelectMany(f => Urls(site, f).Select(u => (File: f, Url: u))).ToList();
        foreach (var (file, page) in stories)
        {
            var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
            var entry = Assert.Single(listed, l => Loc(l.Url) == canonical);
            Assert.Contains("-stories-", entry.File);
            Assert.Equal(
                HreflangSet(page.QuerySelectorAll("head link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang")!, l.GetAttribute("href")!))),
                HreflangSet(entry.Url.Elements(Xhtml + "link").Select(l => (l.Attribute("hreflang")!.Value, l.Attribute("href")!.Value))));
        }
        // The story files hold nothing else; the listings' files hold the homes (and the chooser).
        Assert.Equal(stories.Count, listed.Count(l => l.File.Contains("-stories-")));
        Assert.Equal([BaseUrl, $"{BaseUrl}id/"], Urls(site, "sitemap-id.xml").Select(Loc));
        Assert.Equal([$"{BaseUrl}ar/"], Urls(site, "sitemap-ar.xml").Select(Loc));
    }

    [Fact]
    public void A_new_translation_or_update_of_an_old_story_rewrites_the_file_that_lists_it_as_a_full_build_would()
    {
        using var temp = new TempDir();
        var (input, output) = SevenStoriesBuilt(temp);
        var before = SitemapFiles(output);

        // Story 4 (Indonesian file 2) gets its English version: a new alternate on its entry there. Story 1's original
        // (Indonesian file 1) is updated: a new lastmod on its entry.
        File.WriteAllText(Path.Combine(input, "articles/s04/en.md"), Md("title: \"News 4\""));
        File.WriteAllText(Path.Combine(input, "articles/s01/id.md"), Original("Berita 1", date: Date(1), extra: $"updated: {Date(20)}"));
        Assert.True(Build(input, output).Success);
        var after = SitemapFiles(output);
        var fresh = temp.Combine("fresh");
        Assert.True(Build(input, fresh).Success);

        foreach (var (file, (_, bytes)) in SitemapFiles(fresh))
            Assert.True(after[file].Bytes.AsSpan().SequenceEqual(bytes), $"{file} differs from a full build's");
        Assert.Equal(SitemapFiles(fresh).Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var file in new[] { "sitemap-id-stories-1.xml", "sitemap-id-stories-2.xml" })
            Assert.False(before[file].Bytes.AsSpan().SequenceEqual(after[file].Bytes), $"{file} was kept");
        var site = new OutputSite(output, BaseUrl);
        var story4 = Assert.Single(Urls(site, "sitemap-id-stories-2.xml"), u => Loc(u) == $"{BaseUrl}id/2026/03/s04/");
        Assert.Contains(story4.Elements(Xhtml + "link"), l => l.Attribute("href")!.Value == $"{BaseUrl}en/2026/03/s04/");
        var story1 = Assert.Single(Urls(site, "sitemap-id-stories-1.xml"), u => Loc(u) == $"{BaseUrl}id/2026/03/s01/");
        Assert.Equal(Date(20), story1.Element(Sm + "lastmod")!.Value);
    }
}
