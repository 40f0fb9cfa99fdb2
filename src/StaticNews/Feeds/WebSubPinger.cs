namespace StaticNews.Feeds;

/// <summary>What one ping run did: per hub, the feeds announced and the failures.</summary>
public sealed record PingReport(IReadOnlyList<string> Hubs, IReadOnlyList<string> Announced, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Failures)
{
    public bool Success => Failures.Count == 0;
}

/// <summary>
/// Tells WebSub hubs which feeds changed (<c>hub.mode=publish</c>, <c>hub.url=&lt;feed&gt;</c>, one
/// request per feed and hub). A feed counts as changed when its bytes' hash in the last build's
/// manifest differs from the hash last announced. A feed is recorded as announced only once every
/// hub accepted it, so a hub that was down is asked again on the next run.
/// </summary>
public sealed class WebSubPinger(HttpClient http)
{
    public async Task<PingReport> PingAsync(Publish.StateFolder state, CancellationToken cancel = default)
    {
        var built = FeedManifest.Load(state, FeedManifest.BuildFile)
            ?? throw new FileNotFoundException("no feeds recorded: run `staticnews build` first", state.File(FeedManifest.BuildFile));
        var pinged = FeedManifest.Load(state, FeedManifest.PingedFile);
        var last = (pinged?.Feeds ?? []).ToDictionary(f => f.Url, f => f.Sha256, StringComparer.Ordinal);

        var changed = built.Feeds.Where(f => !last.TryGetValue(f.Url, out var hash) || hash != f.Sha256).ToList();
        var unchanged = built.Feeds.Except(changed).Select(f => f.Url).ToList();
        var announced = new List<string>();
        var failures = new List<string>();
        if (built.Hubs.Count == 0) return new PingReport([], [], unchanged, []);

        foreach (var feed in changed)
        {
            var accepted = true;
            foreach (var hub in built.Hubs)
            {
                var failure = await NotifyAsync(hub, feed.Url, cancel);
                if (failure is null) continue;
                failures.Add($"{hub}: {feed.Url}: {failure}");
                accepted = false;
            }
            if (!accepted) continue;
            announced.Add(feed.Url);
            last[feed.Url] = feed.Sha256;
        }
        new FeedManifest(built.Hubs, last.Select(e => new PublishedFeed(e.Key, e.Value)).OrderBy(f => f.Url, StringComparer.Ordinal).ToList())
            .Save(state, FeedManifest.PingedFile);
        return new PingReport(built.Hubs, announced, unchanged, failures);
    }

    /// <summary>One publish notification; null when the hub accepted it (any 2xx), else why not.</summary>
    private async Task<string?> NotifyAsync(string hub, string feedUrl, CancellationToken cancel)
    {
        using var body = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feedUrl)]);
        try
        {
            using var response = await http.PostAsync(hub, body, cancel);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e) { return e.Message; }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested) { return "timed out"; }
    }
}
