using System.Text.Json;
using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>axe-core, injected into each page type in each language, finds no serious or critical violation.</summary>
[Collection("browser")]
public sealed class AccessibilityTests(BrowserSite site)
{
    public static TheoryData<string, string> Pages => SitePages.All();

    public static TheoryData<string> Languages => SitePages.LanguageCodes();

    /// <summary>
    /// axe is injected as a script element, which the site's Content-Security-Policy (sent by the test server) rightly
    /// blocks: these pages open with the policy bypassed; every other browser test keeps it.
    /// </summary>
    private static Microsoft.Playwright.BrowserNewContextOptions Options(Microsoft.Playwright.ColorScheme scheme = Microsoft.Playwright.ColorScheme.Light) =>
        new() { ViewportSize = new() { Width = 1024, Height = 800 }, ColorScheme = scheme, BypassCSP = true };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Axe_finds_no_serious_violation(string kind, string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf(kind, lang), Options());
        AssertNoSeriousViolation(await RunAxeAsync(probe));
    }

    /// <summary>Dark mode has its own colours: contrast is checked again with prefers-color-scheme: dark.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Axe_finds_no_serious_violation_in_dark_mode(string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", lang), Options(Microsoft.Playwright.ColorScheme.Dark));
        Assert.True(await probe.EvalAsync<bool>("matchMedia('(prefers-color-scheme: dark)').matches"));
        AssertNoSeriousViolation(await RunAxeAsync(probe));
    }

    internal static async Task<JsonElement> RunAxeAsync(PageProbe probe)
    {
        await probe.Page.AddScriptTagAsync(new() { Content = await File.ReadAllTextAsync(BrowserTools.AxeScript) });
        var result = await probe.EvalAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return { violations: r.violations, passes: r.passes.length }; }");
        return result;
    }

    private static void AssertNoSeriousViolation(JsonElement result)
    {
        var serious = result.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact")}: {v.GetProperty("id")} ({v.GetProperty("help")}) at " +
                string.Join(", ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("target").ToString())))
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
