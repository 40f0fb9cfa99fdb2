using System.Runtime.InteropServices;

namespace StaticNews.Engine;

/// <summary>Symbolic links in the input and the output, told apart from ordinary files and folders.</summary>
public static class FileLinks
{
    /// <summary>
    /// True if <paramref name="entry"/> (which exists) is a symbolic link, from the lstat its directory listing or
    /// <see cref="FileSystemInfo"/> already made: <see cref="FileSystemInfo.LinkTarget"/> would cost a readlink.
    /// </summary>
    public static bool IsSymbolicLink(FileSystemInfo entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>
    /// <paramref name="path"/> as a full path with every symbolic link on the way resolved (realpath), so that a folder
    /// reached through a link is recognised; null if it can't be resolved (a link in a loop, or leading nowhere).
    /// For a path that does not exist yet: its nearest existing parent's, plus the rest.
    /// </summary>
    public static string? RealPath(string path)
    {
        path = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows()) return Trimmed(path);
        var rest = "";
        for (var existing = path; ; existing = Path.GetDirectoryName(existing)!)
        {
            // lstat: a link leading nowhere exists, and realpath says so below.
            if (Path.Exists(existing) || new FileInfo(existing).LinkTarget is not null || Path.GetDirectoryName(existing) is null)
            {
                var resolved = NativeMethods.realpath(existing, IntPtr.Zero);
                if (resolved == IntPtr.Zero) return null;
                try { return Trimmed(Path.Join(Marshal.PtrToStringUTF8(resolved), rest)); }
                finally { NativeMethods.free(resolved); }
            }
            rest = Path.Join(Path.GetFileName(existing), rest);
        }
    }

    /// <summary>True if <paramref name="path"/> lies inside <paramref name="folder"/> (both full paths, as <see cref="RealPath"/> gives them).</summary>
    public static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar,
            OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private static string Trimmed(string path) => path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar) : path;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern IntPtr realpath(string path, IntPtr resolved);

        [DllImport("libc")]
        internal static extern void free(IntPtr pointer);
    }
}
