using System.Text;
using StaticNews.Content;

namespace StaticNews.Feeds;

/// <summary>What one ping run did: per hub, the feeds announced and the failures; warnings about the state it read.</summary>
public sealed record PingReport(IReadOnlyList<string> Hubs, IReadOnlyList<string> Announced, IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Failures, IReadOnlyList<string> Warnings)
{
    public bool Success => Failures.Count == 0;
}

/// <summary>
/// Tells WebSub hubs which feeds changed (<c>hub.mode=publish</c>, <c>hub.url=&lt;feed&gt;</c>, one
/// request per feed and hub). A feed counts as changed when its bytes' hash in the last build's
/// manifest differs from the hash last announced. A feed is recorded as announced only once every
/// hub accepted it, so a hub that was down is asked again on the next run.
/// <para>
/// A run is bounded: a hub that did not answer (timed out, refused the connection) is not asked again in the same
/// run, the whole run stops asking after <paramref name="runLimit"/>, and at most <see cref="AnswerLimit"/> bytes of
/// a hub's answer are read.
/// </para>
/// </summary>
public sealed class WebSubPinger(HttpClient http, TimeSpan runLimit)
{
    /// <summary>How much of a hub's answer is read: enough for a reason, never a body a hub chose to make huge.</summary>
    public const int AnswerLimit = 4096;

    public async Task<PingReport> PingAsync(Publish.StateFolder state, CancellationToken cancel = default)
    {
        var warnings = new List<string>();
        var built = FeedManifest.Load(state, FeedManifest.BuildFile, out var builtProblem);
        if (built is null)
        {
            // The build asked for must not find its site up to date and stop before it records the feeds again.
            if (Directory.Exists(state.Path)) Engine.LastBuild.Forget(state);
            throw new FileNotFoundException(builtProblem is null
                ? "no feeds recorded: run `staticnews build` first"
                : $"{builtProblem}: run `staticnews build`, which records the feeds again", state.File(FeedManifest.BuildFile));
        }
        var pinged = FeedManifest.Load(state, FeedManifest.PingedFile, out var pingedProblem);
        if (pingedProblem is not null) warnings.Add($"{pingedProblem}: every feed is announced again and the record rewritten");
        var last = (pinged?.Feeds ?? []).ToDictionary(f => f.Url, f => f.Sha256, StringComparer.Ordinal);

        var changed = built.Feeds.Where(f => !last.TryGetValue(f.Url, out var hash) || hash != f.Sha256).ToList();
        var unchanged = built.Feeds.Except(changed).Select(f => f.Url).ToList();
        var announced = new List<string>();
        var failures = new List<string>();
        if (built.Hubs.Count == 0) return new PingReport([], [], unchanged, [], warnings);

        using var run = new CancellationTokenSource(runLimit);
        var silent = new Dictionary<string, int>(StringComparer.Ordinal); // hub → feeds not asked after it did not answer
        var unasked = 0;
        foreach (var feed in changed)
        {
            var accepted = true;
            foreach (var hub in built.Hubs)
            {
                if (silent.TryGetValue(hub, out var skipped)) { silent[hub] = skipped + 1; accepted = false; continue; }
                if (run.IsCancellationRequested) { unasked++; accepted = false; continue; }
                var (failure, answered) = await NotifyAsync(hub, feed.Url, run.Token, cancel);
                if (failure is null) continue;
                failures.Add($"{hub}: {feed.Url}: {failure}");
                if (!answered && !run.IsCancellationRequested) silent[hub] = 0;
                accepted = false;
            }
            if (!accepted) continue;
            announced.Add(feed.Url);
            last[feed.Url] = feed.Sha256;
        }
        foreach (var (hub, skipped) in silent.Where(s => s.Value > 0))
            failures.Add($"{hub}: {skipped} more notification(s) not sent in this run, since the hub did not answer; they are sent on the next run");
        if (unasked > 0)
            failures.Add($"{unasked} notification(s) not sent: the run took longer than {runLimit.TotalSeconds:0} s; they are sent on the next run");
        new FeedManifest(built.Hubs, last.Select(e => new PublishedFeed(e.Key, e.Value)).OrderBy(f => f.Url, StringComparer.Ordinal).ToList())
            .Save(state, FeedManifest.PingedFile);
        return new PingReport(built.Hubs, announced, unchanged, failures, warnings);
    }

    /// <summary>One publish notification: no failure when the hub accepted it (any 2xx), else why not, and whether the hub answered at all.</summary>
    private async Task<(string? Failure, bool Answered)> NotifyAsync(string hub, string feedUrl, CancellationToken run, CancellationToken cancel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run, cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, hub)
        {
            Content = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feedUrl)]),
        };
        try
        {
            // Headers only: the body is read by hand below, and only its start.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode) return (null, true);
            var reason = await ReadReasonAsync(response, linked.Token);
            return ($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(reason.Length > 0 ? ": " + reason : "")}", true);
        }
        catch (HttpRequestException e) { return (e.Message, false); }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return (run.IsCancellationRequested ? "not answered before the run's time limit" : "timed out", false);
        }
    }

    /// <summary>The first line of the answer's first <see cref="AnswerLimit"/> bytes, as an excerpt for a terminal.</summary>
    private static async Task<string> ReadReasonAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        var buffer = new byte[AnswerLimit];
        var length = 0;
        for (int read; length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancel)) > 0;) length += read;
        return TextTools.Excerpt(Encoding.UTF8.GetString(buffer, 0, length).Split('\n', 2)[0]);
    }
}
