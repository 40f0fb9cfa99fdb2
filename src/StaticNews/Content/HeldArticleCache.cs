using StaticNews.Publish;

namespace StaticNews.Content;

/// <summary>
/// The article cache a long-lived process (`staticnews serve`) holds from one build to the next, so that a rebuild looks
/// its files up in memory instead of reading the cache's file again: in a large archive that file holds hundreds of
/// thousands of entries, and reading it is a second or more of every rebuild. A build that found the site up to date
/// (the preview's first, typically) had no cache to hold: the file is then read in the background, so that the first
/// save is built as fast as the next ones.
/// <para>
/// It is handed back only to a build of the same key into the same output, and only while the file is still the one the
/// cache was saved as or read from (its size, time and inode): a build by another process in between (it takes the
/// output's lock in turn) writes the file, and the next build here reads it again.
/// </para>
/// </summary>
public sealed class HeldArticleCache : IDisposable
{
    private readonly Lock _lock = new();
    // The cache, ready or being made ready; the output's state folder; how its file stood then.
    private (Task<ArticleCache> Cache, string State, FileState File)? _held;

    /// <summary>
    /// The cache held, ready for a build of <paramref name="key"/> into the output of <paramref name="state"/> (under its
    /// lock), once it is ready; null if there is none, or none for that build (then it is let go). Nothing is held afterwards.
    /// </summary>
    public ArticleCache? Take(StateFolder state, string key)
    {
        (Task<ArticleCache> Cache, string State, FileState File)? held;
        lock (_lock) (held, _held) = (_held, null);
        if (held is not var (ready, heldState, file)) return null;
        var cache = ready.GetAwaiter().GetResult();
        if (cache.Key == key && heldState == state.Path && ArticleCache.FileIn(state) is { } standing && standing.IsStill(file)) return cache;
        cache.Dispose();
        return null;
    }

    /// <summary>
    /// Holds <paramref name="cache"/>, once its build has saved it into <paramref name="state"/>, for the next build.
    /// False if it was not all saved (the file is then behind it): the caller disposes it, and the next build reads the file.
    /// </summary>
    public bool Hold(ArticleCache cache, StateFolder state)
    {
        if (!cache.Saved || ArticleCache.FileIn(state) is not { } file) return false;
        // Made ready for the next build now, while the preview waits for a save, rather than when that build asks.
        Put((Task.Run(() => { cache.StartAgain(); return cache; }), state.Path, file));
        return true;
    }

    /// <summary>
    /// After a build that found the site in <paramref name="state"/> up to date: reads the cache's file for
    /// <paramref name="key"/> in the background, unless a cache is held already. Outside the output's lock: the file's
    /// size and time are taken before it is read, so a file another build writes meanwhile is not the one taken.
    /// </summary>
    public void ReadInBackground(StateFolder state, string key, int parallelism)
    {
        lock (_lock)
        {
            if (_held is not null || ArticleCache.FileIn(state) is not { } file) return;
            _held = (Task.Run(() => ArticleCache.Load(state, key, parallelism)), state.Path, file);
        }
    }

    private void Put((Task<ArticleCache> Cache, string State, FileState File) held)
    {
        lock (_lock)
        {
            if (_held is { } before) Release(before.Cache);
            _held = held;
        }
    }

    private static void Release(Task<ArticleCache> cache) =>
        cache.ContinueWith(ready => ready.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_held is { } held) Release(held.Cache);
            _held = null;
        }
    }
}
