using Microsoft.Playwright;
using StaticNews.Tests.Browser.Support;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser;

/// <summary>
/// A site with <c>search: true</c>, indexed by the Pagefind that tests/browser's npm packages hold, searched in the
/// machine's Chromium from each language's search page, under the policy _headers gives that page (network blocked).
/// </summary>
public sealed class SearchSiteFixture : IDisposable
{
    private readonly TempDir _temp = new();

    /// <summary>The Pagefind tests/browser/package-lock.json pins (its extended build, which segments CJK text).</summary>
    public static string PagefindFolder => Path.Combine(BrowserTools.NodeModules, "@pagefind", "linux-x64", "bin");

    public const string SiteYml = """
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        search: true
        languages:
          id: { name: Bahasa Indonesia }
          fr: { name: Français }
          ja: { name: 日本語 }
          zh: { name: 中文, hreflang: zh-Hans }
          ar: { name: العربية, direction: rtl }
        """;

    public static IReadOnlyDictionary<string, string> Stories => new Dictionary<string, string>
    {
        ["articles/lebah/id.md"] = """
            ---
            title: Peternak lebah di atap gedung kota
            date: 2026-11-02T10:00:00+07:00
            author: Sari Dewi
            category: kota
            tags: [Lebah, Jakarta]
            ---
            Sekelompok warga memelihara lebah madu di atap gedung perkantoran di Jakarta.
            """,
        ["articles/lebah/fr.md"] = """
            ---
            title: Des apicultrices sur les toits de la ville
            translation: human
            ---
            Sur les toits de Jakarta, des habitantes élèvent des abeilles ; la première récolte de miel a rempli trente bocaux.
            """,
        ["articles/lebah/ja.md"] = """
            ---
            title: 都心のビル屋上で養蜂が始まった
            translation: human
            ---
            ジャカルタのオフィスビルの屋上で住民たちが養蜂を始め、最初の採蜜で三十瓶の蜂蜜がとれた。
            """,
        ["articles/lebah/zh.md"] = """
            ---
            title: 城市楼顶上的养蜂人
            translation: human
            ---
            雅加达居民在办公楼楼顶养蜂，第一次采蜜就装满了三十个玻璃瓶。
            """,
        ["articles/lebah/ar.md"] = """
            ---
            title: مربيات النحل على أسطح المدينة
            translation: human
            ---
            على أسطح مباني جاكرتا تربي نساء من الحي النحل، وملأ أول قطاف للعسل ثلاثين برطمانًا.
            """,
        ["articles/kopi/id.md"] = """
            ---
            title: Kedai kopi baru di gang sempit
            date: 2026-11-03T10:00:00+07:00
            category: kota
            ---
            Sebuah kedai kopi dibuka di gang sempit dekat pasar.
            """,
        ["articles/kopi/zh.md"] = """
            ---
            title: 小巷里的新咖啡馆
            translation: human
            ---
            市场附近的小巷里开了一家咖啡馆，老板自己烘焙咖啡豆。
            """,
    };

    public SearchSiteFixture()
    {
        var input = SiteBuild.WriteSite(_temp, Stories, SiteYml);
        Output = _temp.Combine("output");
        Report = SiteBuild.Run(input, Output, configure: o => o with { EnvironmentVariable = WithPagefindOnPath });
    }

    /// <summary>The environment with tests/browser's Pagefind as the only program on PATH.</summary>
    public static string? WithPagefindOnPath(string name) => name == "PATH" ? PagefindFolder : Environment.GetEnvironmentVariable(name);

    public string Output { get; }
    public BuildReport Report { get; }

    public void Dispose() => _temp.Dispose();
}

