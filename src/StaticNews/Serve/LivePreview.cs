using System.Net;
using StaticNews.Engine;
using StaticNews.Publish;

namespace StaticNews.Serve;

/// <summary>
/// `staticnews serve` as a whole: build, serve the output, and on every change in the input or the
/// theme rebuild (incrementally, through the build cache) and reload open pages. Builds run one at a
/// time; changes made during a build trigger one more. A failed build publishes nothing, so the last
/// good site stays served, with the errors shown over it and in the console.
/// </summary>
public sealed class LivePreview : IAsyncDisposable
{
    private readonly BuildOptions _options;
    private readonly BuildClock? _clock;
    private readonly Action<BuildReport> _report;
    private readonly SemaphoreSlim _building = new(1, 1);
    private int _pending;
    private SiteWatcher? _watcher;

    private LivePreview(BuildOptions options, BuildClock? clock, PreviewServer server, Action<BuildReport> report)
    {
        _options = options;
        _clock = clock;
        Server = server;
        _report = report;
    }

    public PreviewServer Server { get; }

    /// <summary>Builds once, starts the server on <paramref name="host"/>:<paramref name="port"/> and starts watching.</summary>
    /// <param name="clock">Fixed for tests; by default every rebuild reads the clock (SOURCE_DATE_EPOCH fixes it).</param>
    public static async Task<LivePreview> StartAsync(BuildOptions options, IPAddress host, int port, Action<BuildReport> report, BuildClock? clock = null, CancellationToken cancel = default)
    {
        var server = await PreviewServer.StartAsync(options.OutputDirectory, host, port, cancel: cancel);
        var preview = new LivePreview(options, clock, server, report);
        await preview.BuildAsync();
        var themeFolders = new[] { options.ThemeDirectory, Pages.Theme.DefaultDirectory }.OfType<string>();
        preview._watcher = new SiteWatcher([options.InputDirectory, .. themeFolders],
            [options.OutputDirectory, StateFolder.For(options.OutputDirectory).Path],
            () => _ = preview.OnChangedAsync());
        return preview;
    }

    private async Task OnChangedAsync()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return; // a rebuild is already queued
        await _building.WaitAsync();
        try
        {
            Interlocked.Exchange(ref _pending, 0);
            await BuildAsync();
        }
        finally { _building.Release(); }
    }

    private async Task BuildAsync()
    {
        BuildReport report;
        try { report = await SiteBuilder.BuildAsync(_options, _clock); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file caught mid-save, or the like: report it as a failed build; the next change retries.
            report = new BuildReport(false, [new Diagnostic(Severity.Error, e.Message)], 0, 0, 0, 0, TimeSpan.Zero);
        }
        _report(report);
        Server.BuildFinished(report);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _building.WaitAsync();
        await Server.DisposeAsync();
    }
}
