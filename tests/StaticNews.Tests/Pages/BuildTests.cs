using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Pages;

/// <summary>Builds of small generated sites: escaping, drafts, inheritance, pagination, determinism, theme overrides.</summary>
public sealed class BuildTests
{
    [Fact]
    public void A_hostile_title_reaches_the_page_only_as_text()
    {
        using var temp = new TempDir();
        const string title = "<script>alert(1)</script> & \"quotes\" <img src=x onerror=alert(2)>";
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Md("title: '" + title + "'\ndate: 2026-11-01T09:00:00+07:00\nauthor: '<b>Budi</b>'"),
            ["articles/a/en.md"] = Md("title: '" + title + " (en)'"),
        });
        var report = SiteBuild.Run(input, temp.Combine("out"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        foreach (var file in HtmlPages.HtmlFiles(temp.Combine("out")))
        {
            var raw = File.ReadAllText(file);
            Assert.DoesNotContain("<script>alert", raw);
            Assert.DoesNotContain("<img src=x", raw);
            var doc = HtmlPages.Parse(raw);
            // The only script is JSON-LD data, and the title stays inside it as a JSON string.
            Assert.All(doc.QuerySelectorAll("script"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
            foreach (var data in doc.QuerySelectorAll("script"))
                System.Text.Json.JsonDocument.Parse(data.TextContent).Dispose();
            Assert.Empty(doc.QuerySelectorAll("[onerror]"));
        }
        var page = HtmlPages.Load(temp.Combine("out"), "id/2026/11/a/index.html");
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith(title, page.Title);
        Assert.Contains("<b>Budi</b>", page.QuerySelector(".author")!.TextContent);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_come_out_whole_wherever_the_page_is_cut_into_pieces_on_its_way_to_the_file()
    {
        // Pages are encoded a buffer at a time, and the body reaches the encoder in chunks: with paragraphs of
        // every length, some pair of surrogates (an emoji, a rare CJK character) falls across every boundary.
        using var temp = new TempDir();
        var paragraphs = Enumerable.Range(1, 400).Select(i => new string('a', i % 7) + string.Concat(Enumerable.Repeat("😀𠀋", i % 50 + 1)));
        var body = string.Join("\n\n", paragraphs);
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Md("title: Emoji 😀 dan 𠀋\ndate: 2026-11-01T09:00:00+07:00", body),
        });
        Assert.True(SiteBuild.Run(input, temp.Combine("out")).Success);
        var bytes = File.ReadAllBytes(temp.Combine("out", "id/2026/11/a/index.html"));
        var raw = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); // a split pair would be invalid UTF-8
        Assert.DoesNotContain('\uFFFD', raw);
        var shown = HtmlPages.Parse(raw).QuerySelectorAll("main p").Select(p => p.TextContent).ToList();
        Assert.Equal(paragraphs.Select(p => p.Replace("a", "")).Where(p => p.Length > 0), shown.Where(p => p.Contains("😀")).Select(p => p.Replace("a", "")));
        Assert.Equal("Emoji 😀 dan 𠀋", HtmlPages.Parse(raw).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void A_story_longer_than_a_megabyte_is_published_whole_with_its_page_chrome()
    {
        // Scriban cuts a render's output at 1 MB by default; an article may be up to 10 MB.
        using var temp = new TempDir();
        var paragraphs = Enumerable.Range(1, 6000).Select(i => $"Paragraf {i}: " + string.Concat(Enumerable.Repeat("kata ", 40)));
        var body = string.Join("\n\n", paragraphs) + "\n\nAkhir berita.";
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Md("title: Panjang\ndate: 2026-11-01T09:00:00+07:00", body),
        });
        var report = SiteBuild.Run(input, temp.Combine("out"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var raw = File.ReadAllText(temp.Combine("out", "id/2026/11/a/index.html"));
        Assert.True(raw.Length > 1_300_000, $"the page has {raw.Length} characters");
        var page = HtmlPages.Parse(raw);
        var paragraphsShown = page.QuerySelectorAll("main p").Select(p => p.TextContent).ToList();
        Assert.Contains("Paragraf 6000: kata", paragraphsShown.Single(p => p.StartsWith("Paragraf 6000:")));
        Assert.Contains("Akhir berita.", paragraphsShown);
        Assert.NotNull(page.QuerySelector("footer.site-footer"));
        Assert.EndsWith("</html>", raw.TrimEnd());
    }

    [Fact]
    public void Translations_inherit_date_category_tags_and_image_unless_they_set_their_own()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/s/id.md"] = Original("Asli", extra: "category: ekonomi\ntags: [kopi, pangan]\nimage: foto.png\nimage_alt: Foto"),
            ["articles/s/en.md"] = Md("title: Inherited"),
            ["articles/s/ar.md"] = Md("title: Own\ncategory: dunia\ntags: [asean]"),
        });
        TestImages.Write(input, "articles/s/foto.png", TestImages.Png(640, 400));
        Assert.True(SiteBuild.Run(input, temp.Combine("out")).Success);
        var en = HtmlPages.Load(temp.Combine("out"), "en/2026/11/s/index.html");
        Assert.Equal("/en/category/ekonomi/", en.QuerySelector(".story-category a")!.GetAttribute("href"));
        Assert.Equal(["/en/tag/kopi/", "/en/tag/pangan/"], en.QuerySelectorAll(".story-tags a").Select(a => a.GetAttribute("href")));
        Assert.Equal("2026-11-01T09:00:00+07:00", en.QuerySelector(".dateline time")!.GetAttribute("datetime"));
        var ar = HtmlPages.Load(temp.Combine("out"), "ar/2026/11/s/index.html");
        // The same published image (stored once under its hash), with the original's alt text.
        var src = en.QuerySelector(".story-image img")!.GetAttribute("src")!;
        Assert.Matches("^/images/[0-9a-f]{20}/[0-9]+\\.png$", src);
        Assert.Equal(src, ar.QuerySelector(".story-image img")!.GetAttribute("src"));
        Assert.Equal("Foto", en.QuerySelector(".story-image img")!.GetAttribute("alt"));
        Assert.Equal("/ar/category/dunia/", ar.QuerySelector(".story-category a")!.GetAttribute("href"));
        Assert.Equal(["/ar/tag/asean/"], ar.QuerySelectorAll(".story-tags a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Drafts_and_future_stories_are_built_only_when_asked()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/now/id.md"] = Original("Sekarang"),
            ["articles/draft/id.md"] = Original("Draf", extra: "draft: true"),
            ["articles/later/id.md"] = Original("Nanti", date: "2027-01-01T09:00:00+07:00"),
        });
        Assert.True(SiteBuild.Run(input, temp.Combine("a")).Success);
        Assert.False(Directory.Exists(temp.Combine("a", "id", "2026", "11", "draft")));
        Assert.False(Directory.Exists(temp.Combine("a", "id", "2027")));
        Assert.True(SiteBuild.Run(input, temp.Combine("b"), configure: o => o with { IncludeDrafts = true, IncludeFuture = true }).Success);
        Assert.True(File.Exists(temp.Combine("b", "id", "2026", "11", "draft", "index.html")));
        Assert.True(File.Exists(temp.Combine("b", "id", "2027", "01", "later", "index.html")));
    }

    [Fact]
    public void Listings_are_paginated_from_the_oldest_story_with_the_newest_on_the_first_url()
    {
        using var temp = new TempDir();
        // 43 stories at the default 20 a page: the first URL shows 43 to 24; page 1 holds 1 to 20, page 2 21 to 40, page 3 41 to 43.
        var files = Enumerable.Range(1, 43).ToDictionary(i => $"articles/s{i:00}/id.md",
            i => Original($"Berita {i}", date: $"2026-10-{(i + 1) / 2:00}T{8 + (i + 1) % 2:00}:00:00+07:00", extra: "category: ekonomi"));
        var input = SiteBuild.WriteSite(temp, files);
        Assert.True(SiteBuild.Run(input, temp.Combine("out")).Success);
        var out_ = temp.Combine("out");
        foreach (var first in new[] { "id/", "id/category/ekonomi/" })
        {
            string Newest(string file) => HtmlPages.Load(out_, file).QuerySelector(".story-card h2")!.TextContent;
            string Oldest(string file) => HtmlPages.Load(out_, file).QuerySelectorAll(".story-card h2").Last().TextContent;
            var home = HtmlPages.Load(out_, first + "index.html");
            Assert.Equal(20, home.QuerySelectorAll(".story-card").Length);
            Assert.Equal(("Berita 43", "Berita 24"), (Newest(first + "index.html"), Oldest(first + "index.html")));
            Assert.Equal(("Berita 20", "Berita 1"), (Newest(first + "page/1/index.html"), Oldest(first + "page/1/index.html")));
            Assert.Equal(("Berita 40", "Berita 21"), (Newest(first + "page/2/index.html"), Oldest(first + "page/2/index.html")));
            Assert.Equal(("Berita 43", "Berita 41"), (Newest(first + "page/3/index.html"), Oldest(first + "page/3/index.html")));
            Assert.Equal("/" + first + "page/2/", home.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
            Assert.Null(HtmlPages.Load(out_, first + "page/1/index.html").QuerySelector(".pagination a[rel=next]"));
            Assert.Equal("/" + first, HtmlPages.Load(out_, first + "page/3/index.html").QuerySelector(".pagination a[rel=prev]")!.GetAttribute("href"));
            Assert.False(File.Exists(Path.Combine(out_, first, "page", "4", "index.html")));
        }
        // A listing that fits on its first URL has no other page.
        Assert.False(Directory.Exists(Path.Combine(out_, "en", "page")));
    }

    [Fact]
    public void Building_twice_gives_byte_identical_output()
    {
        using var temp = new TempDir();
        Assert.True(SiteBuild.Run(Repo.SampleInput, temp.Combine("a")).Success);
        Assert.True(SiteBuild.Run(Repo.SampleInput, temp.Combine("b"), new StaticNews.Engine.BuildClock(DateTimeOffset.UtcNow.AddYears(1))).Success);
        var a = Directory.EnumerateFiles(temp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("a"), f)).Order().ToList();
        var b = Directory.EnumerateFiles(temp.Combine("b"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("b"), f)).Order().ToList();
        // The News sitemap legitimately depends on the clock (its two-day window); everything else must not.
        a.Remove("news-sitemap.xml"); b.Remove("news-sitemap.xml");
        Assert.Equal(a, b);
        foreach (var file in a)
            Assert.True(File.ReadAllBytes(temp.Combine("a", file)).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Combine("b", file))), file);
    }

    [Fact]
    public void A_theme_folder_overrides_the_default_theme_file_by_file()
    {
        using var temp = new TempDir();
        var theme = temp.Combine("mytheme");
        Directory.CreateDirectory(Path.Combine(theme, "layouts"));
        File.WriteAllText(Path.Combine(theme, "layouts", "notfound.sbn"), "<h1 class=\"custom\">{{ t.not_found_title }}</h1>");
        Assert.True(SiteBuild.Run(Repo.SampleInput, temp.Combine("out"), configure: o => o with { ThemeDirectory = theme }).Success);
        var notFound = HtmlPages.Load(temp.Combine("out"), "fr/404.html");
        Assert.Equal(SampleInput.I18n("fr", "not_found_title"), notFound.QuerySelector("h1.custom")!.TextContent);
        // The other layouts still come from the default theme.
        Assert.NotNull(HtmlPages.Load(temp.Combine("out"), "fr/index.html").QuerySelector(".story-list"));
    }

    [Fact]
    public void The_minimal_site_yml_of_the_bench_corpus_builds_as_it_is()
    {
        using var temp = new TempDir();
        // Three stories made by ../shared/bench/make-corpus.py, kept in the repository (Fixtures/bench-corpus/README.md).
        var report = SiteBuild.Run(Repo.Fixture("bench-corpus"), temp.Combine("out"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.Equal(3, report.Stories);
        Assert.Equal(18, report.Versions);
        var ar = HtmlPages.Load(temp.Combine("out"), "ar/index.html");
        Assert.Equal("rtl", ar.DocumentElement.GetAttribute("dir"));
    }
}
