using System.Runtime.InteropServices;

namespace StaticNews.Publish;

/// <summary>
/// The file-system steps of staging: a folder, a hard link (publishing in place: <see cref="OutputFolders"/>). Plain libc calls on Unix, because a site is tens of
/// thousands of folders and files and .NET's portable versions stat every ancestor or throw on the common
/// "already there" case.
/// </summary>
internal static class StagingTree
{
    /// <summary>Creates <paramref name="folder"/>, whose parent exists (and is the staging tree's own).</summary>
    public static void MakeFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        if (NativeMethods.mkdir(folder, 0b111_101_101) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Engine.Errno.Exists && Directory.Exists(folder)) return;
        throw Engine.FileErrors.FromErrno(errno, folder);
    }

    /// <summary>Hard-links <paramref name="existing"/> at <paramref name="link"/>; false where the file system can't.</summary>
    public static bool HardLink(string existing, string link) =>
        !OperatingSystem.IsWindows() && NativeMethods.link(existing, link) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int link(string oldpath, string newpath);

        [DllImport("libc", SetLastError = true)]
        internal static extern int mkdir(string path, uint mode);
    }
}
