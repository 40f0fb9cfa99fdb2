namespace StaticNews.Publish;

/// <summary>
/// Something a build reads from the output's state files as it starts (the record of the published files and the build
/// cache, the record of published addresses), read instead by a long-lived process (`staticnews serve`) while it waits
/// for the next change, so that its next build does not wait for it: in a large archive each of these lists every
/// published file or address.
/// <para>
/// It is read outside the output's lock, as a build of the same key would read it, after the state of each file it
/// comes from (size, time, inode) is taken; the next build of that key into that output, under the lock, is handed it
/// only while every one of those files still stands so. A build by another process in between writes them (an append
/// changes the size, a whole write is a new file), and the next build here reads them itself.
/// </para>
/// </summary>
/// <typeparam name="T">What is read (null: nothing the build would take, which it then reads itself).</typeparam>
public sealed class StateReadAhead<T> : IDisposable where T : class
{
    private readonly Func<StateFolder, string, T?> _read;
    private readonly string[] _files;
    private readonly Lock _lock = new();
    private Held? _held;

    /// <summary>What is being read or was read, where and for which key, and how the files stood before (null: not there).</summary>
    private sealed record Held(Task<T?> Read, string State, string Key, FileState?[] Files);

    /// <param name="read">Reads it from a state folder for a build of a key, as that build would.</param>
    /// <param name="files">The state files it is read from (names in the state folder).</param>
    public StateReadAhead(Func<StateFolder, string, T?> read, params string[] files) => (_read, _files) = (read, files);

    /// <summary>
    /// Reads it from <paramref name="state"/> in the background for the next build of <paramref name="key"/>, unless what
    /// is held was read from the files as they stand (after a build that found the site up to date).
    /// </summary>
    public void Start(StateFolder state, string key)
    {
        lock (_lock)
        {
            if (_held is { } held && Stands(held, state, key)) return;
            // Taken before the files are read: a file written meanwhile no longer stands as taken.
            var files = StateOf(state);
            _held = new Held(Task.Run(() => Read(state, key)), state.Path, key, files);
        }
    }

    /// <summary>
    /// What was read for a build of <paramref name="key"/> into the output of <paramref name="state"/> (under its lock), if
    /// its files still stand as they did before it was read; null otherwise, and the build reads them. Each read is one
    /// build's: nothing is held afterwards.
    /// </summary>
    internal T? Take(StateFolder state, string key)
    {
        Held? held;
        lock (_lock) (held, _held) = (_held, null);
        // Checked once, under the output's lock: a file written at any time after its state was taken no longer stands so, and no
        // other build writes it while this one holds the lock. A read for another output or key, or from files written
        // since, is not waited for.
        return held is not null && Stands(held, state, key) ? held.Read.GetAwaiter().GetResult() : null;
    }

    /// <summary>Only for tests: the read under way or done (a completed task if none).</summary>
    internal Task Reading
    {
        get { lock (_lock) return _held?.Read ?? Task.CompletedTask; }
    }

    private FileState?[] StateOf(StateFolder state) => [.. _files.Select(state.StateOf)];

    /// <summary>True if <paramref name="held"/> was read for <paramref name="key"/> from the files of <paramref name="state"/> as they stand now.</summary>
    private bool Stands(Held held, StateFolder state, string key)
    {
        if (held.State != state.Path || held.Key != key) return false;
        return StateOf(state).Zip(held.Files).All(pair => pair switch
        {
            (null, null) => true,
            ({ } standing, { } then) => standing.IsStill(then),
            _ => false,
        });
    }

    private T? Read(StateFolder state, string key)
    {
        try { return _read(state, key); }
        // Whatever went wrong, the build reads the files itself, and meets it there.
        catch (Exception) { return null; }
    }

    public void Dispose()
    {
        lock (_lock) _held = null;
    }
}
