using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>Every page type in every language, opened on a 320 px phone screen: it loads cleanly, stays local, fits, and needs no script.</summary>
[Collection("browser")]
public sealed class PageLoadTests(BrowserSite site)
{
    public static TheoryData<string, string> Pages => SitePages.All();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_loads_without_errors_or_requests_to_other_hosts(string kind, string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf(kind, lang), new() { ViewportSize = new() { Width = 320, Height = 640 } });

        Assert.Equal(200, probe.Status);
        Assert.Empty(probe.ConsoleErrors);
        Assert.Empty(probe.ForeignRequests);
        Assert.Empty(probe.FailedRequests);
        // System fonts only: the theme downloads no web font.
        Assert.Empty(probe.Fonts);
        // The stylesheet applied (not a raw, unstyled document).
        Assert.Equal("block", await probe.EvalAsync<string>("getComputedStyle(document.querySelector('main')).display"));
        Assert.True(await probe.EvalAsync<int>("document.styleSheets.length") >= 1);

        // Responsive from 320 px: nothing forces a sideways scroll.
        var (scroll, client) = await Overflow(probe);
        Assert.True(scroll <= client, $"page is {scroll} px wide in a {client} px viewport");

        // <html lang dir> of the page's language, in effect (the chooser and root 404 belong to no language).
        var config = SitePages.Languages.FirstOrDefault(l => l.Code == lang);
        if (config is not null)
        {
            Assert.Equal(config.Hreflang, await probe.EvalAsync<string>("document.documentElement.lang"));
            Assert.Equal(config.Dir, await probe.EvalAsync<string>("getComputedStyle(document.body).direction"));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_works_without_javascript(string kind, string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf(kind, lang), new() { JavaScriptEnabled = false });

        // Nothing on the page needs a script: the only <script> elements allowed are data (JSON-LD).
        var scripts = await probe.Page.Locator("script").EvaluateAllAsync<string[]>("els => els.map(e => e.type || 'text/javascript')");
        Assert.All(scripts, type => Assert.Equal("application/ld+json", type));
        Assert.True(await probe.Page.Locator("main h1").IsVisibleAsync());
        Assert.Empty(probe.ConsoleErrors);
    }

    internal static async Task<(int Scroll, int Client)> Overflow(PageProbe probe)
    {
        var sizes = await probe.EvalAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (sizes[0], sizes[1]);
    }
}
