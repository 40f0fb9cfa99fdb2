using Microsoft.Playwright;
using StaticNews.Tests.Browser.Support;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser;

/// <summary>
/// Embeds under the Content-Security-Policy the site is served with (its _headers, applied by the test server): an
/// iframe from a host site.yml's <c>embeds</c> lists gets past the policy, one from any other host never reaches the page.
/// </summary>
[Collection("browser")]
public sealed class EmbedPolicyTests(BrowserSite site)
{
    private const string Allowed = "https://www.youtube-nocookie.com/embed/k0pi-gay0";

    [Fact]
    public async Task An_iframe_from_an_embeds_host_raises_no_policy_violation_and_one_from_another_host_is_removed()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/video/id.md"] = $"""
                ---
                title: Video kopi
                date: 2026-11-02T10:00:00+07:00
                ---
                Tonton videonya.

                <iframe src="{Allowed}" title="Video" width="560" height="315"></iframe>

                <iframe src="https://player.example.net/v/1" title="Lain"></iframe>
                """,
        }, SiteBuild.MinimalSiteYml + "\nembeds: [www.youtube-nocookie.com]\n");
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));

        using var server = new StaticFileServer(output);
        var context = await site.Browser.NewContextAsync();
        await context.AddInitScriptAsync(
            "window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.effectiveDirective + ' ' + e.blockedURI));");
        // Every request off 127.0.0.1 is aborted: the network is blocked, the policy is not.
        await using var probe = await PageProbe.AttachAsync(context, server.Origin);
        var response = await probe.Page.GotoAsync(server.Url("/id/2026/11/video/").ToString(), new() { WaitUntil = WaitUntilState.Load });
        await probe.EvalAsync<object?>("new Promise(done => setTimeout(() => done(null), 0))"); // events queued during load are dispatched

        Assert.Empty(await probe.EvalAsync<string[]>("window.violations"));
        Assert.Contains("frame-src https://www.youtube-nocookie.com;", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.Equal([Allowed], await probe.EvalAsync<string[]>("[...document.querySelectorAll('iframe')].map(f => f.src)"));
        // The allowed frame was requested (and met the blocked network), so the policy let it through; the other never was.
        Assert.Contains(probe.ForeignRequests, r => r.StartsWith(Allowed, StringComparison.Ordinal));
        Assert.DoesNotContain(probe.ForeignRequests, r => r.Contains("player.example.net", StringComparison.Ordinal));
    }
}
