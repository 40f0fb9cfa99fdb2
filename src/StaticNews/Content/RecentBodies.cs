using System.Collections.Concurrent;

namespace StaticNews.Content;

/// <summary>
/// Rendered bodies, each kept for its second asker. A body is asked for twice a build: by its page and by its feed
/// entry (made once for all the feeds it is in), and each render reads, decodes and parses its file again. Feeds
/// follows Pages (see <see cref="Feeds.FeedsPipeline"/>), so the second ask comes soon after the first, and the
/// body is let go then, young. Within a budget of characters, the oldest go first: memory stays flat whatever
/// asks out of turn (an incremental build, whose unchanged pages ask for nothing).
/// </summary>
public sealed class RecentBodies(long budgetChars)
{
    /// <summary>32 M characters, at most 64 MB: about 6,000 bodies of news-story length (a body with relative links counts twice).</summary>
    public const long DefaultBudgetChars = 32 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, RenderedBody> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _oldestFirst = new();
    private long _chars;

    /// <summary>The body of the file <paramref name="source"/>: kept from its first ask (and let go now), or rendered by <paramref name="render"/>.</summary>
    public RenderedBody GetOrRender(string source, Func<RenderedBody> render)
    {
        if (_bodies.TryRemove(source, out var kept))
        {
            Interlocked.Add(ref _chars, -kept.Length);
            return kept;
        }
        var body = render();
        if (_bodies.TryAdd(source, body))
        {
            _oldestFirst.Enqueue(source);
            if (Interlocked.Add(ref _chars, body.Length) > budgetChars) Trim();
        }
        return body;
    }

    private void Trim()
    {
        while (Volatile.Read(ref _chars) > budgetChars && _oldestFirst.TryDequeue(out var oldest))
            if (_bodies.TryRemove(oldest, out var gone)) Interlocked.Add(ref _chars, -gone.Length);
    }
}
