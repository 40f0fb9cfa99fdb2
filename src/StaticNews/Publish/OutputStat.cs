using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StaticNews.Publish;

/// <summary>
/// What is at a path of the output, without following a link (lstat), with the inode that tells the file StaticNews
/// published from another one put in its place with the same size and time. Through Linux's statx, whose buffer has
/// one layout on every architecture; elsewhere <see cref="Available"/> is false and publishing swaps whole trees.
/// </summary>
internal static class OutputStat
{
    public enum Kind { Missing, File, Folder, Other }

    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>The kind of entry at <paramref name="path"/>, and for a file or folder its length, write time and inode.</summary>
    public static (Kind Kind, FileState State) Of(string path) => Of(AtFdCwd, path, path);

    /// <summary>The kind of entry <paramref name="name"/> in the open <paramref name="folder"/>, as <see cref="Of(string)"/>; <paramref name="shown"/> is its path for an error.</summary>
    public static (Kind Kind, FileState State) Of(SafeFileHandle folder, string name, string shown) => Of((int)folder.DangerousGetHandle(), name, shown);

    private static (Kind Kind, FileState State) Of(int folder, string path, string shown)
    {
        if (statx(folder, path, AtSymlinkNoFollow, BasicStats, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOTDIR: a parent is not a folder, so nothing is at the path (the parent is checked on its own).
            if (errno is NoEntry or NotFolder) return (Kind.Missing, default);
            throw Engine.FileErrors.FromErrno(errno, shown);
        }
        return (buffer.Mode & TypeMask) switch
        {
            RegularFile => (Kind.File, buffer.State),
            Folder => (Kind.Folder, buffer.State),
            _ => (Kind.Other, default),
        };
    }

    /// <summary>The length, write time and inode of the open file <paramref name="file"/>.</summary>
    public static FileState Of(SafeFileHandle file)
    {
        if (statx((int)file.DangerousGetHandle(), "", AtEmptyPath, BasicStats, out var buffer) != 0)
            throw Engine.FileErrors.FromErrno(Marshal.GetLastPInvokeError(), "an open output file");
        return buffer.State;
    }

    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint BasicStats = 0x7ff;
    private const int NoEntry = 2, NotFolder = 20;
    private const ushort TypeMask = 0xF000, RegularFile = 0x8000, Folder = 0x4000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timestamp
    {
        public long Seconds;
        public uint Nanoseconds;
        private readonly int _reserved;
    }

    // struct statx (linux/stat.h), 256 bytes.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct Statx
    {
        public uint Mask, BlockSize;
        public ulong Attributes;
        public uint Links, Uid, Gid;
        public ushort Mode;
        private readonly ushort _spare;
        public ulong Inode, Size, Blocks, AttributesMask;
        public Timestamp Accessed, Born, Changed, Modified;

        // The ticks .NET gives as LastWriteTimeUtc for the same file (what OutputScan and the build cache hold).
        public readonly FileState State =>
            new((long)Size, DateTime.UnixEpoch.Ticks + Modified.Seconds * TimeSpan.TicksPerSecond + Modified.Nanoseconds / 100, Inode);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, out Statx buffer);
}
