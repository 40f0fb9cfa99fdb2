using System.Text.Json;
using AngleSharp.Dom;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Seo;

[Collection("sample site")]
public sealed class StoryMetadataTests(SampleSiteFixture sample)
{
    private const string Base = "https://kabar-nusantara.example.org/";
    private readonly OutputSite _site = new(sample.Output, Base);

    private IEnumerable<IDocument> StoryPages() => _site.HtmlFiles().Select(_site.Html).Where(d => d.Body!.ClassName == "page-story");

    private static JsonElement JsonLd(IDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    private static string Meta(IDocument page, string property) =>
        page.QuerySelector($"head meta[property='{property}'], head meta[name='{property}']")?.GetAttribute("content")
        ?? throw new Xunit.Sdk.XunitException($"no meta {property}");

    [Fact]
    public void Every_story_page_has_NewsArticle_JSON_LD_with_the_required_fields()
    {
        var pages = StoryPages().ToList();
        Assert.Equal(34, pages.Count);
        foreach (var page in pages)
        {
            var ld = JsonLd(page);
            var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href");
            Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
            Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
            Assert.Equal(page.QuerySelector("article h1")!.TextContent, ld.GetProperty("headline").GetString());
            Assert.Equal(page.QuerySelector("meta[name=description]")!.GetAttribute("content"), ld.GetProperty("description").GetString());
            var published = page.QuerySelector("article time")!.GetAttribute("datetime");
            Assert.Equal(DateTimeOffset.Parse(published!), ld.GetProperty("datePublished").GetDateTimeOffset());
            Assert.True(ld.GetProperty("dateModified").GetDateTimeOffset() >= ld.GetProperty("datePublished").GetDateTimeOffset());
            Assert.Equal(page.DocumentElement.GetAttribute("lang"), ld.GetProperty("inLanguage").GetString());
            // One author is an object, several bylines an array of them.
            var author = ld.GetProperty("author");
            Assert.All(author.ValueKind == System.Text.Json.JsonValueKind.Array ? author.EnumerateArray().ToList() : [author],
                a => Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("name").GetString())));
            var publisher = ld.GetProperty("publisher");
            Assert.Equal(page.QuerySelector(".site-title")!.TextContent, publisher.GetProperty("name").GetString());
            Assert.True(_site.Exists(publisher.GetProperty("logo").GetProperty("url").GetString()!), "the publisher logo is not in the output");
            // The lead image in 16:9, 4:3 and 1:1 (never the logo); a story without an image names none.
            var lead = page.QuerySelector(".story-image img");
            Assert.Equal(lead is not null, ld.TryGetProperty("image", out var images));
            if (lead is not null)
                Assert.Equal([1.78, 1.33, 1.0], images.EnumerateArray().Select(image =>
                {
                    Assert.True(_site.Exists(image.GetString()!), $"{image} is not in the output");
                    using var crop = NetVips.Image.NewFromFile(_site.FileFor(image.GetString()!)!);
                    return Math.Round((double)crop.Width / crop.Height, 2);
                }));
            Assert.Equal(canonical, ld.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        }
    }

    [Fact]
    public void Translations_name_their_original_and_the_original_lists_its_translations()
    {
        foreach (var page in StoryPages())
        {
            var ld = JsonLd(page);
            var alternates = page.QuerySelectorAll("head link[rel=alternate][hreflang]")
                .ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
            var original = alternates["x-default"];
            var self = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
            if (self == original)
            {
                Assert.False(ld.TryGetProperty("translationOfWork", out _));
                var translations = ld.GetProperty("workTranslation").EnumerateArray()
                    .Select(t => (t.GetProperty("inLanguage").GetString()!, t.GetProperty("@id").GetString()!)).ToList();
                Assert.Equal(OutputSite.HreflangSet(alternates.Where(a => a.Key != "x-default" && a.Value != self).Select(a => (a.Key, a.Value))),
                    OutputSite.HreflangSet(translations));
            }
            else
            {
                Assert.False(ld.TryGetProperty("workTranslation", out _));
                var of = ld.GetProperty("translationOfWork");
                Assert.Equal(original, of.GetProperty("@id").GetString());
                Assert.Equal("id", of.GetProperty("inLanguage").GetString());
            }
        }
    }

