using System.Collections.Immutable;
using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>
/// Keeps the build inside the input folder: a symbolic link in it may point elsewhere in the input,
/// but one that leads outside (to /etc, a home folder, another site) is refused, so a checkout or an
/// upload cannot publish files its author never put in the site.
/// </summary>
public static class InputPaths
{
    /// <summary>Throws an <see cref="InputException"/> if <paramref name="path"/>, or a folder on the way to it, links outside <paramref name="inputDirectory"/>.</summary>
    public static void CheckInside(string inputDirectory, string path, string relative)
    {
        var root = Resolve(Path.GetFullPath(inputDirectory));
        var full = Path.GetFullPath(path);
        var inputFull = Path.GetFullPath(inputDirectory);
        // Walk from the input folder down to the file, resolving each link on the way.
        var current = inputFull;
        foreach (var segment in Path.GetRelativePath(inputFull, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null) continue;
            var target = Resolve(current);
            if (!IsUnder(target, root))
                throw new InputException(
                    $"'{relative}' is a symbolic link to {target}, outside the input folder: copy the file into the site instead", relative);
        }
    }

    /// <summary>
    /// Every file under <paramref name="folder"/> of the input (relative to it, '/'-separated, in ordinal order) with its
    /// path. A link to a folder is followed only where it stays inside the input and does not lead back to a folder it
    /// lies in; a link that leaves the input, leads in a loop or nowhere is one error, with its path.
    /// </summary>
    public static IEnumerable<(string Relative, string Path)> Files(string inputDirectory, string folder, DiagnosticBag diagnostics)
    {
        var start = Path.Combine(inputDirectory, folder);
        if (!Directory.Exists(start) || FileLinks.RealPath(inputDirectory) is not { } input) return [];
        var files = new List<(string, string)>();
        void Walk(string directory, string relative, string real, ImmutableStack<string> around)
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
                var shown = $"{folder}/{path}";
                if (!FileLinks.IsSymbolicLink(entry))
                {
                    if (entry is DirectoryInfo) Walk(entry.FullName, path, Path.Join(real, entry.Name), around.Push(real));
                    else if (NotAFile(entry.FullName, shown) is { } refusal) diagnostics.Error(refusal, shown);
                    else files.Add((path, entry.FullName));
                    continue;
                }
                var target = FileLinks.RealPath(entry.FullName);
                if (target is null || !Path.Exists(target))
                    diagnostics.Error($"'{shown}' is a symbolic link that leads {(target is null ? "in a loop" : "nowhere")}: remove it", shown);
                else if (target != input && !FileLinks.IsInside(target, input))
                    diagnostics.Error($"'{shown}' is a symbolic link to {target}, outside the input folder: copy the file into the site instead", shown);
                else if (!Directory.Exists(target))
                {
                    if (NotAFile(target, shown) is { } refusal) diagnostics.Error(refusal, shown);
                    else files.Add((path, entry.FullName));
                }
                else if (target == real || around.Contains(target))
                    diagnostics.Error($"'{shown}' is a symbolic link to a folder it lies in ({target}), which would be copied into itself without end: remove it", shown);
                else Walk(entry.FullName, path, target, around.Push(real));
            }
        }
        var realStart = FileLinks.RealPath(start);
        if (realStart is null || !FileLinks.IsInside(realStart, input))
            diagnostics.Error($"'{folder}' is a symbolic link to {realStart ?? "a loop"}, outside the input folder: copy its files into the site instead", folder);
        else Walk(start, "", realStart, []);
        return files;
    }

    /// <summary>
    /// The error for <paramref name="path"/> (a listed file, or where a link leads: not a link itself) if it is a pipe, a
    /// socket or a device, not a file: reading one waits for a writer that may never come, and the build with it. Null
    /// for a file, and where <see cref="FileStat"/> is not available.
    /// </summary>
    public static string? NotAFile(string path, string shown) => FileStat.Available && FileStat.Of(path).Kind == FileStat.Kind.Other
        ? $"'{shown}' is a pipe, a socket or a device, not a file: StaticNews reads only files (the build would wait on it for ever); remove it"
        : null;

    private static string Resolve(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is null ? path : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
