using System.IO.Enumeration;

namespace StaticNews.Publish;

/// <summary>
/// What a folder holds, read without following a single symbolic link: its files (relative, '/'-separated) with
/// their length and last-write time, its folders, and whatever else is there (links, devices, pipes).
/// </summary>
internal sealed class OutputScan
{
    private OutputScan(FileTable files, List<string> folders, List<string> others)
    {
        Files = files;
        Folders = folders;
        Others = others;
    }

    /// <summary>The regular files and their state.</summary>
    public FileTable Files { get; }

    /// <summary>The folders (not links to folders), parents before their children.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Entries that are neither files nor folders: symbolic links (never followed), devices, pipes, sockets.</summary>
    public IReadOnlyList<string> Others { get; }

    public bool IsEmpty => Files.Count == 0 && Others.Count == 0;

    public static OutputScan Empty { get; } = new(new FileTable(), [], []);

    /// <summary>Lists <paramref name="folder"/>, which must exist and be a folder (not a link to one).</summary>
    public static OutputScan Of(string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var files = new FileTable();
        var folders = new List<string>();
        var others = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new FileSystemEnumerable<(string Path, Kind Kind, FileState State)>(root, (ref FileSystemEntry entry) =>
        {
            var path = Path.Join(entry.Directory, entry.FileName)[root.Length..].Replace(Path.DirectorySeparatorChar, '/');
            // The attributes come from lstat: a link to a folder is a link, never the folder.
            var attributes = entry.Attributes;
            if ((attributes & FileAttributes.ReparsePoint) != 0) return (path, Kind.Other, default);
            if (entry.IsDirectory) return (path, Kind.Folder, default);
            if ((attributes & (FileAttributes.Device | FileAttributes.System)) != 0) return (path, Kind.Other, default);
            return (path, Kind.File, new FileState(entry.Length, entry.LastWriteTimeUtc.UtcTicks));
        }, options)
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var (path, kind, state) in entries)
        {
            switch (kind)
            {
                case Kind.File: files.Set(path, state); break;
                case Kind.Folder: folders.Add(path); break;
                default: others.Add(path); break;
            }
        }
        return new OutputScan(files, folders, others);
    }

    private enum Kind { File, Folder, Other }
}
