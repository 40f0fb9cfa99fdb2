using System.Xml.Linq;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Newsroom;

/// <summary>Free-text tags and curated categories, named per language with the content (taxonomy.yml, translations' front matter).</summary>
public sealed class TaxonomyTests
{
    private const string Base = "https://news.example.org/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private const string SiteYml = """
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          fr: { name: Français }
          ar: { name: العربية, direction: rtl }
        """;

    private const string TaxonomyYml = """
        categories:
          dunia:
            label: { id: Dunia, fr: Monde, ar: العالم }
            description: { fr: "L'actualité internationale." }
        tags:
          Piala Dunia 2026:
            label: { fr: Coupe du monde 2026, ar: كأس العالم 2026 }
            slug: { fr: coupe-du-monde-2026 }
          korea-utara:
            label: { ar: كوريا الشمالية }
        """;

    /// <summary>Two stories tagged in Indonesian; the French translation names a tag itself, taxonomy.yml names others.</summary>
    private static string BuildSite(TempDir temp, Dictionary<string, string>? extra = null)
    {
        var files = new Dictionary<string, string>
        {
            ["taxonomy.yml"] = TaxonomyYml,
            ["articles/rudal/id.md"] = Original("Korea Utara Luncurkan Rudal", date: "2026-11-02T09:00:00+07:00",
                extra: "category: dunia\ntags: [Korea Utara, Vladimir Putin, 東京]"),
            ["articles/rudal/fr.md"] = Md("title: La Corée du Nord tire un missile\ntags: { Korea Utara: Corée du Nord }"),
            ["articles/rudal/ar.md"] = Md("title: كوريا الشمالية تطلق صاروخا"),
            ["articles/piala/id.md"] = Original("Jadwal Piala Dunia", extra: "category: dunia\ntags: [\"korea  utara \", Piala Dunia 2026]"),
            ["articles/piala/fr.md"] = Md("title: Le calendrier de la Coupe du monde"),
            ["articles/piala/ar.md"] = Md("title: جدول كأس العالم"),
        };
        foreach (var (path, text) in extra ?? []) files[path] = text;
        var input = SiteBuild.WriteSite(temp, files, SiteYml);
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return output;
    }

    [Fact]
    public void Free_text_tags_get_a_listing_and_feeds_per_language_named_there_and_linked_by_hreflang()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);

        // A French name from the translation's front matter; the Arabic one from taxonomy.yml; case and spacing variants are one tag.
        var fr = HtmlPages.Load(output, "fr/tag/korea-utara/index.html");
        Assert.Contains("Corée du Nord", fr.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, fr.QuerySelectorAll(".story-card").Length);
        var ar = HtmlPages.Load(output, "ar/tag/korea-utara/index.html");
        Assert.Contains("كوريا الشمالية", ar.QuerySelector("h1")!.TextContent);
        Assert.Equal("rtl", ar.DocumentElement.GetAttribute("dir"));
        var id = HtmlPages.Load(output, "id/tag/korea-utara/index.html");
        Assert.Contains("Korea Utara", id.QuerySelector("h1")!.TextContent);

        var alternates = fr.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href"));
        Assert.Equal(Base + "id/tag/korea-utara/", alternates["id"]);
        Assert.Equal(Base + "fr/tag/korea-utara/", alternates["fr"]);
        Assert.Equal(Base + "ar/tag/korea-utara/", alternates["ar"]);
        Assert.Equal(Base + "id/tag/korea-utara/", alternates["x-default"]);

        // A localized URL segment in French only; the other languages keep the identity.
        Assert.False(Directory.Exists(Path.Combine(output, "fr", "tag", "piala-dunia-2026")));
        var cup = HtmlPages.Load(output, "fr/tag/coupe-du-monde-2026/index.html");
        Assert.Contains("Coupe du monde 2026", cup.QuerySelector("h1")!.TextContent);
        var cupAlternates = cup.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href"));
        Assert.Equal(Base + "ar/tag/piala-dunia-2026/", cupAlternates["ar"]);
        Assert.Equal(Base + "fr/tag/coupe-du-monde-2026/", HtmlPages.Load(output, "ar/tag/piala-dunia-2026/index.html")
            .QuerySelector("link[rel=alternate][hreflang=fr]")!.GetAttribute("href"));

        // Each tag listing has its own feeds, in its language, with its entries, and says so in its head.
        var feedLinks = fr.QuerySelectorAll("link[rel=alternate][type]").Select(l => l.GetAttribute("href")).ToList();
        Assert.Contains(Base + "fr/tag/korea-utara/atom.xml", feedLinks);
        var atom = XDocument.Load(Path.Combine(output, "fr", "tag", "korea-utara", "atom.xml"));
        Assert.Equal("fr", atom.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Contains("Corée du Nord", atom.Root.Element(Atom + "title")!.Value);
        Assert.Equal(["La Corée du Nord tire un missile", "Le calendrier de la Coupe du monde"],
            atom.Root.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value));
        var rss = XDocument.Load(Path.Combine(output, "ar", "tag", "korea-utara", "rss.xml"));
        Assert.Equal(2, rss.Descendants("item").Count());
        Assert.Contains(rss.Descendants("item").SelectMany(i => i.Elements("category")), c => c.Value == "كوريا الشمالية");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "fr", "tag", "coupe-du-monde-2026", "feed.json")));
        Assert.Equal(Base + "fr/tag/coupe-du-monde-2026/feed.json", json.RootElement.GetProperty("feed_url").GetString());
        Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public void A_story_shows_its_tags_by_their_names_in_its_language_and_as_written_where_none_is_given()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var fr = HtmlPages.Load(output, "fr/2026/11/rudal/index.html");
        var tags = fr.QuerySelectorAll(".story-tags a").Select(a => (a.TextContent, a.GetAttribute("href"), a.GetAttribute("lang"))).ToList();
        // "Vladimir Putin" and "東京" are named nowhere in French: shown as written, marked as Indonesian.
        Assert.Equal([("Corée du Nord", "/fr/tag/korea-utara/", null), ("Vladimir Putin", "/fr/tag/vladimir-putin/", "id"), ("東京", "/fr/tag/東京/", "id")], tags);
        Assert.True(File.Exists(Path.Combine(output, "fr", "tag", "東京", "index.html")));
        Assert.Equal("Monde", fr.QuerySelector(".story-category a")!.TextContent);
        var keywords = System.Text.Json.JsonDocument.Parse(fr.QuerySelector("script[type='application/ld+json']")!.TextContent)
            .RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetString());
        Assert.Equal(["Corée du Nord", "Vladimir Putin", "東京"], keywords);
        Assert.Equal(["Corée du Nord", "Vladimir Putin", "東京"], fr.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));

        // The Indonesian original shows its most used spelling; the category page its description.
        var id = HtmlPages.Load(output, "id/2026/11/piala/index.html");
        Assert.Equal(["Korea Utara", "Piala Dunia 2026"], id.QuerySelectorAll(".story-tags a").Select(a => a.TextContent));
        var monde = HtmlPages.Load(output, "fr/category/dunia/index.html");
        Assert.Equal("L'actualité internationale.", monde.QuerySelector(".listing-description")!.TextContent);
        Assert.Equal("L'actualité internationale.", monde.QuerySelector("meta[name=description]")!.GetAttribute("content"));
    }

    [Fact]
    public void Tag_and_category_listings_are_in_the_sitemaps_with_their_alternates()
    {
        using var temp = new TempDir();
        var output = BuildSite(temp);
        var urls = XDocument.Load(Path.Combine(output, "sitemap-fr.xml")).Root!.Elements(Sitemap + "url")
            .ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Elements(Xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => l.Attribute("href")!.Value));
        var cup = urls[Base + "fr/tag/coupe-du-monde-2026/"];
        Assert.Equal(Base + "id/tag/piala-dunia-2026/", cup["id"]);
        Assert.Equal(Base + "ar/tag/piala-dunia-2026/", cup["ar"]);
        Assert.Equal(Base + "id/tag/piala-dunia-2026/", cup["x-default"]);
        Assert.Contains(Base + "fr/category/dunia/", urls.Keys);
        Assert.Contains(Base + "fr/tag/%E6%9D%B1%E4%BA%AC/", urls.Keys);
    }

    [Fact]
    public void Two_tags_claiming_one_url_in_a_language_are_refused_with_the_line_of_taxonomy_yml()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["taxonomy.yml"] = "tags:\n  Korea Utara:\n    slug: { fr: coree }\n  Korea Selatan:\n    slug: { fr: coree }\n",
            ["articles/s/id.md"] = Original("S", extra: "tags: [Korea Utara, Korea Selatan]"),
            ["articles/s/fr.md"] = Md("title: F"),
        }, SiteYml);
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics, d => d.File == "taxonomy.yml" && d.Line is 2 or 4 && d.Message.Contains("/fr/tag/coree/"));
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    [Fact]
    public void A_category_missing_from_the_curated_list_is_a_warning()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["taxonomy.yml"] = TaxonomyYml,
            ["articles/s/id.md"] = Original("S", extra: "category: dnuia"),
        }, SiteYml);
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.True(report.Success);
        Assert.Contains(report.Diagnostics, d => d.File == "articles/s/id.md" && d.Message.Contains("category 'dnuia' is not one of taxonomy.yml's categories (dunia)"));
    }
}
