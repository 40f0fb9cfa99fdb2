using System.Globalization;
using System.Text;
using System.Xml.Linq;
using StaticNews.Sitemaps;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Seo.OutputSite;
using static StaticNews.Tests.Support.Rendered;

namespace StaticNews.Tests.Seo;

[Collection("sample site")]
public sealed class SitemapTests(SampleSiteFixture sample)
{
    private const string Base = "https://kabar-nusantara.example.org/";
    private readonly OutputSite _site = new(sample.Output, Base);

    [Fact]
    public void The_index_lists_every_sitemap_file_and_robots_txt_points_to_it()
    {
        var index = _site.Xml("sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var listed = _site.ListedSitemaps();
        var written = Directory.EnumerateFiles(sample.Output, "*.xml").Select(Path.GetFileName)
            .Where(f => f != "sitemap.xml" && (f!.StartsWith("sitemap-") || f.StartsWith("news-sitemap"))).ToList();
        Assert.Equal(written.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var language in new[] { "id", "en", "zh", "ja", "ar", "fr" })
            Assert.Contains($"sitemap-{language}.xml", listed);
        Assert.Contains("news-sitemap.xml", listed);

        var robots = sample.Read("robots.txt").Split('\n');
        Assert.Contains("User-agent: *", robots);
        Assert.Contains($"Sitemap: {Base}sitemap.xml", robots);
    }

    [Fact]
    public void Sitemaps_follow_the_sitemaps_org_protocol()
    {
        var locs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in _site.ListedSitemaps().Append("sitemap.xml"))
        {
            var file = Path.Combine(sample.Output, path);
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{path} starts with a BOM");
            Assert.True(bytes.Length <= SitemapXml.MaxBytes, $"{path} is over 50 MB");
            var doc = XDocument.Parse(Encoding.UTF8.GetString(bytes));
            Assert.Equal("utf-8", doc.Declaration!.Encoding, ignoreCase: true);
            var root = doc.Root!;
            Assert.Equal(SitemapXml.SitemapNs, root.Name.NamespaceName);
            var entries = root.Elements().ToList();
            Assert.True(entries.Count <= SitemapXml.MaxUrls, $"{path} has more than 50,000 entries");
            Assert.All(entries, entry =>
            {
                Assert.Equal(root.Name == Sm + "sitemapindex" ? Sm + "sitemap" : Sm + "url", entry.Name);
                var loc = Assert.Single(entry.Elements(Sm + "loc")).Value;
                Assert.True(Uri.TryCreate(loc, UriKind.Absolute, out var uri) && uri.Scheme == "https", $"loc '{loc}' is not absolute");
                Assert.StartsWith(Base, loc);
                Assert.True(loc.Length < 2048);
                if (root.Name != Sm + "sitemapindex") Assert.True(locs.Add(loc), $"{loc} is listed twice");
                foreach (var lastmod in entry.Elements(Sm + "lastmod"))
                    Assert.True(DateTimeOffset.TryParseExact(lastmod.Value, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                        $"lastmod '{lastmod.Value}' is not a W3C datetime");
                foreach (var link in entry.Elements(Xhtml + "link"))
                {
                    Assert.Equal("alternate", link.Attribute("rel")?.Value);
                    Assert.False(string.IsNullOrEmpty(link.Attribute("hreflang")?.Value));
                    Assert.StartsWith(Base, link.Attribute("href")?.Value);
                }
            });
        }
        Assert.NotEmpty(locs);
    }

    [Fact]
    public void Every_url_in_the_sitemaps_exists_in_the_output_and_every_page_that_should_be_found_is_listed()
    {
        var urls = _site.LanguageSitemapUrls();
        foreach (var url in urls)
        {
            var loc = url.Element(Sm + "loc")!.Value;
            Assert.True(_site.Exists(loc), $"{loc} is in a sitemap but not in the output");
            Assert.DoesNotContain("404", loc);
            foreach (var link in url.Elements(Xhtml + "link"))
                Assert.True(_site.Exists(link.Attribute("href")!.Value), $"alternate {link.Attribute("href")!.Value} does not exist");
        }

        var listed = urls.Select(u => _site.FileFor(u.Element(Sm + "loc")!.Value)!).ToHashSet();
        var indexable = _site.HtmlFiles().Where(f =>
        {
            var kind = _site.Html(f).Body!.ClassName;
            return kind is "page-story" or "page-home" or "page-category" or "page-tag" && !f.Contains("/page/");
        }).ToList();
        Assert.Equal(34 + 6, indexable.Count(f => !f.Contains("/category/") && !f.Contains("/tag/"))); // 34 versions + 6 homes
        Assert.All(indexable, f => Assert.Contains(f, listed));
    }

    [Fact]
    public void Hreflang_sets_are_reciprocal_and_equal_to_the_pages_own_alternates()
    {
        var byLoc = _site.LanguageSitemapUrls().ToDictionary(u => u.Element(Sm + "loc")!.Value, u =>
            u.Elements(Xhtml + "link").Select(l => (l.Attribute("hreflang")!.Value, l.Attribute("href")!.Value)).ToList());
        Assert.NotEmpty(byLoc);
        foreach (var (loc, links) in byLoc)
        {
            var set = HreflangSet(links);
            Assert.Contains(links, l => l.Item2 == loc); // itself included (the chooser is its own x-default)
            Assert.Single(links, l => l.Item1 == "x-default");
            Assert.Equal(links.Count, links.Select(l => l.Item1).Distinct().Count());
            foreach (var (hreflang, href) in links.Where(l => l.Item1 != "x-default"))
            {
                Assert.True(byLoc.TryGetValue(href, out var other), $"{loc} names {href} ({hreflang}), which no sitemap lists");
                Assert.Equal(set, HreflangSet(other!));
            }

            var page = _site.Html(_site.FileFor(loc)!);
            var own = page.QuerySelectorAll("head link[rel=alternate][hreflang]")
                .Select(l => (l.GetAttribute("hreflang")!, l.GetAttribute("href")!));
            Assert.Equal(HreflangSet(own), set);
        }
    }

    [Fact]
    public void X_default_follows_one_rule_and_every_page_of_a_hreflang_set_and_the_sitemaps_name_the_same()
    {
        string? XDefaultOf(AngleSharp.Dom.IDocument page) =>
            page.QuerySelector("head link[rel=alternate][hreflang=x-default]")?.GetAttribute("href");
        var pages = _site.HtmlFiles().Select(f => (File: f, Page: _site.Html(f))).Where(p => p.Page.QuerySelector("head link[rel=alternate][hreflang]") is not null).ToList();
        Assert.NotEmpty(pages);
        foreach (var (file, page) in pages)
        {
            var xDefault = XDefaultOf(page);
            foreach (var href in page.QuerySelectorAll("head link[rel=alternate][hreflang]").Where(l => l.GetAttribute("hreflang") != "x-default").Select(l => l.GetAttribute("href")!))
                Assert.True(XDefaultOf(_site.Html(_site.FileFor(href)!)) == xDefault, $"{file} names x-default {xDefault}, its version {href} another");
        }
        // The rule: the chooser for the language homes (and itself), the original for a story, the default language's version of any other listing.
        foreach (var home in (string[])["", "id/", "fr/", "ar/"])
            Assert.Equal(Base, XDefaultOf(_site.Html(_site.FileFor(Base + home)!)));
        Assert.Equal($"{Base}id/2026/10/kopi-gayo-tembus-jepang/", XDefaultOf(_site.Html(_site.FileFor($"{Base}fr/2026/10/kopi-gayo-tembus-jepang/")!)));
        Assert.Equal($"{Base}id/category/ekonomi/", XDefaultOf(_site.Html(_site.FileFor($"{Base}ja/category/ekonomi/")!)));
        Assert.Equal($"{Base}id/feeds/", XDefaultOf(_site.Html(_site.FileFor($"{Base}en/feeds/")!)));
        // The sitemaps say the same, and list the chooser (what crawlers get at the root) with the homes' set.
        var sitemap = _site.LanguageSitemapUrls().ToDictionary(u => u.Element(Sm + "loc")!.Value,
            u => u.Elements(Xhtml + "link").Where(l => l.Attribute("hreflang")!.Value == "x-default").Select(l => l.Attribute("href")!.Value).SingleOrDefault());
        Assert.Equal(Base, sitemap[Base]);
        foreach (var (loc, xDefault) in sitemap)
            Assert.Equal(XDefaultOf(_site.Html(_site.FileFor(loc)!)), xDefault);
    }

    [Fact]
    public void A_base_url_in_a_sub_folder_gets_a_warning_saying_what_to_add_to_the_hosts_robots_txt()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = "---\ntitle: A\ndate: 2026-11-01T10:00:00+07:00\n---\nA.\n",
        });
        var atRoot = SiteBuild.Run(input, temp.Combine("root"));
        Assert.True(atRoot.Success);
        Assert.DoesNotContain(atRoot.Diagnostics, d => d.Message.Contains("robots.txt"));

        var inFolder = SiteBuild.Run(input, temp.Combine("folder"), configure: o => o with { BaseUrl = "https://news.example.org/kabar/" });
        Assert.True(inFolder.Success);
        var warning = Assert.Single(inFolder.Diagnostics, d => d.Message.Contains("robots.txt"));
        Assert.Equal(StaticNews.Engine.Severity.Warning, warning.Severity);
        Assert.Contains("https://news.example.org/robots.txt", warning.Message);
        Assert.Contains("Sitemap: https://news.example.org/kabar/sitemap.xml", warning.Message);
        // The site's own robots.txt still names its sitemap, for a host that serves the folder at its root too.
        Assert.Contains("Sitemap: https://news.example.org/kabar/sitemap.xml", File.ReadAllText(temp.Combine("folder", "robots.txt")));
    }

    [Fact]
    public void Lastmod_comes_from_the_content()
    {
        var urls = _site.LanguageSitemapUrls().ToDictionary(u => u.Element(Sm + "loc")!.Value, u => u.Element(Sm + "lastmod")?.Value);
        // A story's lastmod is its own date (the sample's stories have no 'updated'); the page shows the same moment.
        var story = $"{Base}fr/2026/11/final-liga-nusantara-timur/";
        var shown = _site.Html(_site.FileFor(story)!).QuerySelector("article time")!.GetAttribute("datetime");
        Assert.Equal(shown, urls[story]);
        // The language home's lastmod is that of the newest story it shows.
        Assert.Equal(urls[story], urls[$"{Base}fr/"]);
    }

    [Fact]
    public void Split_keeps_every_file_within_the_url_and_byte_limits()
    {
        var all = _site.LanguageSitemapUrls().Select(u => new SitemapUrl(u.Element(Sm + "loc")!.Value, null,
            u.Elements(Xhtml + "link").Select(l => new SitemapAlternate(l.Attribute("hreflang")!.Value, l.Attribute("href")!.Value)).ToList())).ToList();
        var site = StaticNews.Configuration.SiteConfigLoader.Load(Repo.SampleInput, null, new StaticNews.Engine.DiagnosticBag())!;
        foreach (var (maxUrls, maxBytes) in new[] { (7, 1_000_000L), (1_000, 4_000L), (SitemapXml.MaxUrls, SitemapXml.MaxBytes) })
        {
            var files = SitemapXml.Split(all, maxUrls, maxBytes);
            Assert.Equal(all, files.SelectMany(f => f));
            Assert.All(files, f =>
            {
                Assert.InRange(f.Count, 1, maxUrls);
                Assert.True(Bytes(stream => SitemapXml.UrlSet(f, site, stream)).Length <= maxBytes);
            });
        }
        Assert.True(SitemapXml.Split(all, 7, 1_000_000L).Count >= all.Count / 7);
        Assert.True(SitemapXml.Split(all, 1_000, 4_000L).Count > 1);
    }

    [Fact]
    public void A_file_said_surely_one_from_its_relative_urls_is_one_file_for_split()
    {
        // Paths with what makes a URL longer when made absolute and escaped: non-ASCII (escaped by Uri), '&' and quotes
        // (entities in XML), spaces.
        var site = StaticNews.Configuration.SiteConfigLoader.Load(Repo.SampleInput, null, new StaticNews.Engine.DiagnosticBag())!;
        var random = new Random(7);
        string[] pieces = ["a", "berita", "&", "'", " ", "中文", "é", "عربي", "-", "%"];
        for (var round = 0; round < 200; round++)
        {
            var paths = Enumerable.Range(0, random.Next(1, 12)).Select(_ =>
                "/id/" + string.Concat(Enumerable.Range(0, random.Next(1, 300)).Select(_ => pieces[random.Next(pieces.Length)])) + "/").ToList();
            var alternates = random.Next(0, 7);
            var urls = paths.Select(p => new SitemapUrl(site.AbsoluteUrl(p), null,
                Enumerable.Range(0, alternates).Select(i => new SitemapAlternate(i == 0 ? "x-default" : "zh-Hans", site.AbsoluteUrl(paths[(paths.IndexOf(p) + i) % paths.Count]))).ToList())).ToList();
            var longest = Encoding.UTF8.GetByteCount(site.BaseUrl.AbsoluteUri) + paths.Max(p => Encoding.UTF8.GetByteCount(p));
            var surelyOnce = false;
            for (var maxBytes = 1_000L; maxBytes < 4_000_000; maxBytes += 2_000)
                foreach (var maxUrls in new[] { urls.Count - 1, urls.Count })
                    if (SitemapXml.SurelyOneFile(urls.Count, longest, alternates, "x-default".Length, maxUrls, maxBytes))
                    {
                        surelyOnce = true;
                        var files = SitemapXml.Split(urls, maxUrls, maxBytes).Count;
                        Assert.True(files == 1, $"said surely one file under {maxBytes} bytes and {maxUrls} URLs, split into {files}");
                    }
            Assert.True(surelyOnce);
        }
    }
}
