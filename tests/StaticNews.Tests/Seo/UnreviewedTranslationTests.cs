using System.Xml.Linq;
using StaticNews.Check;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Seo;

/// <summary>
/// translation: { indexUnreviewed: false } keeps machine translations nobody reviewed out of search engines (noindex,
/// no sitemap entry, no hreflang pointing at them) while readers still reach them; by default everything is indexed.
/// </summary>
public sealed class UnreviewedTranslationTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private const string Base = "https://news.example.org";

    private string Build(string extraSiteYml)
    {
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string>
        {
            ["articles/kopi/id.md"] = Articles.Original("Kopi Gayo", "2026-11-27T09:00:00+07:00"),
            ["articles/kopi/en.md"] = Articles.Md("title: Gayo coffee\ntranslation: machine\nengine: deepl"),
            ["articles/kopi/fr.md"] = Articles.Md("title: Café gayo\ntranslation: machine\nengine: deepl\nreviewed: true"),
            ["articles/kopi/ar.md"] = Articles.Md("title: قهوة\ntranslation: human"),
        }, """
            title: Test News
            baseUrl: https://news.example.org/
            defaultLanguage: id
            languages:
              id: { name: Bahasa Indonesia }
              en: { name: English }
              fr: { name: Français }
              ar: { name: العربية, direction: rtl }
            notice: { credit: "Made by the desk." }

            """ + extraSiteYml);
        var output = _temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return output;
    }

    private static string Page(string language) => $"{language}/2026/11/kopi/index.html";

    private static IEnumerable<string> Locs(string output, string sitemap) =>
        XDocument.Load(Path.Combine(output, sitemap)).Descendants(Sm + "loc").Select(l => l.Value);

    /// <summary>Every URL a language's sitemaps list (its listings' file and its story files).</summary>
    private static IEnumerable<string> LanguageLocs(string output, string language) =>
        Directory.EnumerateFiles(output, $"sitemap-{language}-stories-*.xml").Append(Path.Combine(output, $"sitemap-{language}.xml"))
            .SelectMany(f => Locs(output, Path.GetFileName(f)));

    [Fact]
    public void Unreviewed_machine_translations_get_noindex_and_leave_sitemaps_and_hreflang_sets_when_the_site_asks()
    {
        var output = Build("translation: { indexUnreviewed: false }\n");

        Assert.Equal("noindex", HtmlPages.Load(output, Page("en")).QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        foreach (var indexed in new[] { "id", "fr", "ar" })
        {
            var page = HtmlPages.Load(output, Page(indexed));
            Assert.Null(page.QuerySelector("meta[name=robots]"));
            var hreflangs = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
            Assert.Equal(["id", "fr", "ar", "x-default"], hreflangs);
            // Readers still find the English version in the language switcher.
            Assert.Contains(page.QuerySelectorAll(".language-switcher a"), a => a.GetAttribute("hreflang") == "en");
        }
        Assert.DoesNotContain($"{Base}/en/2026/11/kopi/", LanguageLocs(output, "en"));
        Assert.Contains($"{Base}/fr/2026/11/kopi/", LanguageLocs(output, "fr"));
        var idEntry = XDocument.Load(Path.Combine(output, "sitemap-id-stories-1.xml")).Descendants(Sm + "url").Single(u => u.Element(Sm + "loc")!.Value == $"{Base}/id/2026/11/kopi/");
        Assert.Equal(["id", "fr", "ar", "x-default"], idEntry.Elements(Xhtml + "link").Select(l => l.Attribute("hreflang")!.Value));
        Assert.DoesNotContain($"{Base}/en/2026/11/kopi/", Locs(output, "news-sitemap.xml"));
        Assert.Contains($"{Base}/fr/2026/11/kopi/", Locs(output, "news-sitemap.xml"));
    }

    [Fact]
    public void By_default_every_version_is_indexed_and_the_notice_names_the_engine_after_the_sites_credit()
    {
        var output = Build("");

        Assert.Null(HtmlPages.Load(output, Page("en")).QuerySelector("meta[name=robots]"));
        Assert.Contains($"{Base}/en/2026/11/kopi/", LanguageLocs(output, "en"));
        Assert.Contains($"{Base}/en/2026/11/kopi/", Locs(output, "news-sitemap.xml"));
        var credit = HtmlPages.Load(output, Page("en")).QuerySelector(".translation-notice .notice-credit")!;
        Assert.Equal("Made by the desk. Translated by DeepL.", credit.TextContent);
        Assert.Equal("Made by the desk. Traduit par DeepL.", HtmlPages.Load(output, Page("fr")).QuerySelector(".notice-credit")!.TextContent);
        // The feed entry carries the same notice.
        Assert.Contains("Translated by DeepL.", File.ReadAllText(Path.Combine(output, "en", "atom.xml")));
    }

    [Fact]
    public void In_Japanese_the_engine_follows_the_credit_without_a_space_after_the_full_stop()
    {
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string>
        {
            ["articles/kopi/id.md"] = Articles.Original("Kopi Gayo"),
            ["articles/kopi/ja.md"] = Articles.Md("title: ガヨ・コーヒー\ntranslation: machine\nengine: openai/qwen2.5-7b"),
        }, """
            title: Test News
            baseUrl: https://news.example.org/
            defaultLanguage: id
            languages: { id: { name: Bahasa Indonesia }, ja: { name: 日本語 } }
            notice: { credit: { ja: 自動翻訳です。 } }
            """);
        var output = _temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal("自動翻訳です。この翻訳は qwen2.5-7b によるものです。",
            HtmlPages.Load(output, "ja/2026/11/kopi/index.html").QuerySelector(".notice-credit")!.TextContent);
    }

    [Fact]
    public async Task Check_names_a_translation_made_from_another_text_of_the_original_as_stale()
    {
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string>
        {
            ["articles/kopi/id.md"] = Articles.Original("Kopi Gayo"),
            ["articles/kopi/en.md"] = Articles.Md("title: Gayo coffee\ntranslation: machine\nsource_hash: 0123456789abcdef0123456789abcdef"),
        });
        var report = await SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = "unused" }, SiteBuild.SampleClock);
        Assert.Contains(report.Diagnostics, d => d.File == "articles/kopi/en.md"
            && d.Message == "stale translation: the original (id.md) has changed since this translation was made from it (its source_hash)");

        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Articles.Md("title: Gayo coffee\nsource_hash: NOT-HEX"));
        var bad = await SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = "unused" }, SiteBuild.SampleClock);
        Assert.Contains(bad.Diagnostics, d => d.Severity == Severity.Error && d.Line == 3 && d.Message.Contains("source_hash 'NOT-HEX'"));
    }
}
