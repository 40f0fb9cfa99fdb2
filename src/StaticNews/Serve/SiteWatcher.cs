namespace StaticNews.Serve;

/// <summary>
/// Watches folders (the input and the theme) and calls back once a burst of changes has settled
/// (~100 ms without another event), so saving ten files, or one editor's write-rename dance, rebuilds once.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly IReadOnlyList<string> _ignored;

    public SiteWatcher(IEnumerable<string> folders, IEnumerable<string> ignored, Action changed)
    {
        _ignored = ignored.Select(i => Path.GetFullPath(i).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToList();
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
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var full = Path.GetFullPath(e.FullPath);
        if (_ignored.Any(i => (full + Path.DirectorySeparatorChar).StartsWith(i, StringComparison.Ordinal))) return;
        var name = Path.GetFileName(full);
        if (name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.StartsWith(".#", StringComparison.Ordinal)) return; // editor scratch files
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
        _timer.Dispose();
    }
}
