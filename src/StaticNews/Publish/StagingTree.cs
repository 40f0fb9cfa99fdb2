using System.Runtime.InteropServices;

namespace StaticNews.Publish;

/// <summary>
/// The file-system steps of staging: a folder, a hard link, a removal, an inode number. Plain libc calls on Unix, because a
/// site is tens of thousands of folders and files and .NET's portable versions stat every ancestor or
/// throw on the common "already there" case.
/// </summary>
internal static class StagingTree
{
    private const int AlreadyExists = 17, IsFolder = 21; // errno values

    /// <summary>Creates <paramref name="folder"/>, whose parent exists; a file in its way (left by an older site) is removed.</summary>
    public static void MakeFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        if (NativeMethods.mkdir(folder, 0b111_101_101) == 0) return;
        if (Marshal.GetLastPInvokeError() == AlreadyExists)
        {
            if (Directory.Exists(folder)) return;
            File.Delete(folder);
        }
        Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// Creates <paramref name="folder"/> (and its parents) and marks it, where the file system knows the flag
    /// (ext2/3/4's FS_TOPDIR_FL, `chattr +T`), as the top of a directory hierarchy: ext4's Orlov allocator then
    /// places each folder made in it in a block group chosen from the folder's name, as it does for the
    /// folders of /home, instead of next to its parent. Elsewhere the flag is refused and nothing else changes.
    /// </summary>
    public static void MakeTopFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsLinux()) return;
        var fd = NativeMethods.open(folder, OpenReadOnly);
        if (fd < 0) return;
        try
        {
            var flags = 0;
            if (NativeMethods.ioctl(fd, GetFlags, ref flags) != 0 || (flags & TopDirFlag) != 0) return;
            flags |= TopDirFlag;
            NativeMethods.ioctl(fd, SetFlags, ref flags); // refused (ENOTTY, EOPNOTSUPP) on tmpfs, btrfs, ...: fine
        }
        finally { NativeMethods.close(fd); }
    }

    /// <summary>The inode number of <paramref name="path"/> (statx, whose layout is the same on every Linux), or null where there is none to read.</summary>
    public static ulong? Inode(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256]; // struct statx; stx_ino is the u64 at offset 32
        try
        {
            return NativeMethods.statx(AtFdCwd, path, 0, StatxInode, buffer) == 0 ? BitConverter.ToUInt64(buffer, 32) : null;
        }
        catch (EntryPointNotFoundException) { return null; } // a libc older than glibc 2.28
    }

    private const int AtFdCwd = -100;
    private const uint StatxInode = 0x100;

    // <linux/fs.h>: FS_IOC_GETFLAGS and FS_IOC_SETFLAGS (which read and write an int, the same on x64 and arm64), FS_TOPDIR_FL.
    private const ulong GetFlags = 0x80086601, SetFlags = 0x40086602;
    private const int TopDirFlag = 0x00020000, OpenReadOnly = 0;

    /// <summary>
    /// Makes room for a new file at <paramref name="target"/> in a staging tree that may hold an older site:
    /// the old file is unlinked (never written over: it may be a hard link to the published file), and a
    /// folder of the older site in its way is removed.
    /// </summary>
    public static void Clear(string target)
    {
        if (OperatingSystem.IsWindows())
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            else File.Delete(target);
            return;
        }
        if (NativeMethods.unlink(target) == 0) return;
        if (Marshal.GetLastPInvokeError() == IsFolder || Directory.Exists(target)) Directory.Delete(target, recursive: true);
    }

    /// <summary>Links <paramref name="existing"/> at <paramref name="target"/> (a copy where hard links are impossible), replacing what is there.</summary>
    public static void Link(string existing, string target)
    {
        MakeFolders(Path.GetDirectoryName(target)!);
        Clear(target);
        if (!HardLink(existing, target)) File.Copy(existing, target);
    }

    /// <summary>Hard-links <paramref name="existing"/> at <paramref name="link"/>; false where the file system can't.</summary>
    public static bool HardLink(string existing, string link) =>
        !OperatingSystem.IsWindows() && NativeMethods.link(existing, link) == 0;

    /// <summary>
    /// Removes the file <paramref name="target"/> and the folders it leaves empty, up to <paramref name="root"/>.
    /// A folder now at that path is the new site's (its path became a folder) and is left alone.
    /// </summary>
    public static void Remove(string target, string root)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!File.Exists(target)) return;
            File.Delete(target);
        }
        else if (NativeMethods.unlink(target) != 0) return;
        for (var folder = Path.GetDirectoryName(target); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any()) return;
                Directory.Delete(folder);
            }
            else if (NativeMethods.rmdir(folder) != 0) return; // not empty (ENOTEMPTY) or already gone
        }
    }

    private static void MakeFolders(string folder)
    {
        if (Directory.Exists(folder)) return;
        var parent = Path.GetDirectoryName(folder);
        if (parent is not null) MakeFolders(parent);
        MakeFolder(folder);
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int link(string oldpath, string newpath);

        [DllImport("libc", SetLastError = true)]
        internal static extern int mkdir(string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        internal static extern int unlink(string path);

        [DllImport("libc", SetLastError = true)]
        internal static extern int rmdir(string path);

        [DllImport("libc", SetLastError = true)]
        internal static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern int ioctl(int fd, ulong request, ref int flags);

        [DllImport("libc")]
        internal static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        internal static extern int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
