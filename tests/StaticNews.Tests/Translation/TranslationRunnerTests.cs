using StaticNews.Engine;
using StaticNews.Stories;
using StaticNews.Tests.Support;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>A translation run over several versions: glossaries enforced and checked, a used-up quota stops the provider.</summary>
public sealed class TranslationRunnerTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string SiteYml = """
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          fr: { name: Français }
        """;

    private async Task<(SiteStories Site, string Input)> Site(int stories, string glossary = "")
    {
        var files = Enumerable.Range(1, stories).ToDictionary(i => $"articles/berita-{i}/id.md",
            i => Articles.Md($"title: Berita {i}\ndate: 2026-10-{i:00}T09:00:00+07:00", $"Kopi Gayo dikirim ke Korea Utara, kata koperasi {i}."));
        if (glossary.Length > 0) files["glossary.yml"] = glossary;
        var input = SiteBuild.WriteSite(_temp, files, SiteYml);
        return (await SiteBuild.ReadStories(input), input);
    }

    private static Glossary LoadGlossary(string input, SiteStories site)
    {
        var diagnostics = new DiagnosticBag();
        var glossary = Glossary.Load(input, site.Site, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        return glossary;
    }

    [Fact]
    public async Task A_term_the_providers_glossary_missed_is_asked_again_as_a_placeholder_and_comes_back_right()
    {
        var (site, input) = await Site(1, "keep: [Gayo]\nterms:\n  Korea Utara: { fr: Corée du Nord }\n");
        using var api = new FakeTranslationApi("deepl") { IgnoreGlossary = true };
        var plan = TranslationPlan.For(site, provider: "deepl");
        var runner = new TranslationRunner(site.Site, input, LoadGlossary(input, site), SiteBuild.SampleClock);

        var result = Assert.Single(await runner.RunAsync(plan.Jobs, new Dictionary<string, TranslationProvider> { ["deepl"] = api.Create() }, null, default));

        Assert.True(result.Written, result.Problem);
        var text = File.ReadAllText(Path.Combine(input, "articles/berita-1/fr.md"));
        Assert.Contains("KOPI Gayo DIKIRIM KE Corée du Nord, KATA KOPERASI 1.", text);
        var translations = api.TranslateRequests.Where(r => r.Path == "/v2/translate").ToList();
        Assert.Equal(2, translations.Count);
        Assert.Equal("glossary-1", translations[0].Json.GetProperty("glossary_id").GetString());
        Assert.Contains(translations[1].Json.GetProperty("text").EnumerateArray(), t => t.GetString()!.Contains("<span translate=\"no\" class=\"notranslate\" id=\"sn2\">Korea Utara</span>"));
        Assert.Contains(api.Requests, r => r.Method == "DELETE"); // the run's glossary is removed at its end
    }

    [Fact]
    public async Task Without_a_glossary_feature_terms_go_as_placeholders_and_are_put_back()
    {
        var (site, input) = await Site(1, "keep: [Gayo]\nterms:\n  Korea Utara: { fr: Corée du Nord }\n");
        using var api = new FakeTranslationApi("google");
        var runner = new TranslationRunner(site.Site, input, LoadGlossary(input, site), SiteBuild.SampleClock);
        var result = Assert.Single(await runner.RunAsync(TranslationPlan.For(site, provider: "google").Jobs,
            new Dictionary<string, TranslationProvider> { ["google"] = api.Create() }, null, default));

        Assert.True(result.Written, result.Problem);
        Assert.Contains("KOPI Gayo DIKIRIM KE Corée du Nord, KATA KOPERASI 1.", File.ReadAllText(Path.Combine(input, "articles/berita-1/fr.md")));
        Assert.Single(api.TranslateRequests);
    }

    [Fact]
    public async Task A_used_up_quota_stops_the_provider_and_the_versions_not_asked_say_why()
    {
        var (site, input) = await Site(3);
        using var api = new FakeTranslationApi("deepl").Then([.. Enumerable.Repeat(Reply.Json("""{"message":"Quota Exceeded"}""", 456), 5)]);
        var runner = new TranslationRunner(site.Site, input, Glossary.Empty, SiteBuild.SampleClock);

        var results = await runner.RunAsync(TranslationPlan.For(site, provider: "deepl").Jobs,
            new Dictionary<string, TranslationProvider> { ["deepl"] = api.Create(inFlight: 1) }, null, default);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.False(r.Written));
        Assert.Single(api.TranslateRequests);
        Assert.Equal(2, results.Count(r => r.Problem!.StartsWith("not asked: DeepL's quota is used up (HTTP 456)", StringComparison.Ordinal)));
        Assert.Empty(Directory.EnumerateFiles(input, "fr.md", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_that_changed_while_it_was_being_translated_is_left_as_the_editor_made_it()
    {
        var (site, input) = await Site(1);
        var path = Path.Combine(input, "articles/berita-1/fr.md");
        using var api = new FakeTranslationApi("libretranslate", requireKey: false);
        // The editor saves a translation of their own while the request is in flight.
        api.Mangle = html => { File.WriteAllText(path, Articles.Md("title: Par un humain\ntranslation: human")); return html; };
        var runner = new TranslationRunner(site.Site, input, Glossary.Empty, SiteBuild.SampleClock);

        var result = Assert.Single(await runner.RunAsync(TranslationPlan.For(site, provider: "libretranslate").Jobs,
            new Dictionary<string, TranslationProvider> { ["libretranslate"] = api.Create(key: null) }, null, default));

        Assert.False(result.Written);
        Assert.Contains("changed while it was being translated", result.Problem);
        Assert.Contains("Par un humain", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*", SearchOption.AllDirectories), f => f.EndsWith("fr.md"));
        Assert.Equal(2, Directory.EnumerateFiles(Path.GetDirectoryName(path)!).Count()); // id.md and fr.md, no temporary file
    }
}
