using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using StaticNews.Publish;
using static StaticNews.Engine.Errno;

namespace StaticNews.Engine;

/// <summary>
/// What is at a path, without following a link (lstat), with the inode that tells the file StaticNews published from
/// another one put in its place with the same size and time; and folders opened the same way, for what is done inside
/// them by name (an in-place publish, the input's listing). Through Linux's statx, whose buffer has one layout on
/// every architecture; elsewhere <see cref="Available"/> is false: publishing swaps whole trees, and .NET lists the input.
/// </summary>
internal static class FileStat
{
    public enum Kind { Missing, File, Folder, Other }

    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>
    /// Opens the folder <paramref name="name"/> in the open <paramref name="folder"/> (null: <paramref name="name"/> is a
    /// path, of which only the last name must not be a link), never through a link: the handle, or null and the errno
    /// (ELOOP or ENOTDIR for a link or a file there).
    /// </summary>
    public static SafeFileHandle? OpenFolder(SafeFileHandle? folder, string name, out int errno)
    {
        var fd = openat(folder is null ? AtFdCwd : (int)folder.DangerousGetHandle(), name, OpenFolderFlags, 0);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The kind of entry at <paramref name="path"/>, and for a file or folder its length, write time and inode.</summary>
    public static (Kind Kind, FileState State) Of(string path) => Of(AtFdCwd, path, path);

    /// <summary>The kind of entry <paramref name="name"/> in the open <paramref name="folder"/>, as <see cref="Of(string)"/>; <paramref name="shown"/> is its path for an error.</summary>
    public static (Kind Kind, FileState State) Of(SafeFileHandle folder, string name, string shown) => Of((int)folder.DangerousGetHandle(), name, shown);

    /// <summary>
    /// The kind of entry named by <paramref name="name"/> (UTF-8 with its closing NUL, as a folder listing gives it) in the
    /// open <paramref name="folder"/> at <paramref name="folderPath"/>, as <see cref="Of(string)"/>: no string is made for it.
    /// </summary>
    public static (Kind Kind, FileState State) Of(SafeFileHandle folder, string folderPath, ReadOnlySpan<byte> name)
    {
        if (statx((int)folder.DangerousGetHandle(), ref MemoryMarshal.GetReference(name), AtSymlinkNoFollow, BasicStats, out var buffer) != 0)
            return Failed(Marshal.GetLastPInvokeError(), Path.Join(folderPath, System.Text.Encoding.UTF8.GetString(name[..^1])));
        return Described(buffer);
    }

    private static (Kind Kind, FileState State) Of(int folder, string path, string shown)
    {
        if (statx(folder, path, AtSymlinkNoFollow, BasicStats, out var buffer) != 0) return Failed(Marshal.GetLastPInvokeError(), shown);
        return Described(buffer);
    }

    // ENOTDIR: a parent is not a folder, so nothing is at the path (the parent is checked on its own).
    private static (Kind Kind, FileState State) Failed(int errno, string shown) =>
        errno is NoEntry or NotFolder ? (Kind.Missing, default) : throw FileErrors.FromErrno(errno, shown);

    private static (Kind Kind, FileState State) Described(in Statx buffer) => (buffer.Mode & TypeMask) switch
    {
        RegularFile => (Kind.File, buffer.State),
        Folder => (Kind.Folder, buffer.State),
        _ => (Kind.Other, default),
    };

    /// <summary>The length, write time and inode of the open file <paramref name="file"/>.</summary>
    public static FileState Of(SafeFileHandle file)
    {
        if (statx((int)file.DangerousGetHandle(), "", AtEmptyPath, BasicStats, out var buffer) != 0)
            throw FileErrors.FromErrno(Marshal.GetLastPInvokeError(), "an open output file");
        return buffer.State;
    }

    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint BasicStats = 0x7ff;
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

    // O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC. The first two flags' values differ by architecture: Arm and
    // PowerPC have their own, the others asm-generic's.
    private static readonly int OpenFolderFlags = 0x80000 | (RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm or Architecture.Ppc64le
        ? 0x4000 | 0x8000
        : 0x10000 | 0x20000);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int dirfd, string path, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, out Statx buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, ref byte path, int flags, uint mask, out Statx buffer);
}
