using Microsoft.Playwright;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser.Support;

/// <summary>
/// The sample site built once, served from 127.0.0.1, and one headless Chromium for every browser test.
/// Pages open in fresh contexts (own viewport, colour scheme, JavaScript switch) through <see cref="OpenAsync"/>.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    private readonly SampleSiteFixture _site = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public StaticFileServer Server { get; private set; } = null!;

    public string Output => _site.Output;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("browser not started");

    public async Task InitializeAsync()
    {
        Server = new StaticFileServer(_site.Output);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserTools.Chromium,
            Args = BrowserTools.ChromiumArgs,
            Headless = true,
        });
    }

    public string PathOf(string kind, string lang) => SitePages.PathOf(Output, kind, lang);

    public IReadOnlyList<string> Stories(string lang) => SitePages.Stories(Output, lang);

    /// <summary>Opens a site path in a new browser context and waits until it has loaded.</summary>
    public async Task<PageProbe> OpenAsync(string sitePath, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1024, Height = 800 } });
        var probe = await PageProbe.AttachAsync(context, Server.Origin);
        var response = await probe.Page.GotoAsync(Server.Url(sitePath).ToString(), new() { WaitUntil = WaitUntilState.Load });
        probe.Status = response?.Status ?? 0;
        return probe;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        Server?.Dispose();
        _site.Dispose();
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>;

/// <summary>
/// A page plus what it did while loading: console errors, script errors, failed requests, and every request
/// that tried to leave the local server (each is aborted, so a test never reaches the internet).
/// </summary>
public sealed class PageProbe : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PageProbe(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }
    public int Status { get; set; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> ForeignRequests { get; } = [];
    public List<string> FailedRequests { get; } = [];
    public List<string> Fonts { get; } = [];

    public static async Task<PageProbe> AttachAsync(IBrowserContext context, Uri origin)
    {
        var page = await context.NewPageAsync();
        var probe = new PageProbe(context, page);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Scheme == origin.Scheme && url.Authority == origin.Authority))
            {
                await route.ContinueAsync();
                return;
            }
            lock (probe.ForeignRequests) probe.ForeignRequests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (probe.ConsoleErrors) probe.ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (probe.ConsoleErrors) probe.ConsoleErrors.Add("page error: " + error); };
        page.RequestFailed += (_, request) => { lock (probe.FailedRequests) probe.FailedRequests.Add($"{request.Url} {request.Failure}"); };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (probe.FailedRequests) probe.FailedRequests.Add($"{response.Url} HTTP {response.Status}");
        };
        page.Request += (_, request) =>
        {
            if (request.ResourceType == "font") lock (probe.Fonts) probe.Fonts.Add(request.Url);
        };
        return probe;
    }

    public Task<T> EvalAsync<T>(string script, object? arg = null) => Page.EvaluateAsync<T>(script, arg);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
