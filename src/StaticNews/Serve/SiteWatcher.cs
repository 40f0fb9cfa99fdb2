using StaticNews.Engine;

namespace StaticNews.Serve;

/// <summary>
/// Watches folders (the input and the theme) and calls back once a burst of changes has settled
/// (~100 ms without another event), so saving ten files, or one editor's write-rename dance, rebuilds once.
/// <para>
/// A watcher can lose track: the kernel drops events when its queue overflows (a checkout of thousands of files), and
/// on Linux a folder cannot be watched past the per-user limit of inotify watches (often 8,192, fewer than the story
/// folders of a large archive), which leaves every change in the folders past it unseen. Dropped events call back as a
/// change (the build lists the input itself); a folder that cannot be watched stops the watching altogether and says
/// why through <c>lost</c>: a watch that sees some folders and not others would miss changes at random, where the one
/// that takes its place (polling, see <see cref="LivePreview"/>) misses none.
/// </para>
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly IReadOnlyList<string> _ignored;
    private readonly Action<string> _lost;
    private readonly InputChanges? _inputChanges;
    // Set once, under _timing: the timer is set or stopped only while it is not, so never after Dispose has disposed it.
    private int _stopped;
    private readonly Lock _timing = new();

    /// <param name="lost">Called once if the folders can no longer be watched, with why; no change is reported after it.</param>
    /// <param name="inputChanges">Told each path that changed (and when events were dropped), before <paramref name="changed"/> is called.</param>
    public SiteWatcher(IEnumerable<string> folders, IEnumerable<string> ignored, Action changed, Action<string> lost, InputChanges? inputChanges = null)
    {
        _inputChanges = inputChanges;
        _ignored = ignored.Select(i => Path.GetFullPath(i).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToList();
        _lost = lost;
        _timer = new Timer(_ => changed(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var folder in folders.Where(Directory.Exists).Select(Path.GetFullPath).Distinct())
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;
            watcher.Error += (_, e) => Failed(e.GetException());
            watcher.EnableRaisingEvents = true;
            lock (_watchers)
                if (Volatile.Read(ref _stopped) == 0) _watchers.Add(watcher);
                else watcher.Dispose(); // an earlier folder's watcher already failed
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var full = Path.GetFullPath(e.FullPath);
        if (_ignored.Any(i => (full + Path.DirectorySeparatorChar).StartsWith(i, StringComparison.Ordinal))) return;
        // Listed like any file, so seen even where no build follows.
        _inputChanges?.Saw(full);
        // A file moved from one story's folder to another's changes both.
        if (e is RenamedEventArgs renamed) _inputChanges?.Saw(Path.GetFullPath(renamed.OldFullPath));
        var name = Path.GetFileName(full);
        if (name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.StartsWith(".#", StringComparison.Ordinal)) return; // editor scratch files
        Settled();
    }

    private void Settled()
    {
        lock (_timing)
            if (_stopped == 0) _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What a watcher's error event brings: events dropped, or a folder that could not be watched.</summary>
    internal void Failed(Exception error)
    {
        if (error is InternalBufferOverflowException)
        {
            _inputChanges?.SawEverything();
            Settled();
            return;
        }
        // Events still coming from the folders that are watched are ignored from now on.
        lock (_timing)
        {
            if (_stopped == 1) return;
            Volatile.Write(ref _stopped, 1);
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
        // The watches it got are given back: they count against the limit that every program of the user shares (an
        // editor's own watcher). Off this thread, which is the watcher's own, raising this event.
        _ = Task.Run(StopWatching);
        _inputChanges?.Blind();
        _lost(error.Message);
    }

    private void StopWatching()
    {
        lock (_watchers)
        {
            foreach (var w in _watchers) w.Dispose();
            _watchers.Clear();
        }
    }

    public void Dispose()
    {
        lock (_timing)
        {
            Volatile.Write(ref _stopped, 1);
            _timer.Dispose();
        }
        StopWatching();
    }
}
