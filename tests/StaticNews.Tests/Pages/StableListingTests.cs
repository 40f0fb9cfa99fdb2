using AngleSharp.Dom;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Pages;

/// <summary>
/// Listing pages numbered from the oldest story: an old page keeps its stories, its HTML and its file when stories
/// are added; the first URL shows the newest and leads into them; hreflang only between pages listing the same stories.
/// </summary>
public sealed class StableListingTests
{
    private const string BaseUrl = "https://news.example.org/";

    /// <summary>Story <paramref name="i"/> (1 to 31) of a generated site: on <paramref name="i"/> October 2026, in category ekonomi, tagged kopi.</summary>
    private static string Story(int i) => Original($"Berita {i}", date: $"2026-10-{i:00}T09:00:00+07:00", extra: "category: ekonomi\ntags: [kopi]");

    private static Dictionary<string, string> Stories(int count) =>
        Enumerable.Range(1, count).ToDictionary(i => $"articles/s{i:00}/id.md", Story);

    private static string Site(int pageSize) => SiteBuild.MinimalSiteYml + $"\npageSize: {pageSize}\n";

    /// <summary>The stories a listing page shows, by title, top to bottom.</summary>
    private static List<string> Titles(IDocument page) => page.QuerySelectorAll(".story-card h2").Select(h => h.TextContent.Trim()).ToList();

    private static IDocument Load(string output, string href) => HtmlPages.Parse(File.ReadAllText(HtmlPages.FileForHref(output, href)!));

    private static string? Link(IDocument page, string rel) => page.QuerySelector($".pagination a[rel={rel}]")?.GetAttribute("href");

