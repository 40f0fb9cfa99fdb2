using System.Globalization;
using StaticNews.Engine;
using StaticNews.Sitemaps;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Seo.OutputSite;

namespace StaticNews.Tests.Seo;

/// <summary>
/// A generated site with the clock fixed: 1,005 stories in the last two days (more than one News
/// sitemap holds), stories either side of the window's edge, old ones, and a story in three languages.
/// </summary>
public sealed class NewsSiteFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    public const int Bulk = 1_005;
    // An ampersand in the base path puts one in every URL: the sitemaps must escape it.
    public const string Base = "https://news.example.org/r&d/";
    public const string HostileTitle = "Harga </script><!-- <script>alert(1)</script> & \"kutipan\" naik";

    private readonly TempDir _temp = new();

    public NewsSiteFixture()
    {
        var files = new Dictionary<string, string>();
        void Story(string key, DateTimeOffset date, string title, string? extra = null, params string[] translations)
        {
            files[$"articles/{key}/id.md"] = $"---\ntitle: {Yaml(title)}\ndate: {Iso(date)}\ncategory: ekonomi\n{extra}---\nIsi berita {key}.\n";
            foreach (var language in translations)
                files[$"articles/{key}/{language}.md"] = $"---\ntitle: {Yaml(title + " " + language)}\n---\nBody {key} {language}.\n";
        }
        for (var i = 0; i < Bulk; i++) Story($"berita-{i:D4}", Now.AddMinutes(-2.5 * i - 1), $"Berita nomor {i}");
        Story("tepat-dua-hari", Now.AddDays(-2), "Tepat dua hari lalu");              // on the edge: out
        Story("hampir-dua-hari", Now.AddDays(-2).AddMinutes(1), "Hampir dua hari lalu"); // just inside
        Story("tiga-hari", Now.AddDays(-3), "Tiga hari lalu");
        Story("bulan-lalu", Now.AddDays(-30), "Bulan lalu", null, "en", "zh");
        Story("tiga-bahasa", Now.AddHours(-3), "Tiga bahasa", null, "en", "zh");
        Story("tanya-jawab", Now.AddHours(-1), HostileTitle);
        Input = SiteBuild.WriteSite(_temp, files, """
            title: { id: Kabar Uji, en: Test News, zh: 测试新闻 }
            baseUrl: https://news.example.org/r&d/
            defaultLanguage: id
            languages:
              id: { name: Bahasa Indonesia }
              en: { name: English }
              zh: { name: 中文, hreflang: zh-Hans }
            """);
        Output = _temp.Combine("output");
        var report = SiteBuild.Run(Input, Output, new BuildClock(Now));
        if (!report.Success) throw new InvalidOperationException(string.Join("\n", report.Diagnostics));
        Site = new OutputSite(Output, Base);
    }

    public static string Iso(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public string Input { get; }
    public string Output { get; }
    public OutputSite Site { get; }

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition("news site")]
public sealed class NewsSiteCollection : ICollectionFixture<NewsSiteFixture>;

[Collection("news site")]
public sealed class NewsSitemapTests(NewsSiteFixture fixture)
{
    private readonly OutputSite _site = fixture.Site;

    private IReadOnlyList<(string File, List<System.Xml.Linq.XElement> Urls)> NewsFiles() => _site.ListedSitemaps()
        .Where(p => p.StartsWith("news-sitemap", StringComparison.Ordinal))
        .Select(p => (p, _site.Xml(p).Root!.Elements(Sm + "url").ToList())).ToList();

