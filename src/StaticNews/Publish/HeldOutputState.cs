namespace StaticNews.Publish;

/// <summary>
/// The output's record and build cache, read by a long-lived process (`staticnews serve`) while it waits for the next
/// change, so that the next build does not wait for them: in a large archive each lists every published file, and
/// reading them comes before anything else of a build.
/// <para>
/// They are read after a build, outside the output's lock, as a build of the same process would read them: the state
/// of both files (size, time, inode) is taken before, and the next build, under the lock, is handed what was read only
/// while both files still stand so. A build by another process in between writes them (appends change the size, a
/// whole write is a new file), and the next build here reads them again.
/// </para>
/// </summary>
public sealed class HeldOutputState : IDisposable
{
    private readonly Lock _lock = new();
    private Held? _held;

    /// <summary>What was read (null: nothing a build of that key would take as its published site), where and for which key, and how the files stood before.</summary>
    private sealed record Held(Task<(OutputRecord Record, BuildCache Cache)?> Read, string State, string Key, FileState Record, FileState? Cache);

    /// <summary>
    /// Reads the record and build cache of the output of <paramref name="state"/> in the background, for the next build
    /// of <paramref name="key"/>; what was held before is let go.
    /// </summary>
    public void ReadInBackground(StateFolder state, string key)
    {
        lock (_lock)
        {
            // After a build that found the site up to date, what is held was read from the files as they stand.
            if (_held is { } held && Stands(held, state, key)) return;
            // Taken before the files are read: a file written meanwhile no longer stands as taken, and is read again.
            _held = OutputRecord.FileIn(state) is { } record
                ? new Held(Task.Run(() => Read(state, key)), state.Path, key, record, BuildCache.FileIn(state))
                : null;
        }
    }

    /// <summary>Only for tests: the read under way or done (a completed task if none).</summary>
    internal Task Reading
    {
        get { lock (_lock) return _held?.Read ?? Task.CompletedTask; }
    }

    /// <summary>
    /// What a build of <paramref name="key"/> into the output of <paramref name="state"/> (under its lock) reads as its
    /// published site, if it was read ahead and both files still stand as they did then; null otherwise (the build reads
    /// them). Nothing is held afterwards: each read is one build's.
    /// </summary>
    internal (OutputRecord Record, BuildCache Cache)? Take(StateFolder state, string key)
    {
        Held? held;
        lock (_lock) (held, _held) = (_held, null);
        if (held is null || held.State != state.Path || held.Key != key) return null;
        return held.Read.GetAwaiter().GetResult() is { } read && Stands(held, state, key) ? read : null;
    }

    /// <summary>True if <paramref name="held"/> was read for <paramref name="key"/> from the files of <paramref name="state"/> as they stand now.</summary>
    private static bool Stands(Held held, StateFolder state, string key)
    {
        if (held.State != state.Path || held.Key != key || OutputRecord.FileIn(state) is not { } record || !record.IsStill(held.Record)) return false;
        return (BuildCache.FileIn(state), held.Cache) switch
        {
            (null, null) => true,
            ({ } now, { } then) => now.IsStill(then),
            _ => false,
        };
    }

    /// <summary>As <see cref="Publication.Begin"/> reads a site recorded by a build of <paramref name="key"/>; null if it would not take it so.</summary>
    private static (OutputRecord Record, BuildCache Cache)? Read(StateFolder state, string key)
    {
        try
        {
            return OutputRecord.Read(state) is { Stamped: true, Files.Count: > 0 } record && record.Key == key
                ? (record, BuildCache.Load(state, key, record.Files))
                : null;
        }
        // Whatever went wrong, the build reads the files itself, and meets it there.
        catch (Exception) { return null; }
    }

    public void Dispose()
    {
        lock (_lock) _held = null;
    }
}
