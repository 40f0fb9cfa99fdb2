using StaticNews.Publish;

namespace StaticNews.Content;

/// <summary>
/// The article cache a long-lived process (`staticnews serve`) holds from one build to the next, so that a rebuild looks
/// its files up in memory instead of reading the cache's file again: in a large archive that file holds hundreds of
/// thousands of entries, and reading it is a second or more of every rebuild. It is handed back only to a build of the
/// same key into the same output, and only while the file is still the one the cache was saved as: a build by another
/// process in between (it takes the output's lock in turn) writes the file, and the next build here reads it again.
/// </summary>
public sealed class HeldArticleCache : IDisposable
{
    private readonly Lock _lock = new();
    private (ArticleCache Cache, string State, FileStamp Saved)? _held;

    /// <summary>
    /// The cache held, ready for a build of <paramref name="key"/> into the output of <paramref name="state"/> (under its
    /// lock); null if there is none, or none for that build (then it is let go). Nothing is held afterwards.
    /// </summary>
    public ArticleCache? Take(StateFolder state, string key)
    {
        (ArticleCache Cache, string State, FileStamp Saved)? held;
        lock (_lock) (held, _held) = (_held, null);
        if (held is not var (cache, heldState, saved)) return null;
        if (cache.Key == key && heldState == state.Path && ArticleCache.FileStampIn(state) == saved)
        {
            cache.StartAgain();
            return cache;
        }
        cache.Dispose();
        return null;
    }

    /// <summary>
    /// Holds <paramref name="cache"/>, once its build has saved it into <paramref name="state"/>, for the next build.
    /// False if it was not all saved (the file is then behind it): the caller disposes it, and the next build reads the file.
    /// </summary>
    public bool Hold(ArticleCache cache, StateFolder state)
    {
        if (!cache.Saved || ArticleCache.FileStampIn(state) is not { } saved) return false;
        lock (_lock)
        {
            _held?.Cache.Dispose();
            _held = (cache, state.Path, saved);
        }
        return true;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _held?.Cache.Dispose();
            _held = null;
        }
    }
}
