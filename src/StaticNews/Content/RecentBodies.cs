using System.Collections.Concurrent;

namespace StaticNews.Content;

/// <summary>
/// The bodies rendered last, kept within a budget of characters for whoever asks next. A body is asked for two
/// to four times a build (its page, its month's archive feed, the live feeds it is in), and each render reads,
/// decodes and parses its file again. The oldest go first once over budget, so memory stays flat however large
/// the site: the bodies of a site of a few thousand stories are rendered once each (2000 stories x 6 languages:
/// 12,100 renders instead of 25,800), those of a larger one partly twice.
/// </summary>
public sealed class RecentBodies(long budgetChars)
{
    /// <summary>32 M characters, at most 64 MB: about 6,000 bodies of news-story length.</summary>
    public const long DefaultBudgetChars = 32 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _oldestFirst = new();
    private long _chars;

    /// <summary>The body of the file <paramref name="source"/>, kept from its last render or rendered by <paramref name="render"/>.</summary>
    public string GetOrRender(string source, Func<string> render)
    {
        if (_bodies.TryGetValue(source, out var kept)) return kept;
        var html = render();
        if (_bodies.TryAdd(source, html))
        {
            _oldestFirst.Enqueue(source);
            if (Interlocked.Add(ref _chars, html.Length) > budgetChars) Trim();
        }
        return html;
    }

    private void Trim()
    {
        while (Volatile.Read(ref _chars) > budgetChars && _oldestFirst.TryDequeue(out var oldest))
            if (_bodies.TryRemove(oldest, out var gone)) Interlocked.Add(ref _chars, -gone.Length);
    }
}