[Collection("browser")]
public sealed class SearchTests(BrowserSite browser, SearchSiteFixture site) : IClassFixture<SearchSiteFixture>
{
    /// <summary>The search page of <paramref name="lang"/> searched for <paramref name="query"/> (as the header's field sends it), once Pagefind has answered.</summary>
    private async Task<PageProbe> SearchAsync(StaticFileServer server, string lang, string query, BrowserNewContextOptions? options = null)
    {
        var context = await browser.Browser.NewContextAsync(options);
        await context.AddInitScriptAsync(
            "window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.effectiveDirective + ' ' + e.blockedURI));");
        var probe = await PageProbe.AttachAsync(context, server.Origin);
        await probe.Page.GotoAsync(server.Url($"/{lang}/search/?q={Uri.EscapeDataString(query)}").ToString(), new() { WaitUntil = WaitUntilState.Load });
        // Pagefind's UI writes its count line ("1 result for ...", or none) once the search is done, then loads each
        // result (a placeholder until then). Polled from outside the page: waiting for a function would evaluate a
        // string in it, which its policy forbids.
        const string Done = """
            (() => { const m = document.querySelector('.pagefind-ui__message');
                     return !!m && m.textContent.trim() !== '' && !m.textContent.includes('…') && !document.querySelector('.pagefind-ui__loading'); })()
            """;
        for (var tries = 0; !await probe.EvalAsync<bool>(Done); tries++)
        {
            if (tries >= 300)
                Assert.Fail("Pagefind never finished searching: " + string.Join("\n", [.. probe.ConsoleErrors, .. probe.FailedRequests,
                    .. await probe.EvalAsync<string[]>("window.violations"), await probe.Page.InnerTextAsync("main")]));
            await Task.Delay(100);
        }
        return probe;
    }

    private static Task<string[]> ResultLinks(PageProbe probe) =>
        probe.EvalAsync<string[]>("[...document.querySelectorAll('.pagefind-ui__result-link')].map(a => new URL(a.href).pathname)");

    private void AssertBuilt() => Assert.True(site.Report.Success && site.Report.Errors == 0, string.Join("\n", site.Report.Diagnostics));

    [Fact]
    public async Task A_French_word_finds_the_French_story_in_the_French_index_only()
    {
        AssertBuilt();
        using var server = new StaticFileServer(site.Output);
        await using (var french = await SearchAsync(server, "fr", "apicultrices"))
            Assert.Equal(["/fr/2026/11/lebah/"], await ResultLinks(french));
        // The same word from the Indonesian page: the Indonesian index has no French words.
        await using var indonesian = await SearchAsync(server, "id", "apicultrices");
        Assert.Empty(await ResultLinks(indonesian));
        Assert.Contains("Tidak ada hasil", await indonesian.Page.InnerTextAsync(".pagefind-ui__message"));
    }

    [Theory]
    [InlineData("ja", "養蜂", "/ja/2026/11/lebah/")]
    [InlineData("ja", "蜂蜜", "/ja/2026/11/lebah/")]
    [InlineData("zh", "咖啡馆", "/zh/2026/11/kopi/")]
    [InlineData("zh", "养蜂", "/zh/2026/11/lebah/")]
    public async Task A_word_inside_unspaced_Chinese_or_Japanese_text_finds_its_story(string lang, string word, string story)
    {
        AssertBuilt();
        using var server = new StaticFileServer(site.Output);
        await using var probe = await SearchAsync(server, lang, word);
        Assert.Equal([story], await ResultLinks(probe));
    }

