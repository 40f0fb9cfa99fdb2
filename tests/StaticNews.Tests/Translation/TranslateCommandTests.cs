using System.Text.Json;
using StaticNews.Cli;
using StaticNews.Engine;
using StaticNews.Stories;
using StaticNews.Tests.Support;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>
/// `staticnews translate` on a site, against a LibreTranslate-shaped server on 127.0.0.1: what is missing or made
/// from an older original is translated and written, what people made or checked is never touched, and the build
/// shows the result.
/// </summary>
public sealed class TranslateCommandTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly FakeTranslationApi _api = new("libretranslate", requireKey: false);

    public void Dispose()
    {
        _api.Dispose();
        _temp.Dispose();
    }

    private const string OriginalBody = """
        Koperasi petani di Aceh Tengah mengekspor 19 ton kopi. Ketua koperasi, Nurhayati Ibrahim, menyebut [kontrak tiga tahun](https://example.org/kontrak).

        Kode karung: `GAYO-2026-001`. <abbr title="Koperasi Kopi Lut Tawar">KKLT</abbr> mencatat setiap tahap.
        """;

    private string SiteYml => $"""
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: {"{"} name: Bahasa Indonesia {"}"}
          en: {"{"} name: English {"}"}
          fr: {"{"} name: Français {"}"}
          ar: {"{"} name: العربية, direction: rtl {"}"}
        translation:
          provider: libretranslate
          retries: 0
          libretranslate: {"{"} url: {_api.Url} {"}"}
        """;

    private string Site()
    {
        var files = new Dictionary<string, string>
        {
            ["articles/kopi/id.md"] = Articles.Md("title: Kopi Gayo ke Jepang\ndate: 2026-10-14T15:20:00+07:00\nupdated: 2026-10-20T09:00:00+07:00\nsummary: Koperasi mengekspor kopi.\ntags: [kopi]", OriginalBody),
            // A machine translation made from an older text, with a slug of its own: replaced, its slug kept.
            ["articles/kopi/fr.md"] = Articles.Md("title: Ancien titre\ntranslation: machine\nengine: libretranslate\nsource_hash: 00000000000000000000000000000000\nslug: kopi-gayo-au-japon", "Ancien texte."),
            // A human translation older than the original's update: stale, but never overwritten.
            ["articles/kopi/ar.md"] = Articles.Md("title: قهوة\ntranslation: human\nupdated: 2026-10-15T09:00:00+07:00", "نص بشري."),
            ["articles/batik/id.md"] = Articles.Md("title: Sekolah Batik\ndate: 2026-10-29T16:45:00+07:00", "Anak-anak belajar membatik."),
            // A reviewed machine translation of an older text: stale, never overwritten.
            ["articles/batik/en.md"] = Articles.Md("title: Batik school\ntranslation: machine\nreviewed: true\nsource_hash: 11111111111111111111111111111111", "Reviewed text."),
            ["articles/batik/fr.md"] = Articles.Md("title: École de batik\ntranslation: human", "Texte humain."),
            ["articles/batik/ar.md"] = Articles.Md("title: مدرسة الباتيك\ntranslation: machine\nengine: libretranslate", "نص."),
            ["glossary.yml"] = "keep: [Nurhayati Ibrahim, Aceh Tengah]\n",
        };
        return SiteBuild.WriteSite(_temp, files, SiteYml);
    }

    private static int Run(params string[] args) => Program.Main(args).GetAwaiter().GetResult();

    private static Dictionary<string, byte[]> Snapshot(string input) =>
        Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(input, f), File.ReadAllBytes);

    [Fact]
    public async Task A_dry_run_sends_nothing_and_writes_nothing()
    {
        var input = Site();
        var before = Snapshot(input);
        Assert.Equal(0, Run("translate", "--input", input, "--dry-run"));
        Assert.Empty(_api.Requests);
        Assert.Equal(before, Snapshot(input));
        Assert.Equal(before.Keys, Snapshot(input).Keys);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Missing_and_outdated_machine_versions_are_translated_human_and_reviewed_ones_are_not_touched()
    {
        var input = Site();
        var human = File.ReadAllBytes(Path.Combine(input, "articles/kopi/ar.md"));
        var reviewed = File.ReadAllBytes(Path.Combine(input, "articles/batik/en.md"));

        Assert.Equal(0, Run("translate", "--input", input));

        // Written: kopi/en (missing), kopi/fr (stale machine). Not touched: the human and the reviewed ones.
        Assert.Equal(human, File.ReadAllBytes(Path.Combine(input, "articles/kopi/ar.md")));
        Assert.Equal(reviewed, File.ReadAllBytes(Path.Combine(input, "articles/batik/en.md")));
        Assert.Empty(Directory.EnumerateFiles(input, "*.tmp", SearchOption.AllDirectories));
        var site = await SiteBuild.ReadStories(input);
        var kopi = site.Index.Stories.Single(s => s.Key == "kopi");
        var en = kopi.Version("en")!;
        var fr = kopi.Version("fr")!;
        foreach (var version in new[] { en, fr })
        {
            Assert.Equal(StaticNews.Configuration.TranslationKind.Machine, version.Kind);
            Assert.Equal("libretranslate", version.Article.Engine);
            Assert.Equal(kopi.Original.Article.TextHash, version.Article.SourceHash);
            Assert.NotNull(version.Article.Translated);
            Assert.False(version.IsStale);
            Assert.Equal("KOPI GAYO KE JEPANG", version.Title);
            Assert.Equal("KOPERASI MENGEKSPOR KOPI.", version.Summary);
        }
        Assert.Equal("kopi-gayo-au-japon", fr.Article.Slug);
        var body = File.ReadAllText(Path.Combine(input, "articles/kopi/en.md"));
        Assert.Contains("Nurhayati Ibrahim", body);
        Assert.Contains("Aceh Tengah", body);
        Assert.Contains("[KONTRAK TIGA TAHUN](https://example.org/kontrak)", body);
        Assert.Contains("`GAYO-2026-001`", body);
        Assert.Contains("<abbr title=\"Koperasi Kopi Lut Tawar\">KKLT</abbr>", body);
        Assert.DoesNotContain("Ancien", File.ReadAllText(Path.Combine(input, "articles/kopi/fr.md")));
        // Two versions, one request each (title, summary and paragraphs batched together).
        Assert.Equal(2, _api.TranslateRequests.Count);
        Assert.All(_api.TranslateRequests, r => Assert.Equal("id", r.Json.GetProperty("source").GetString()));

        // Nothing is left to do: a second run asks nothing.
        Assert.Equal(0, Run("translate", "--input", input));
        Assert.Equal(2, _api.TranslateRequests.Count);

        // The built pages carry the notice naming the engine, and hreflang links to the new version.
        var output = _temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var page = HtmlPages.Load(output, en.Url.TrimStart('/') + "index.html");
        var notice = page.QuerySelector(".translation-notice")!;
        Assert.Equal("Translated by LibreTranslate.", notice.QuerySelector(".notice-credit")!.TextContent);
        Assert.Null(notice.QuerySelector(".stale-notice"));
        Assert.Contains(page.QuerySelectorAll("link[rel=alternate][hreflang]"), l => l.GetAttribute("hreflang") == "fr");

        // The original's text changes: both machine versions are stale again, by their source hash.
        var original = Path.Combine(input, "articles/kopi/id.md");
        File.WriteAllText(original, File.ReadAllText(original).Replace("19 ton", "20 ton"));
        var changed = (await SiteBuild.ReadStories(input)).Index.Stories.Single(s => s.Key == "kopi");
        Assert.Equal(Staleness.TextChanged, changed.Version("en")!.Staleness);
        Assert.Equal(Staleness.TextChanged, changed.Version("fr")!.Staleness);
        // A change outside the translated text (a tag) does not make them stale.
        File.WriteAllText(original, File.ReadAllText(original).Replace("20 ton", "19 ton").Replace("tags: [kopi]", "tags: [kopi, ekspor]"));
        Assert.False((await SiteBuild.ReadStories(input)).Index.Stories.Single(s => s.Key == "kopi").Version("en")!.IsStale);
    }

    [Fact]
    public async Task A_version_the_provider_cannot_deliver_is_reported_and_left_as_it_was()
    {
        var input = Site();
        // The engine drops the inline code's placeholder: the answer is refused, nothing is written for that version.
        _api.Mangle = html => html.Contains("GAYO-2026-001") ? "KODE HILANG" : html;
        var before = Snapshot(input);

        Assert.Equal(1, Run("translate", "--input", input, "--story", "kopi", "--lang", "fr"));

        Assert.Equal(before, Snapshot(input));
        Assert.Equal(2, Run("translate", "--input", input, "--story", "nope"));
        Assert.Equal(2, Run("translate", "--input", input, "--lang", "id"));
        Assert.Equal(2, Run("translate", "--input", input, "--provider", "babelfish"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Status_reports_every_story_in_every_language_as_JSON()
    {
        var input = Site();
        var site = await SiteBuild.ReadStories(input);
        using var json = new MemoryStream();
        StatusCommand.WriteJson(json, site.Site, site.Site.Languages, TranslationStatus.Of(site.Index, site.Site));
        var root = JsonDocument.Parse(json.ToArray()).RootElement;

        Assert.Equal(["id", "en", "fr", "ar"], root.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var stories = root.GetProperty("stories").EnumerateArray().ToDictionary(s => s.GetProperty("story").GetString()!, s => s.GetProperty("versions"));
        string State(string story, string language) => stories[story].GetProperty(language).GetProperty("state").GetString()!;
        bool Stale(string story, string language) => stories[story].GetProperty(language).GetProperty("stale").GetBoolean();
        Assert.Equal(["original", "missing", "machine", "human"], new[] { "id", "en", "fr", "ar" }.Select(l => State("kopi", l)));
        Assert.Equal(["original", "reviewed", "human", "machine"], new[] { "id", "en", "fr", "ar" }.Select(l => State("batik", l)));
        Assert.True(Stale("kopi", "fr"));
        Assert.Equal("original-changed", stories["kopi"].GetProperty("fr").GetProperty("staleBecause").GetString());
        Assert.True(Stale("kopi", "ar"));
        Assert.Equal("original-updated", stories["kopi"].GetProperty("ar").GetProperty("staleBecause").GetString());
        Assert.True(Stale("batik", "en"));
        Assert.False(Stale("batik", "ar"));
        var totals = root.GetProperty("totals").GetProperty("en");
        Assert.Equal(1, totals.GetProperty("missing").GetInt32());
        Assert.Equal(1, totals.GetProperty("reviewed").GetInt32());
        Assert.Equal(1, totals.GetProperty("stale").GetInt32());
    }
}
