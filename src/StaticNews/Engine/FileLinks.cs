namespace StaticNews.Engine;

/// <summary>Symbolic links in the input and the output, told apart from ordinary files and folders.</summary>
public static class FileLinks
{
    /// <summary>
    /// True if <paramref name="entry"/> (which exists) is a symbolic link, from the lstat its directory listing or
    /// <see cref="FileSystemInfo"/> already made: <see cref="FileSystemInfo.LinkTarget"/> would cost a readlink.
    /// </summary>
    public static bool IsSymbolicLink(FileSystemInfo entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;
}