    [Fact]
    public void Adding_a_story_leaves_every_listing_page_but_the_newest_one_or_two_as_it_was_and_the_first_url_shows_it()
    {
        using var temp = new TempDir();
        // 20 stories, 3 a page: pages 1 to 6 full, page 7 holds 2.
        var input = SiteBuild.WriteSite(temp, Stories(20), Site(pageSize: 3));
        var output = temp.Combine("out");
        Assert.True(SiteBuild.Run(input, output).Success);
        string[] listings = ["id/", "id/category/ekonomi/", "id/tag/kopi/"];

        Dictionary<string, (DateTime Time, byte[] Bytes)> Pages() => listings
            .SelectMany(l => Directory.EnumerateFiles(Path.Combine(output, l, "page"), "index.html", SearchOption.AllDirectories))
            .ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f)));
        var before = Pages();
        Assert.Equal(7 * listings.Length, before.Count);

        // Story 21 fills page 7; story 22 starts page 8, which page 7 then links as newer.
        foreach (var (added, changed) in new[] { (21, new[] { 7 }), (22, new[] { 7, 8 }) })
        {
            Directory.CreateDirectory(Path.Combine(input, $"articles/s{added}"));
            File.WriteAllText(Path.Combine(input, $"articles/s{added}/id.md"), Story(added));
            var report = SiteBuild.Run(input, output);
            Assert.True(report.Success);
            var after = Pages();
            foreach (var listing in listings)
            {
                var first = HtmlPages.Load(output, listing + "index.html");
                Assert.Equal($"Berita {added}", Titles(first)[0]);
                for (var page = 1; page < changed[0]; page++)
                {
                    var file = $"{listing}page/{page}/index.html";
                    Assert.True(before[file].Bytes.AsSpan().SequenceEqual(after[file].Bytes), $"{file} changed when story {added} was added");
                    Assert.True(before[file].Time == after[file].Time, $"{file} was written again when story {added} was added");
                }
            }
            // Of the stable pages, only the newest one or two were written.
            Assert.Equal(listings.Length * changed.Length, after.Count(e => !before.TryGetValue(e.Key, out var old) || old.Time != e.Value.Time));
            before = after;
        }
        var newest = HtmlPages.Load(output, "id/page/8/index.html");
        Assert.Equal(["Berita 22"], Titles(newest));
        Assert.Equal("/id/", Link(newest, "prev"));
        Assert.Equal("/id/page/8/", Link(HtmlPages.Load(output, "id/page/7/index.html"), "prev"));
    }

    [Fact]
    public void Following_older_from_the_first_url_reaches_every_story_and_each_stable_page_names_its_days()
    {
        using var temp = new TempDir();
        // 23 stories, 5 a page: the first URL shows 23 to 19; pages 1 to 4 hold 1-5 ... 16-20, page 5 holds 21-23.
        var input = SiteBuild.WriteSite(temp, Stories(23), Site(pageSize: 5));
        var output = temp.Combine("out");
        Assert.True(SiteBuild.Run(input, output).Success);
        var all = Enumerable.Range(1, 23).Select(i => $"Berita {i}").ToHashSet();

        foreach (var first in new[] { "/id/", "/id/category/ekonomi/", "/id/tag/kopi/" })
        {
            var home = Load(output, first);
            Assert.Equal(["Berita 23", "Berita 22", "Berita 21", "Berita 20", "Berita 19"], Titles(home));
            // Older leads past page 5 (all of it is on the first URL) to page 4, the newest page with a story not shown here.
            Assert.Equal(first + "page/4/", Link(home, "next"));

            var reached = Titles(home).ToList();
            var onStablePages = new List<string>();
            var visited = new List<string>();
            for (var href = Link(home, "next"); href is not null;)
            {
                visited.Add(href);
                var page = Load(output, href);
                Assert.Equal(BaseUrl + href.TrimStart('/'), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
                reached.AddRange(Titles(page));
                onStablePages.AddRange(Titles(page));
                // Its links: the neighbours, the first URL, page 1; never a number that depends on how many pages there are.
                var number = int.Parse(href.TrimEnd('/').Split('/')[^1]);
                Assert.Subset(new HashSet<string?> { first, first + $"page/{number + 1}/", first + $"page/{number - 1}/", first + "page/1/" },
                    page.QuerySelectorAll(".pagination a").Select(a => a.GetAttribute("href")).ToHashSet());
                Assert.DoesNotContain(page.QuerySelectorAll(".pagination a, .pagination span"), a => a.TextContent.Trim().All(char.IsDigit));
                href = Link(page, "next");
            }
            Assert.Equal(["page/4/", "page/3/", "page/2/", "page/1/"], visited.Select(v => v[first.Length..]));
            Assert.Equal(all.Order(), reached.Distinct().Order());               // no story skipped
            Assert.Equal(onStablePages.Count, onStablePages.Distinct().Count()); // and none twice past the first URL
            Assert.Equal(["Berita 20", "Berita 19"], reached.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key)); // the two pages' overlap

            // Walking newer from page 1 meets every stable page, and every story exactly once, then the first URL.
            var stable = new List<string>();
            var at = first + "page/1/";
            while (at != first)
            {
                stable.AddRange(Titles(Load(output, at)));
                at = Link(Load(output, at), "prev")!;
            }
            Assert.Equal(Enumerable.Range(1, 23).Select(i => $"Berita {i}").Order(), stable.Order());
            Assert.Equal(23, stable.Count);
        }

        // Each stable page is named by the days it spans and its number, in the page's language.
        var page2 = HtmlPages.Load(output, "id/page/2/index.html");
        Assert.Equal(["Berita 10", "Berita 9", "Berita 8", "Berita 7", "Berita 6"], Titles(page2));
        Assert.Equal("06 Oktober – 10 Oktober 2026 (halaman 2)", page2.QuerySelector(".listing-page")!.TextContent);
        Assert.Equal("Test News — 06 Oktober – 10 Oktober 2026 (halaman 2)", page2.Title);
        Assert.Contains(" — 06 Oktober – 10 Oktober 2026 (halaman 2) — Test News", HtmlPages.Load(output, "id/category/ekonomi/page/2/index.html").Title);
    }

    [Fact]
    public void A_stable_page_is_an_hreflang_alternate_only_of_the_pages_listing_the_same_stories()
    {
        using var temp = new TempDir();
        // Indonesian: stories 1 to 9, 3 a page (1-3, 4-6, 7-9). English translates 1 to 6: the same two first pages.
        // Arabic translates 1, 2, 4, 5: its page 1 (1, 2, 4) matches no other.
        var files = Stories(9);
        foreach (var i in new[] { 1, 2, 3, 4, 5, 6 }) files[$"articles/s{i:00}/en.md"] = Md($"title: \"News {i}\"");
        foreach (var i in new[] { 1, 2, 4, 5 }) files[$"articles/s{i:00}/ar.md"] = Md($"title: \"خبر {i}\"");
        var input = SiteBuild.WriteSite(temp, files, Site(pageSize: 3));
        var output = temp.Combine("out");
        Assert.True(SiteBuild.Run(input, output).Success);

        Dictionary<string, string> Alternates(string file) => HtmlPages.Load(output, file).QuerySelectorAll("link[rel=alternate][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
        foreach (var page in new[] { 1, 2 })
            foreach (var language in new[] { "id", "en" })
            {
                var file = $"{language}/page/{page}/index.html";
                Assert.Equal(new Dictionary<string, string>
                {
                    ["id"] = $"{BaseUrl}id/page/{page}/", ["en"] = $"{BaseUrl}en/page/{page}/", ["x-default"] = $"{BaseUrl}id/page/{page}/",
                }, Alternates(file));
                Assert.Equal($"{BaseUrl}{language}/page/{page}/", HtmlPages.Load(output, file).QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
            }
        Assert.Empty(Alternates("id/page/3/index.html"));  // stories 7-9: English stops at 6
        Assert.Empty(Alternates("ar/page/1/index.html"));
        Assert.Empty(Alternates("ar/page/2/index.html"));
        Assert.Equal($"{BaseUrl}ar/page/1/", HtmlPages.Load(output, "ar/page/1/index.html").QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        // The language switcher leads to the same page where it lists the same stories, else to the listing's first URL.
        var switcher = HtmlPages.Load(output, "id/page/1/index.html").QuerySelectorAll(".language-switcher a").ToDictionary(a => a.GetAttribute("hreflang")!, a => a.GetAttribute("href"));
        Assert.Equal("/en/page/1/", switcher["en"]);
        Assert.Equal("/ar/", switcher["ar"]);
        // The first URLs keep theirs: every language's home, and the chooser as x-default.
        Assert.Equal($"{BaseUrl}ar/", Alternates("id/index.html")["ar"]);
        Assert.Equal(BaseUrl, Alternates("id/index.html")["x-default"]);
    }
}
