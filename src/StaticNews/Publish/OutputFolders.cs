using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using StaticNews.Engine;
using static StaticNews.Engine.Errno;

namespace StaticNews.Publish;

/// <summary>
/// The output's folders opened one below the other from the output's own, never through a link (openat with
/// O_NOFOLLOW), for an in-place publish: each file is put or removed by name inside the folder so opened, so a folder
/// swapped for a link after <see cref="InPlaceUpdate.Check"/> is refused, not written or removed through. Every path
/// is walked afresh: a folder held open since an earlier step could have been moved out of the output meanwhile.
/// Linux only, as in-place publishing is (<see cref="FileStat.Available"/>).
/// </summary>
internal sealed class OutputFolders : IDisposable
{
    private readonly string _output;
    private readonly SafeFileHandle _root;

    public OutputFolders(string output)
    {
        _output = output;
        // The output folder itself is where the user pointed (it may be reached through a link of theirs); below it, nothing is followed.
        _root = FileStat.OpenFolder(null, output, out var errno) ?? throw FileErrors.FromErrno(errno, output);
    }

    /// <summary>Renames <paramref name="staged"/> to <paramref name="path"/> of the output (rename(2): a reader sees the old file or the new one), making its missing folders.</summary>
    public void Put(string staged, string path)
    {
        using var folder = FolderOf(path, make: true)!;
        if (renameat(AtFdCwd, staged, Fd(folder), Name(path)) != 0) throw FileErrors.FromErrno(Marshal.GetLastPInvokeError(), Full(path));
    }

    /// <summary>Removes the file at <paramref name="path"/> if it is still the one published as <paramref name="published"/>; a folder on the way that is missing or not a folder means it is not there.</summary>
    public void RemoveIfStill(string path, FileState published)
    {
        using var folder = FolderOf(path, make: false);
        if (folder is null) return;
        var (kind, state) = FileStat.Of(folder, Name(path), Full(path));
        if (kind != FileStat.Kind.File || !state.IsStill(published)) return;
        if (unlinkat(Fd(folder), Name(path), 0) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != NoEntry)
            throw FileErrors.FromErrno(errno, Full(path));
    }

    /// <summary>Removes the folder <paramref name="path"/> if it is empty (rmdir(2) removes nothing else, and no link).</summary>
    public void RemoveIfEmpty(string path)
    {
        using var folder = FolderOf(path, make: false);
        if (folder is null) return;
        if (unlinkat(Fd(folder), Name(path), RemoveFolder) != 0 && Marshal.GetLastPInvokeError() is var errno && errno is not (NoEntry or NotEmpty or NotFolder or Exists))
            throw FileErrors.FromErrno(errno, Full(path));
    }

    /// <summary>
    /// The folder that holds <paramref name="path"/>, opened from the output's without following a link. A missing folder
    /// is made when <paramref name="make"/>, else the answer is null; a link or a file on the way is refused.
    /// </summary>
    private SafeFileHandle? FolderOf(string path, bool make)
    {
        var folder = Reopen(_root);
        for (var start = 0; path.IndexOf('/', start) is var slash and > 0; start = slash + 1)
        {
            var name = path[start..slash];
            var below = FileStat.OpenFolder(folder, name, out var errno);
            if (below is null && errno == NoEntry && make)
            {
                if (mkdirat(Fd(folder), name, 0b111_101_101) != 0 && Marshal.GetLastPInvokeError() is var made && made != Exists)
                {
                    folder.Dispose();
                    throw FileErrors.FromErrno(made, Full(path[..slash]));
                }
                below = FileStat.OpenFolder(folder, name, out errno);
            }
            folder.Dispose();
            if (below is not null) { folder = below; continue; }
            if (errno == NoEntry) return null;
            if (errno is Loop or NotFolder)
                throw new OutputRefusedException($"{Full(path[..slash])} is not a folder (a link, or a file put there): StaticNews never writes through it; move it out of {_output}");
            throw FileErrors.FromErrno(errno, Full(path[..slash]));
        }
        return folder;
    }

    private SafeFileHandle Reopen(SafeFileHandle folder) => FileStat.OpenFolder(folder, ".", out var errno) ?? throw FileErrors.FromErrno(errno, _output);

    private static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    private string Full(string path) => Path.Combine(_output, path);

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    public void Dispose() => _root.Dispose();

    private const int AtFdCwd = -100, RemoveFolder = 0x200;

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdirat(int dirfd, string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat(int olddirfd, string oldpath, int newdirfd, string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlinkat(int dirfd, string path, int flags);
}
