using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using StaticNews.Content;
using static StaticNews.Engine.Errno;

namespace StaticNews.Engine;

/// <summary>
/// The input's listing on Linux (<see cref="FileStat.Available"/>): each folder is opened once, never through a link,
/// its entries read from it (getdents64, which gives each one's type) and each file's size and time asked of it by
/// name. A listing by full paths has the kernel find every folder from the root again for each file, and .NET's asks
/// the user's id once per entry to tell a read-only file: in a large archive, most of a build with nothing changed.
/// </summary>
internal static class FolderListing
{
    /// <summary>
    /// Adds the files of <paramref name="folder"/> (a full path under <paramref name="root"/>, which ends with a
    /// separator) by their '/'-separated paths relative to <paramref name="root"/>. Its folders are listed too if
    /// <paramref name="recurse"/>, else go to <paramref name="subfolders"/> as full paths. False at the first link or
    /// other special file; a file or folder removed while it is listed is left out.
    /// </summary>
    public static bool List(string root, string folder, DateTime listedAt, bool recurse, List<(string, FileStamp?)> files, List<string>? subfolders)
    {
        using var opened = FileStat.OpenFolder(null, folder, out var errno);
        if (opened is null) return Gone(errno, folder);
        var relative = folder.Length > root.Length ? folder[root.Length..].Replace(Path.DirectorySeparatorChar, '/') + "/" : "";
        return List(opened, folder, relative, listedAt, recurse, files, subfolders);
    }

    private static bool List(SafeFileHandle folder, string path, string relative, DateTime listedAt, bool recurse, List<(string, FileStamp?)> files, List<string>? subfolders)
    {
        var folders = new List<string>();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long read;
            while ((read = getdents64((int)folder.DangerousGetHandle(), buffer, BufferSize)) != 0)
            {
                if (read < 0) throw FileErrors.FromErrno(Marshal.GetLastPInvokeError(), path);
                // Each entry (struct linux_dirent64): inode (8 bytes), offset (8), its own length (2), type (1), the name and a NUL.
                for (var at = 0; at < read; at += MemoryMarshal.Read<ushort>(buffer.AsSpan(at + 16)))
                {
                    var name = buffer.AsSpan(at + 19);
                    name = name[..(name.IndexOf((byte)0) + 1)];
                    if (name is [(byte)'.', 0] or [(byte)'.', (byte)'.', 0]) continue;
                    var type = buffer[at + 18];
                    if (type == Folder)
                    {
                        folders.Add(Encoding.UTF8.GetString(name[..^1]));
                        continue;
                    }
                    // Not every file system gives the type: then it is asked, as it is of a file (which cannot be told from a link otherwise).
                    if (type is not (RegularFile or Unknown)) return false;
                    var (kind, state) = FileStat.Of(folder, path, name);
                    switch (kind)
                    {
                        case FileStat.Kind.File:
                            files.Add((Joined(relative, name[..^1]), FileStamp.Of(state.Length, new DateTime(state.WriteTicks, DateTimeKind.Utc), listedAt)));
                            break;
                        case FileStat.Kind.Folder:
                            folders.Add(Encoding.UTF8.GetString(name[..^1]));
                            break;
                        case FileStat.Kind.Other:
                            return false;
                    }
                }
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }

        foreach (var name in folders)
        {
            var full = Path.Join(path, name);
            if (!recurse)
            {
                subfolders!.Add(full);
                continue;
            }
            using var below = FileStat.OpenFolder(folder, name, out var errno);
            if (below is null)
            {
                if (Gone(errno, full)) continue;
                return false;
            }
            if (!List(below, full, relative + name + "/", listedAt, recurse, files, subfolders)) return false;
        }
        return true;
    }

    /// <summary>For a folder that could not be opened: true if it is gone (there is nothing to list), false if it is a link or not a folder; any other failure is thrown.</summary>
    private static bool Gone(int errno, string path) => errno switch
    {
        NoEntry => true,
        Loop or NotFolder => false,
        _ => throw FileErrors.FromErrno(errno, path),
    };

    /// <summary><paramref name="relative"/> and the UTF-8 <paramref name="name"/> (a file name's at most 255 bytes) made into one string.</summary>
    private static string Joined(string relative, ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[256];
        return string.Concat(relative, chars[..Encoding.UTF8.GetChars(name, chars)]);
    }

    private const int BufferSize = 32 * 1024;
    private const byte Unknown = 0, Folder = 4, RegularFile = 8;

    [DllImport("libc", SetLastError = true)]
    private static extern long getdents64(int fd, byte[] buffer, nuint count);
}
