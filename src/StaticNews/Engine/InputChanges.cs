namespace StaticNews.Engine;

/// <summary>
/// What a watcher of the input folder saw change since the input was last listed, so that the next listing takes the
/// story folders nobody touched from the last one instead of asking for every file's size and time again: in a large
/// archive, the longest part of a preview's rebuild. It stands for the input only while every change is seen; a
/// watcher that dropped events says so (<see cref="SawEverything"/>), and one that stopped watching is not asked again.
/// </summary>
public sealed class InputChanges(string inputDirectory)
{
    private readonly string _root = Path.GetFullPath(inputDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
    private readonly object _lock = new();
    // The folders two levels down (relative, '/'-separated) that changed since the last listing; null: list everything.
    private HashSet<string>? _changed;
    private InputSnapshot? _last;
    private bool _blind;

    /// <summary>A file or folder at <paramref name="fullPath"/> was created, changed, removed or renamed.</summary>
    public void Saw(string fullPath)
    {
        if (!fullPath.StartsWith(_root, StringComparison.Ordinal)) return; // the theme's, or the output's
        var relative = fullPath[_root.Length..].Replace(Path.DirectorySeparatorChar, '/');
        var slash = relative.IndexOf('/');
        if (slash < 0)
        {
            // A top-level file (site.yml) is listed by every listing; a top-level folder (articles/ renamed) holds them all.
            // Asked outside the lock: the file system may be slow, and the watcher's events wait.
            if (!File.Exists(fullPath)) SawEverything();
            return;
        }
        var second = relative.IndexOf('/', slash + 1);
        var folder = second < 0 ? relative : relative[..second];
        lock (_lock) _changed?.Add(folder);
    }

    /// <summary>Changes may have gone unseen (the watcher's queue overflowed): the next listing lists every folder.</summary>
    public void SawEverything()
    {
        lock (_lock) _changed = null;
    }

    /// <summary>The watcher stopped (see <see cref="Serve.SiteWatcher"/>): every listing from now on lists every folder.</summary>
    public void Blind()
    {
        lock (_lock) _blind = true;
    }

    /// <summary>The input as it is now: the folders seen changing listed again, the others as the last listing found them.</summary>
    public InputSnapshot List(int parallelism)
    {
        InputSnapshot? last;
        HashSet<string>? changed;
        lock (_lock)
        {
            // Changes seen from here on are the next listing's: one seen while this one lists its folder is listed again then.
            (last, changed) = _blind ? (null, null) : (_last, _changed);
            _changed = [];
        }
        var listed = last is not null && changed is not null
            ? InputSnapshot.Update(last, changed, _root, parallelism)
            : InputSnapshot.Take(_root, parallelism);
        lock (_lock) _last = listed;
        return listed;
    }
}