    [Fact]
    public void Lists_exactly_the_versions_published_in_the_two_days_before_the_build()
    {
        var listed = NewsFiles().SelectMany(f => f.Urls).Select(u => u.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());

        string Url(string language, string slug, DateTimeOffset date) =>
            $"{NewsSiteFixture.Base}{language}/{TimeZoneInfo.ConvertTime(date, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")):yyyy/MM}/{slug}/";
        var expected = Enumerable.Range(0, NewsSiteFixture.Bulk)
            .Select(i => Url("id", $"berita-{i:D4}", NewsSiteFixture.Now.AddMinutes(-2.5 * i - 1)))
            .Append(Url("id", "hampir-dua-hari", NewsSiteFixture.Now.AddDays(-2).AddMinutes(1)))
            .Concat(new[] { "id", "en", "zh" }.Select(l => Url(l, "tiga-bahasa", NewsSiteFixture.Now.AddHours(-3))))
            .Append(Url("id", "tanya-jawab", NewsSiteFixture.Now.AddHours(-1)));
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(listed, url => Assert.True(_site.Exists(url), $"{url} is not in the output"));
        // The edge, older stories and their translations exist as pages but are not news any more.
        Assert.True(_site.Exists(Url("id", "tepat-dua-hari", NewsSiteFixture.Now.AddDays(-2))));
        Assert.True(_site.Exists(Url("zh", "bulan-lalu", NewsSiteFixture.Now.AddDays(-30))));
    }

    [Fact]
    public void Holds_at_most_1000_articles_per_file_newest_first_and_every_file_is_in_the_index()
    {
        var files = NewsFiles();
        Assert.Equal(["news-sitemap.xml", "news-sitemap-2.xml"], files.Select(f => f.File));
        Assert.All(files, f => Assert.InRange(f.Urls.Count, 1, NewsSitemap.MaxUrls));
        var dates = files.SelectMany(f => f.Urls)
            .Select(u => DateTimeOffset.Parse(u.Element(News + "news")!.Element(News + "publication_date")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.All(dates, d => Assert.InRange(d, NewsSiteFixture.Now.AddDays(-2).AddTicks(1), NewsSiteFixture.Now));
    }

    [Fact]
    public void Each_article_carries_publication_name_and_language_date_and_title()
    {
        var root = _site.Xml("news-sitemap.xml").Root!;
        Assert.Equal(Sm + "urlset", root.Name);
        Assert.Equal(SitemapXml.NewsNs, root.GetNamespaceOfPrefix("news")?.NamespaceName);
        var byLoc = NewsFiles().SelectMany(f => f.Urls).ToDictionary(u => u.Element(Sm + "loc")!.Value, u => u.Element(News + "news")!);
        Assert.All(byLoc.Values, news =>
        {
            var publication = news.Element(News + "publication")!;
            Assert.False(string.IsNullOrWhiteSpace(publication.Element(News + "name")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(publication.Element(News + "language")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(news.Element(News + "title")?.Value));
        });

        var zh = byLoc.Single(e => e.Key.Contains("/zh/")).Value;
        Assert.Equal("zh-cn", zh.Element(News + "publication")!.Element(News + "language")!.Value); // hreflang zh-Hans, Google News zh-cn
        Assert.Equal("测试新闻", zh.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("Tiga bahasa zh", zh.Element(News + "title")!.Value);
        var en = byLoc.Single(e => e.Key.Contains("/en/")).Value;
        Assert.Equal("en", en.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal(NewsSiteFixture.Now.AddHours(-3), DateTimeOffset.Parse(en.Element(News + "publication_date")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ampersands_in_urls_and_markup_in_titles_are_escaped()
    {
        var raw = File.ReadAllText(Path.Combine(fixture.Output, "news-sitemap.xml"));
        Assert.Contains("<loc>https://news.example.org/r&amp;d/id/2026/12/tanya-jawab/</loc>", raw);
        Assert.DoesNotContain("</script>", raw);
        var loc = $"{NewsSiteFixture.Base}id/2026/12/tanya-jawab/";
        var entry = _site.Xml("news-sitemap.xml").Root!.Elements(Sm + "url").Single(u => u.Element(Sm + "loc")!.Value == loc);
        Assert.Equal(NewsSiteFixture.HostileTitle, entry.Element(News + "news")!.Element(News + "title")!.Value);
        var sitemap = File.ReadAllText(Path.Combine(fixture.Output, "sitemap-id-stories-1.xml"));
        Assert.Contains("<loc>https://news.example.org/r&amp;d/id/2026/12/tanya-jawab/</loc>", sitemap);
        Assert.Contains("href=\"https://news.example.org/r&amp;d/id/2026/12/tanya-jawab/\"", sitemap);
        Assert.DoesNotContain("r&d", sitemap);
        Assert.Equal(loc, fixture.Site.Xml("sitemap-id-stories-1.xml").Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value).Single(l => l.Contains("tanya-jawab")));
    }
}

/// <summary>SOURCE_DATE_EPOCH is process-wide: these builds run alone so no other test sees it set.</summary>
[CollectionDefinition("source date epoch", DisableParallelization = true)]
public sealed class SourceDateEpochCollection;

[Collection("source date epoch")]
public sealed class SourceDateEpochTests
{
    [Fact]
    public void The_clock_fixed_by_SOURCE_DATE_EPOCH_changes_only_the_news_sitemap()
    {
        using var temp = new TempDir();
        var now = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/baru/id.md"] = $"---\ntitle: Baru\ndate: {NewsSiteFixture.Iso(now.AddHours(-1))}\n---\nBaru.\n",
            ["articles/baru/en.md"] = "---\ntitle: New\n---\nNew.\n",
            ["articles/kemarin/id.md"] = $"---\ntitle: Kemarin\ndate: {NewsSiteFixture.Iso(now.AddHours(-30))}\n---\nKemarin.\n",
            ["articles/lama/id.md"] = $"---\ntitle: Lama\ndate: {NewsSiteFixture.Iso(now.AddDays(-5))}\n---\nLama.\n",
        });
        Dictionary<string, byte[]> Build(DateTimeOffset clock, string name)
        {
            var previous = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", clock.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            try
            {
                var output = temp.Combine(name);
                var report = SiteBuilder.BuildAsync(new BuildOptions { InputDirectory = input, OutputDirectory = output }).GetAwaiter().GetResult();
                Assert.True(report.Success, string.Join("\n", report.Diagnostics));
                return Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(output, f), File.ReadAllBytes);
            }
            finally { Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", previous); }
        }

        var first = Build(now, "a");
        var again = Build(now, "b");
        var dayLater = Build(now.AddDays(1), "c");

        Assert.Equal(first.Keys.Order(), again.Keys.Order());
        Assert.All(first, e => Assert.Equal(e.Value, again[e.Key]));
        Assert.Equal(first.Keys.Order(), dayLater.Keys.Order());
        var changed = first.Keys.Where(k => !first[k].AsSpan().SequenceEqual(dayLater[k])).ToList();
        Assert.Equal(["news-sitemap.xml"], changed);

        var site = new OutputSite(temp.Combine("a"), "https://news.example.org/");
        Assert.Equal(3, site.Xml("news-sitemap.xml").Root!.Elements(Sm + "url").Count()); // baru (id, en), kemarin
        site = new OutputSite(temp.Combine("c"), "https://news.example.org/");
        Assert.Equal(2, site.Xml("news-sitemap.xml").Root!.Elements(Sm + "url").Count()); // baru (id, en) only
    }
}