    [Fact]
    public void Open_Graph_gives_locale_alternates_image_and_article_fields()
    {
        var fr = _site.Html(_site.FileFor($"{Base}fr/2026/10/terumbu-karang-raja-ampat/")!);
        Assert.Equal("article", Meta(fr, "og:type"));
        Assert.Equal("fr_FR", Meta(fr, "og:locale"));
        // As Facebook knows them: Arabic is its umbrella ar_AR (not ar_SA, which it rejects).
        Assert.Equal(["ar_AR", "en_US", "id_ID", "ja_JP", "zh_CN"],
            fr.QuerySelectorAll("meta[property='og:locale:alternate']").Select(m => m.GetAttribute("content")!).Order());
        Assert.Equal(fr.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Meta(fr, "og:url"));
        Assert.Equal(fr.QuerySelector("article h1")!.TextContent, Meta(fr, "og:title"));
        var image = Meta(fr, "og:image");
        Assert.StartsWith(Base, image);
        Assert.True(_site.Exists(image));
        // The 1200×630 card, as declared.
        using (var card = NetVips.Image.NewFromFile(_site.FileFor(image)!))
            Assert.Equal((1200, 630), (card.Width, card.Height));
        Assert.Equal(("1200", "630", "image/jpeg"), (Meta(fr, "og:image:width"), Meta(fr, "og:image:height"), Meta(fr, "og:image:type")));
        Assert.Equal(image, Meta(fr, "twitter:image"));
        Assert.Equal("max-image-preview:large", fr.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", Meta(fr, "twitter:card"));
        Assert.Equal(fr.QuerySelector("article time")!.GetAttribute("datetime"), Meta(fr, "article:published_time"));
        Assert.Equal(fr.QuerySelector(".story-category a")!.TextContent, Meta(fr, "article:section"));
        Assert.Equal(fr.QuerySelectorAll(".story-tags a").Select(a => a.TextContent),
            fr.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));

        var zh = _site.Html(_site.FileFor($"{Base}zh/2026/10/terumbu-karang-raja-ampat/")!);
        Assert.Equal("zh_CN", Meta(zh, "og:locale"));
        Assert.Contains("fr_FR", zh.QuerySelectorAll("meta[property='og:locale:alternate']").Select(m => m.GetAttribute("content")));
        Assert.Equal("ar_AR", Meta(_site.Html(_site.FileFor($"{Base}ar/2026/10/terumbu-karang-raja-ampat/")!), "og:locale"));
    }

    [Fact]
    public void A_languages_og_locale_comes_from_facebooks_table_unless_site_yml_gives_one()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = "---\ntitle: A\ndate: 2026-11-01T10:00:00+07:00\n---\nA.\n",
            ["articles/a/pt.md"] = "---\ntitle: A\n---\nA.\n",
            ["articles/a/ar.md"] = "---\ntitle: A\n---\nA.\n",
            ["articles/a/zh.md"] = "---\ntitle: A\n---\nA.\n",
            ["articles/a/haw.md"] = "---\ntitle: A\n---\nA.\n",
        }, """
            title: T
            baseUrl: https://news.example.org/
            defaultLanguage: id
            languages:
              id: { name: Indonesia }
              pt: { name: Português, ogLocale: pt_PT }
              ar: { name: العربية, direction: rtl }
              zh: { name: 中文, hreflang: zh-Hant }
              haw: { name: ʻŌlelo Hawaiʻi }
            """);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        string? Locale(string language) => HtmlPages.Load(output, $"{language}/2026/11/a/index.html").QuerySelector("meta[property='og:locale']")?.GetAttribute("content");
        Assert.Equal("id_ID", Locale("id"));
        Assert.Equal("pt_PT", Locale("pt")); // site.yml's choice over the culture's pt_BR
        Assert.Equal("ar_AR", Locale("ar"));
        Assert.Equal("zh_HK", Locale("zh")); // zh-Hant: the territory its culture names
        Assert.Null(Locale("haw")); // no locale Facebook knows: none rather than one it refuses (haw_US)
        var alternates = HtmlPages.Load(output, "id/2026/11/a/index.html").QuerySelectorAll("meta[property='og:locale:alternate']").Select(m => m.GetAttribute("content"));
        Assert.Equal(["ar_AR", "pt_PT", "zh_HK"], alternates.Order());
    }
}

[Collection("news site")]
public sealed class JsonLdEscapingTests(NewsSiteFixture fixture)
{
    [Fact]
    public void A_title_with_script_end_and_comment_open_stays_inside_the_JSON_LD()
    {
        var file = fixture.Site.FileFor($"{NewsSiteFixture.Base}id/2026/12/tanya-jawab/")!;
        var raw = File.ReadAllText(file);
        var head = raw[..raw.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<!--", head);
        Assert.Equal(1, head.Split("</script>").Length - 1);

        var page = fixture.Site.Html(file);
        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        var ld = JsonDocument.Parse(script.TextContent).RootElement;
        Assert.Equal(NewsSiteFixture.HostileTitle, ld.GetProperty("headline").GetString());
        Assert.Equal(NewsSiteFixture.HostileTitle, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(NewsSiteFixture.HostileTitle, page.QuerySelector("article h1")!.TextContent);
    }
}