    [Fact]
    public async Task An_Arabic_search_shows_its_results_right_to_left_and_the_pages_are_screenshotted()
    {
        AssertBuilt();
        using var server = new StaticFileServer(site.Output);
        var phone = new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } };
        await using (var arabic = await SearchAsync(server, "ar", "النحل", phone))
        {
            Assert.Equal(["/ar/2026/11/lebah/"], await ResultLinks(arabic));
            Assert.Equal("rtl", await arabic.EvalAsync<string>("getComputedStyle(document.querySelector('.pagefind-ui__result')).direction"));
            // The title starts at the right edge: its right side is further right than its left side is left of the container's.
            Assert.True(await arabic.EvalAsync<bool>("""
                (() => { const r = document.querySelector('.pagefind-ui__result-title').getBoundingClientRect();
                         const c = document.querySelector('.pagefind-ui__results').getBoundingClientRect();
                         return c.right - r.right < r.left - c.left; })()
                """), "the Arabic result's title is not set from the right");
            Assert.Contains("نتيجة واحدة", await arabic.Page.InnerTextAsync(".pagefind-ui__message"));
            await Screenshot(arabic, "search-ar.png");
        }
        await using var japanese = await SearchAsync(server, "ja", "養蜂", phone);
        Assert.Equal(["/ja/2026/11/lebah/"], await ResultLinks(japanese));
        await Screenshot(japanese, "search-ja.png");
    }

    private static async Task Screenshot(PageProbe probe, string name)
    {
        var file = Path.Combine(BrowserTools.ArtifactsFolder("screenshots"), name);
        await probe.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 0);
    }

    [Fact]
    public async Task The_search_page_runs_under_its_policy_with_no_violation_and_only_it_may_compile_WebAssembly()
    {
        AssertBuilt();
        using var server = new StaticFileServer(site.Output);
        await using var probe = await SearchAsync(server, "fr", "abeilles");
        Assert.Equal(["/fr/2026/11/lebah/"], await ResultLinks(probe));
        Assert.Empty(await probe.EvalAsync<string[]>("window.violations"));
        Assert.Empty(probe.ConsoleErrors);
        Assert.Empty(probe.ForeignRequests);

        var rules = HeaderRule.Parse(File.ReadAllText(Path.Combine(site.Output, "_headers")));
        // The search page, and Pagefind's worker (under the policy of its own script), may compile WebAssembly; no other page.
        foreach (var search in (string[])["/fr/search/", "/ar/search/", "/pagefind/pagefind-worker.js"])
            Assert.Contains("'wasm-unsafe-eval'", HeaderRule.ValueFor(rules, search, "Content-Security-Policy"));
        foreach (var other in (string[])["/", "/index.html", "/fr/", "/fr/index.html", "/fr/2026/11/lebah/", "/fr/feeds/", "/fr/404.html", "/assets/site.css"])
            Assert.DoesNotContain("wasm", HeaderRule.ValueFor(rules, other, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Without_JavaScript_the_search_page_explains_itself_and_keeps_a_form()
    {
        AssertBuilt();
        using var server = new StaticFileServer(site.Output);
        var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        await using var probe = await PageProbe.AttachAsync(context, server.Origin);
        await probe.Page.GotoAsync(server.Url("/fr/search/").ToString());
        Assert.Contains("JavaScript", await probe.Page.InnerTextAsync("main"));
        Assert.True(await probe.Page.IsVisibleAsync("form#search-form input[name=q]"));
        // The header's search field on every other page sends its query to the search page.
        await probe.Page.GotoAsync(server.Url("/fr/2026/11/lebah/").ToString());
        Assert.Equal("/fr/search/", await probe.Page.GetAttributeAsync("header form[role=search]", "action"));
    }
}

/// <summary>The index is made again only when a page it covers changed; it is published and removed with the site like any file.</summary>
public sealed class SearchIndexUpdateTests
{
    private static (BuildReport Report, string? Search) Build(string input, string output)
    {
        string? search = null;
        var report = SiteBuilder.BuildAsync(new Engine.BuildOptions
        {
            InputDirectory = input, OutputDirectory = output, EnvironmentVariable = SearchSiteFixture.WithPagefindOnPath,
        }, SiteBuild.SampleClock, (pipeline, _) => { if (pipeline.Name == "Search") search = pipeline.Summary; }).GetAwaiter().GetResult();
        Assert.True(report.Success && report.Errors == 0, string.Join("\n", report.Diagnostics));
        return (report, search);
    }

    [Fact]
    public void The_index_is_made_again_only_when_a_story_page_changed()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, SearchSiteFixture.Stories, SearchSiteFixture.SiteYml);
        var output = temp.Combine("output");
        var entry = Path.Combine(output, "pagefind", "pagefind-entry.json");

        Assert.StartsWith("7 pages indexed", Build(input, output).Search);
        var first = File.ReadAllText(entry);

        // A file no story page shows: the index is kept as published, Pagefind is not run.
        File.WriteAllText(Path.Combine(input, "static.txt"), "");
        Directory.CreateDirectory(Path.Combine(input, "static"));
        File.WriteAllText(Path.Combine(input, "static", "robots-extra.txt"), "hello");
        Assert.StartsWith("index of 7 pages kept", Build(input, output).Search);
        Assert.Equal(first, File.ReadAllText(entry));

        // A story's text changed: made again, and the new word is in it.
        File.AppendAllText(Path.Combine(input, "articles", "kopi", "zh.md"), "\n咖啡豆来自亚齐。\n");
        Assert.StartsWith("7 pages indexed", Build(input, output).Search);
        Assert.True(File.Exists(entry));

        // Search turned off: the index StaticNews published is removed with the search pages.
        File.WriteAllText(Path.Combine(input, "site.yml"), SearchSiteFixture.SiteYml.Replace("search: true\n", ""));
        var (report, _) = Build(input, output);
        Assert.False(Directory.Exists(Path.Combine(output, "pagefind")));
        Assert.False(Directory.Exists(Path.Combine(output, "fr", "search")));
    }
}
