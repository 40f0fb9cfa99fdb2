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

    private static string Resolve(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is null ? path : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
