using System.Net;
using StaticNews.Engine;
using StaticNews.Publish;

namespace StaticNews.Serve;

/// <summary>
/// `staticnews serve` as a whole: build, serve the output, and on every change in the input or the
/// theme rebuild (incrementally, through the build cache) and reload open pages. Builds run one at a
/// time; changes made during a build trigger one more. A failed build publishes nothing, so the last
/// good site stays served, with the errors shown over it and in the console. Once the folders cannot be watched (see
/// <see cref="SiteWatcher"/>), the input is polled instead: a build runs every few seconds, and one that finds nothing
/// new (the output as it was, the same warnings or errors) says nothing and reloads nothing.
/// </summary>
public sealed class LivePreview : IAsyncDisposable
{
    /// <summary>The least time between two polls of the input.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    // A poll is a build's up-to-date check, which lists every input file: in a large archive, seconds. The next poll
    // waits five times as long as the last build took, so polling takes at most a sixth of a core.
    private const int PollSpacing = 5;

    private readonly BuildOptions _options;
    private readonly BuildClock? _clock;
    private readonly Action<BuildReport> _report;
    private readonly SemaphoreSlim _building = new(1, 1);
    private int _pending;
    private SiteWatcher? _watcher;
    private volatile Timer? _poll;
    // Why the input is polled, said with the next build's report.
    private string? _notice;
    private BuildReport? _last;

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
        // Watching before the first build lists the input: a rebuild lists again only the story folders seen changing
        // since, which is only right if every change since was seen.
        var changes = new InputChanges(options.InputDirectory);
        var preview = new LivePreview(options with { InputChanges = changes, HeldArticles = new(), HeldStories = new(),
            SiteReadAhead = RecordedSite.ReadAhead(), UrlsReadAhead = Redirects.PublishedUrls.ReadAhead() }, clock, server, report);
        var themeFolders = new[] { options.ThemeDirectory, Pages.Theme.DefaultDirectory }.OfType<string>();
        preview._watcher = new SiteWatcher([options.InputDirectory, .. themeFolders],
            [options.OutputDirectory, StateFolder.For(options.OutputDirectory).Path],
            () => _ = preview.OnChangedAsync(polled: false), preview.WatchingLost, changes);
        // Awaited whatever the watcher started meanwhile: the preview serves once a build has finished.
        await preview.BuildOneAtATimeAsync(polled: false);
        return preview;
    }

    /// <summary>Only for tests: the watcher, to tell it what the system would (see <see cref="SiteWatcher.Failed"/>).</summary>
    internal SiteWatcher? Watcher => _watcher;

    private void WatchingLost(string why)
    {
        Volatile.Write(ref _notice, $"the input folder can no longer be watched for changes ({why}): it is checked every few seconds instead" +
            (OperatingSystem.IsLinux() ? ". To watch a large archive, raise the limit of inotify watches: sudo sysctl fs.inotify.max_user_watches=524288" : ""));
        _poll = new Timer(_ => _ = OnChangedAsync(polled: true));
        // A change may have gone unseen: the first poll is now.
        _poll.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task OnChangedAsync(bool polled)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return; // a rebuild is already queued
        await BuildOneAtATimeAsync(polled);
    }

    private async Task BuildOneAtATimeAsync(bool polled)
    {
        await _building.WaitAsync();
        try
        {
            Interlocked.Exchange(ref _pending, 0);
            await BuildAsync(polled);
        }
        finally { _building.Release(); }
    }

    private async Task BuildAsync(bool polled)
    {
        BuildReport report;
        try { report = await SiteBuilder.BuildAsync(_options, _clock); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file caught mid-save, or the like: report it as a failed build; the next change retries.
            report = new BuildReport(false, [new Diagnostic(Severity.Error, e.Message)], 0, 0, 0, 0, TimeSpan.Zero);
        }
        // A poll that finds nothing new has nothing to show: the output as it was and what the last build said, again (a
        // story saved moments ago is read by a few polls, until its time can be trusted, each changing nothing).
        var nothingNew = polled && _last is { } last && report.Success == last.Success && !report.OutputChanged && report.Diagnostics.SequenceEqual(last.Diagnostics);
        _last = report;
        var notice = Interlocked.Exchange(ref _notice, null);
        if (notice is not null || !nothingNew)
        {
            if (notice is not null) report = report with { Diagnostics = [.. report.Diagnostics, new Diagnostic(Severity.Warning, notice)] };
            _report(report);
            Server.BuildFinished(report);
        }
        var wait = report.Elapsed * PollSpacing;
        _poll?.Change(wait > PollInterval ? wait : PollInterval, Timeout.InfiniteTimeSpan);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _building.WaitAsync();
        // Once no build runs (a build's end sets the next poll).
        if (_poll is { } poll) await poll.DisposeAsync();
        _options.HeldArticles?.Dispose();
        _options.SiteReadAhead?.Dispose();
        _options.UrlsReadAhead?.Dispose();
        await Server.DisposeAsync();
    }
}
