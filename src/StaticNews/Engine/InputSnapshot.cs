using System.Buffers.Binary;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Text;
using StaticNews.Content;
using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// The size and write time of every file in the input folder, listed without reading one: what tells a build that
/// nothing it reads has changed since the published site was built (see <see cref="LastBuild"/>), and the files the
/// content stage reads. It can stand for the input only when it holds no symbolic link (a target can change without
/// the link, and may lie outside the input); otherwise it is not <see cref="Trusted"/>. A file written too recently to
/// trust its time (<see cref="FileStamp.RacyWindow"/>: a story saved just before the build, the usual case for a
/// breaking one) is listed without a stamp (<see cref="Unstamped"/>), so it is read; the listing alone then vouches for
/// nothing, and a later one matches it only through the stamps such files have once they have settled (<see cref="Settle"/>).
/// <para>
/// What the next build compares is its <see cref="Digest"/>, not the listing: a large archive lists hundreds of
/// thousands of files, which a record of them would make every build read and write again.
/// </para>
/// </summary>
public sealed class InputSnapshot
{
    private InputSnapshot(List<(string Path, FileStamp? Stamp)>[] runs, bool trusted, int parallelism = -1)
    {
        _runs = runs;
        Trusted = trusted;
        Unstamped = trusted ? [.. Files.Where(file => file.Stamp is null).Select(file => file.Path)] : [];
        if (!trusted) return;
        _runDigests = new Fingerprint[runs.Length];
        // On every core, each with its hasher: a large archive's listing is a hundred thousand runs (a folder each).
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, () => new XxHash128(),
            (i, _, hash) => { _runDigests[i] = DigestOf(runs[i], null, hash)!.Value; return hash; }, _ => { });
        Digest = Combined(_runDigests);
    }

    // The digest of each run (see DigestOf), in the order of the runs: what Digest is made of, and what tells a story's
    // folder from what it was (see StoryFolders).
    private readonly Fingerprint[] _runDigests = [];

    // The files in runs that follow one another in ordinal order (see InOrder), each listed by one thread: not copied into
    // one list of the archive's hundreds of thousands of files, a large object made only to be read once.
    private readonly List<(string Path, FileStamp? Stamp)>[] _runs;

    /// <summary>Every file, by its path relative to the input folder ('/'-separated), in ordinal order; no stamp if written too recently to trust it.</summary>
    public IEnumerable<(string Path, FileStamp? Stamp)> Files
    {
        get
        {
            foreach (var run in _runs)
                foreach (var file in run) yield return file;
        }
    }

    /// <summary>
    /// The files in runs: the top two levels' files a run each, then each folder two levels down (a story's folder under
    /// articles/) with everything in it, in the order of <see cref="Files"/>.
    /// </summary>
    internal IReadOnlyList<List<(string Path, FileStamp? Stamp)>> Runs => _runs;

    /// <summary>The digest of <see cref="Runs"/>[<paramref name="run"/>]: its files' paths and stamps, a mark where a file has none. Only of a trusted snapshot.</summary>
    internal Fingerprint RunDigest(int run) => _runDigests[run];

    /// <summary>False if the input holds a link (or another special file): such a snapshot is not used at all.</summary>
    public bool Trusted { get; }

    /// <summary>The files listed without a stamp (written too recently to trust their time), in the listing's order.</summary>
    public IReadOnlyList<string> Unstamped { get; }

    /// <summary>
    /// A hash of every file's path and, for each file with a stamp, its size and write time, in the listing's order (the
    /// digests of its runs, hashed in turn); null if the snapshot is not trusted. What a later listing is compared with (<see cref="DigestAsIfUnstamped"/>).
    /// </summary>
    public Fingerprint? Digest { get; }

    /// <summary>
    /// The <see cref="Digest"/> this listing would have if the files of <paramref name="settled"/> had been listed without a
    /// stamp: null unless each of them is listed here with the stamp it gives and every other file has a stamp. Equal to
    /// an earlier listing's digest, it says that nothing changed since, those files included (they had settled, holding
    /// what the build read, see <see cref="Settle"/>). A listing with a file of its own too new to stamp matches none.
    /// With none settled (as after most builds) it is the <see cref="Digest"/> already made, not the listing hashed again.
    /// </summary>
    public Fingerprint? DigestAsIfUnstamped(IReadOnlyDictionary<string, FileStamp> settled) =>
        !Trusted ? null : settled.Count == 0 ? (Unstamped.Count == 0 ? Digest : null) : DigestAsIf(settled);

    private Fingerprint? DigestAsIf(IReadOnlyDictionary<string, FileStamp> settled)
    {
        var run = new XxHash128();
        var digests = new List<Fingerprint>(_runs.Length);
        for (var i = 0; i < _runs.Length; i++)
        {
            // Hashed again only where a file was listed without a stamp or has one of those given.
            if (!_runs[i].Exists(file => file.Stamp is null || settled.ContainsKey(file.Path))) digests.Add(_runDigests[i]);
            else if (DigestOf(_runs[i], settled, run) is { } digest) digests.Add(digest);
            else return null;
        }
        return Combined(digests);
    }

    /// <summary>The digest of a listing whose runs have <paramref name="digests"/>, in order (or of a part of one: see StoryFolders).</summary>
    internal static Fingerprint Combined(IEnumerable<Fingerprint> digests)
    {
        var hash = new XxHash128();
        Span<byte> bytes = stackalloc byte[Fingerprint.Size];
        foreach (var digest in digests)
        {
            digest.Write(bytes);
            hash.Append(bytes);
        }
        return Fingerprint.Of(hash.GetCurrentHashAsUInt128());
    }

    /// <summary>
    /// The stamps the files of <paramref name="unstamped"/> (paths relative to <paramref name="inputDirectory"/>) have
    /// now, if each has settled (it is older than <see cref="FileStamp.RacyWindow"/>, and its stamp held while it was read)
    /// and holds the bytes the build read from it (<paramref name="read"/>: their hash by path, null for a file not read as
    /// one). Null if one has not: a file changed since the build read it, or too new still. A breaking story is saved just
    /// before its build, which takes longer than the window at a large archive's size; with these stamps the next build
    /// finds the site up to date instead of building it again.
    /// </summary>
    public static Dictionary<string, FileStamp>? Settle(string inputDirectory, IReadOnlyList<string> unstamped, Func<string, Fingerprint?> read)
    {
        var settled = new Dictionary<string, FileStamp>(unstamped.Count, StringComparer.Ordinal);
        foreach (var relative in unstamped)
        {
            if (read(relative) is not { } hash || StampOf(inputDirectory, relative, hash) is not { } stamp) return null;
            settled[relative] = stamp;
        }
        return settled;
    }

    private static FileStamp? StampOf(string inputDirectory, string relative, Fingerprint hash)
    {
        var path = Path.Join(inputDirectory, relative);
        try
        {
            // Stamped before and after the read, as a listing would stamp it now: a link, a pipe or a file written again meanwhile is not vouched for.
            if (InputPaths.NotAFile(path, relative) is not null || FileStamp.Of(new FileInfo(path), DateTime.UtcNow) is not { } before) return null;
            if (Fingerprint.Of(SourceText.ReadBytes(path, relative)) != hash) return null;
            return FileStamp.Of(new FileInfo(path), DateTime.UtcNow) == before ? before : null;
        }
        catch (Exception e) when (FileErrors.Are(e) || e is InputException) { return null; }
    }

    /// <summary>Lists <paramref name="inputDirectory"/> (a missing folder lists as empty, and the build reports it).</summary>
    /// <param name="parallelism">How many folders are listed at once (-1: as many as the machine runs).</param>
    public static InputSnapshot Take(string inputDirectory, int parallelism = -1) => Take(inputDirectory, parallelism, null, null);

    /// <summary>
    /// Lists <paramref name="inputDirectory"/> again, taking from <paramref name="previous"/> (a listing of the same
    /// folder) the files of each folder two levels down that <paramref name="changed"/> does not name, by its path
    /// relative to the input ("articles/some-story"). The top two levels are always listed, so a folder added or removed
    /// there is seen; a folder whose listing had a file too new to stamp is listed again. Only as good as what names the
    /// changes: a watcher of the input (see <see cref="InputChanges"/>).
    /// </summary>
    public static InputSnapshot Update(InputSnapshot previous, IReadOnlySet<string> changed, string inputDirectory, int parallelism = -1) =>
        Take(inputDirectory, parallelism, previous, changed);

    private static InputSnapshot Take(string inputDirectory, int parallelism, InputSnapshot? previous, IReadOnlySet<string>? changed)
    {
        var listedAt = DateTime.UtcNow;
        var root = Path.GetFullPath(inputDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!Directory.Exists(root) || FileLinks.IsSymbolicLink(new DirectoryInfo(root.TrimEnd(Path.DirectorySeparatorChar)))) return new([], false);
        // The folders two levels down (each story's folder under articles/) are listed in parallel: in a large archive
        // the listing is all the work a build with nothing changed does.
        var files = new List<(string, FileStamp?)>();
        var folders = new List<string>();
        if (!List(root, root, listedAt, recurse: false, files, folders)) return new([], false);
        var deeper = new List<string>();
        foreach (var folder in folders)
            if (!List(root, folder, listedAt, recurse: false, files, deeper)) return new([], false);
        var listed = new List<(string, FileStamp?)>[deeper.Count];
        var kept = previous is { Trusted: true } ? previous.RunsByFolder() : null;
        var trusted = true;
        Parallel.For(0, deeper.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, (i, loop) =>
        {
            if (kept is not null)
            {
                var folder = deeper[i][root.Length..].Replace(Path.DirectorySeparatorChar, '/');
                if (!changed!.Contains(folder) && kept.TryGetValue(folder, out var run))
                {
                    listed[i] = run;
                    return;
                }
            }
            var found = new List<(string, FileStamp?)>();
            if (List(root, deeper[i], listedAt, recurse: true, found, null))
            {
                found.Sort(ByPath);
                listed[i] = found;
            }
            else
            {
                trusted = false;
                loop.Stop();
            }
        });
        if (!trusted) return new([], false);
        return new InputSnapshot(InOrder(files, listed), trusted: true, parallelism);
    }

    /// <summary>
    /// The runs of the folders two levels down that can be taken as they are, by the folder's relative path: every file
    /// stamped. A file too new to trust its time was listed without a stamp, and its folder is listed again until it can be.
    /// </summary>
    private Dictionary<string, List<(string Path, FileStamp? Stamp)>> RunsByFolder()
    {
        var runs = new Dictionary<string, List<(string, FileStamp?)>>(_runs.Length, StringComparer.Ordinal);
        foreach (var run in _runs)
        {
            var first = run[0].Path;
            var slash = first.IndexOf('/');
            // Every run of a deeper folder has its files two levels down or deeper; a run of one file higher up is listed again anyway.
            var second = slash < 0 ? -1 : first.IndexOf('/', slash + 1);
            if (second < 0 || run.Exists(file => file.Stamp is null)) continue;
            runs[first[..second]] = run;
        }
        return runs;
    }

    private static readonly Comparison<(string Path, FileStamp? Stamp)> ByPath = (a, b) => string.CompareOrdinal(a.Path, b.Path);

    /// <summary>
    /// The files of the top two levels (each a run of one) and each deeper folder's files (each sorted by the thread that
    /// listed them) as runs in ordinal order, without sorting the whole archive's paths again on one thread: every path
    /// under a folder F starts with "F/", and the paths that do are contiguous in ordinal order, so no other file or
    /// folder's run falls among them. Ordering the runs by their first paths orders everything; the first paths are sorted
    /// as an array of their own, which a sort walks faster than the runs.
    /// </summary>
    private static List<(string, FileStamp?)>[] InOrder(List<(string Path, FileStamp?)> shallow, List<(string Path, FileStamp?)>[] deeper)
    {
        var count = shallow.Count;
        foreach (var run in deeper) if (run.Count > 0) count++;
        var runs = new List<(string, FileStamp?)>[count];
        var firstPaths = new string[count];
        var at = 0;
        foreach (var file in shallow) (runs[at], firstPaths[at++]) = ([file], file.Path);
        foreach (var run in deeper) if (run.Count > 0) (runs[at], firstPaths[at++]) = (run, run[0].Path);
        Array.Sort(firstPaths, runs, StringComparer.Ordinal);
        return runs;
    }

    /// <summary>
    /// Adds the files of <paramref name="folder"/> (and of its subfolders if <paramref name="recurse"/>, else the
    /// subfolders go to <paramref name="subfolders"/>). False at the first link or other special file. On Linux through
    /// <see cref="FolderListing"/>; elsewhere through .NET, whose attributes tell a link.
    /// </summary>
    private static bool List(string root, string folder, DateTime listedAt, bool recurse, List<(string, FileStamp?)> files, List<string>? subfolders)
    {
        if (FileStat.Available) return FolderListing.List(root, folder, listedAt, recurse, files, subfolders);
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new FileSystemEnumerable<(string? Path, FileStamp? Stamp, bool IsFolder)>(folder, (ref FileSystemEntry entry) =>
        {
            // The attributes come from lstat: a link is seen as a link, never followed.
            if ((entry.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.System)) != 0) return (null, null, false);
            if (entry.IsDirectory) return (Path.Join(entry.Directory, entry.FileName), null, true);
            return (Relative(root, entry.Directory, entry.FileName), FileStamp.Of(entry.Length, entry.LastWriteTimeUtc.UtcDateTime, listedAt), false);
        }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !(recurse && entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var (path, stamp, isFolder) in entries)
        {
            if (path is null) return false;
            if (isFolder) subfolders!.Add(path);
            else files.Add((path, stamp));
        }
        return true;
    }

    /// <summary>The path of <paramref name="fileName"/> in <paramref name="directory"/> relative to <paramref name="root"/>, '/'-separated, made in one string.</summary>
    private static string Relative(string root, ReadOnlySpan<char> directory, ReadOnlySpan<char> fileName)
    {
        // root ends with a separator; a file in the root itself has its directory without it.
        var folder = directory.Length > root.Length ? directory[root.Length..] : [];
        var relative = folder.Length == 0 ? new string(fileName) : string.Concat(folder, "/", fileName);
        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// The digest of <paramref name="files"/>: each file's path and its stamp, or a mark where it has none. With
    /// <paramref name="settled"/>, its files count as unstamped if they have the stamp it gives (else null), and any
    /// other file without a stamp makes it null.
    /// </summary>
    private static Fingerprint? DigestOf(List<(string Path, FileStamp? Stamp)> files, IReadOnlyDictionary<string, FileStamp>? settled, XxHash128 hash)
    {
        hash.Reset();
        Span<byte> numbers = stackalloc byte[3 * sizeof(long)];
        // Room for most paths without an array: each run is hashed on its own, a hundred thousand of them in a large archive.
        Span<byte> bytes = stackalloc byte[512];
        foreach (var (path, stamp) in files)
        {
            var counted = stamp;
            if (settled is not null)
            {
                if (settled.TryGetValue(path, out var expected))
                {
                    if (stamp != expected) return null;
                    counted = null;
                }
                else if (stamp is null) return null;
            }
            if (Encoding.UTF8.GetMaxByteCount(path.Length) > bytes.Length) bytes = new byte[Encoding.UTF8.GetMaxByteCount(path.Length)];
            var length = Encoding.UTF8.GetBytes(path, bytes);
            // Its length before each path: ("ab", then "c") and ("a", then "bc") differ. No stamp has a negative size.
            BinaryPrimitives.WriteInt64LittleEndian(numbers, length);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], counted?.Length ?? -1);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[16..], counted?.WriteTicks ?? 0);
            hash.Append(numbers[..8]);
            hash.Append(bytes[..length]);
            hash.Append(numbers[8..]);
        }
        return Fingerprint.Of(hash.GetCurrentHashAsUInt128());
    }
}
