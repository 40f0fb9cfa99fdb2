using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// Where pipelines write their files (see <see cref="Publication"/>): into a staging folder, never into the published
/// site, so a failed build changes nothing. Each file is written as soon as it is rendered (memory stays flat however
/// large the site). A file whose bytes equal the published one is not written: the published file is hard-linked
/// into the staging folder instead (in <see cref="Stage"/>, and only if the build publishes at all), so unchanged
/// files keep their identity. With a <see cref="BuildCache"/>, a file whose inputs are unchanged (same
/// <see cref="Fingerprint"/>) is not even rendered: see <see cref="Write(string, string, Action{Stream}, string)"/>.
/// </summary>
public sealed class OutputSink
{
    // What claims each path this build makes, and the fingerprint it is made from (none for a file written without one).
    // A published path's claim is held by its position in the published files (most builds claim nearly all of them
    // again, hundreds of thousands); a path not published yet is a new one, in a table of its own.
    private readonly string?[] _publishedClaimants;
    private readonly Fingerprint?[] _publishedFingerprints;
    private readonly ConcurrentDictionary<string, PathClaim> _newClaims;
    // Counted apart: every published path's claim asks whether a new one was made, and the table's Count takes all its locks.
    private int _newClaimCount;
    // The names found wanted both as a file and as a folder: each is one error.
    private readonly ConcurrentDictionary<string, bool> _fileAndFolderNames = new(StringComparer.Ordinal);
    // The folders of the new paths (relative, '/'-separated, without the root), with what claimed each (a path can't be
    // both a file and a folder), and of any file written, whether this build made it in the staging tree. A site is
    // mostly one folder per page, so each is held as a slice of a path, not a string of its own; and a folder made is
    // remembered because asking the file system again for each parent costs more than writing the page. The folders of
    // published paths are not recorded when they are claimed: two published files cannot be a file and a folder of one
    // another, so only a new path can stand where another is wanted as a folder, and its claim looks for that.
    private readonly ConcurrentDictionary<ReadOnlyMemory<char>, FolderClaim> _claimedFolders;
    private volatile bool _rootMade;
    private readonly string? _published;
    private readonly FileTable _publishedFiles;
    // True if the published files' state was taken from the record, not from a listing of the output: a kept file the
    // build reads back is then looked at first (one stat), since it may have been deleted or replaced by hand since.
    private readonly bool _recordedOnly;
    // Kept files found deleted or changed by hand where the build read them back, too late to render them again.
    private readonly ConcurrentDictionary<string, bool> _notAsPublished = new(StringComparer.Ordinal);
    // Kept files looked at when they were kept (TryKeep's readBack): read back without a second look.
    private readonly ConcurrentDictionary<string, bool> _lookedAt = new(StringComparer.Ordinal);
    private readonly BuildCache? _cache;
    // By position, the published files that stay as they are. They are linked into the staging folder only if the
    // build publishes at all (see Stage): a build that changes nothing touches no file.
    private readonly bool[] _unchangedAt;
    // The files this build wrote, with their state as written (unknown for a copied file where there is no FileStat).
    private readonly ConcurrentDictionary<string, FileState?> _writtenPaths = new(StringComparer.Ordinal);
    // The first failure to write (a full disk...): reported once, and every write after it stops at once.
    private Exception? _failure;
    private int _written, _kept, _claimedPublished;
    // The files made from a fingerprint that were rendered, not kept: all the build cache has to bring up to date, since a
    // kept file's entry is the one it was kept by.
    private readonly ConcurrentQueue<(string Path, Fingerprint Fingerprint)> _rendered = new();

    /// <param name="stagingDirectory">The empty folder the new site is written into.</param>
    /// <param name="publishedDirectory">The published output, or null if there is none.</param>
    /// <param name="publishedFiles">Its files as they stand (see <see cref="OutputScan"/>), or (<paramref name="recordedOnly"/>) as they were recorded when published (<see cref="OutputRecord"/>).</param>
    internal OutputSink(string stagingDirectory, string? publishedDirectory = null, IReadOnlyDictionary<string, FileState>? publishedFiles = null, BuildCache? cache = null,
        bool recordedOnly = false)
    {
        _recordedOnly = recordedOnly;
        Root = Path.GetFullPath(stagingDirectory);
        _published = publishedDirectory is null ? null : Path.GetFullPath(publishedDirectory);
        _publishedFiles = _published is null || publishedFiles is null ? new FileTable() : publishedFiles as FileTable ?? new FileTable(publishedFiles);
        _cache = cache;
        _publishedClaimants = new string?[_publishedFiles.Positions];
        _publishedFingerprints = new Fingerprint?[_publishedFiles.Positions];
        _unchangedAt = new bool[_publishedFiles.Positions];
        // A first build makes only new paths: sized for that, since growing a concurrent table locks it whole and makes
        // every entry again, step after step up to hundreds of thousands (a site is mostly one folder per file).
        var expected = _publishedFiles.Count == 0 ? 1 << 12 : 31;
        _newClaims = new(Environment.ProcessorCount, expected, StringComparer.Ordinal);
        _claimedFolders = new(Environment.ProcessorCount, expected, CharSliceComparer.Ordinal);
    }

    public string Root { get; }

    /// <summary>A sink that refuses every write: for runs that must not touch the disk (`staticnews check`).</summary>
    public static OutputSink ReadOnly() => new();

    private OutputSink()
    {
        Root = "";
        _publishedFiles = new FileTable();
        _publishedClaimants = [];
        _publishedFingerprints = [];
        _unchangedAt = [];
        _newClaims = new(StringComparer.Ordinal);
        _claimedFolders = new(CharSliceComparer.Ordinal);
        IsReadOnly = true;
    }

    public bool IsReadOnly { get; }

    /// <summary>Every path written, relative to the output root with '/' separators.</summary>
    public IEnumerable<string> Paths
    {
        // The new paths' table is enumerated in place: its Keys would copy a first build's hundreds of thousands of
        // entries into a new array, a large-object allocation, which starts a full garbage collection of the whole heap.
        get
        {
            for (var position = 0; position < _publishedClaimants.Length; position++)
                if (_publishedClaimants[position] is not null) yield return _publishedFiles.PathAt(position)!;
            foreach (var (path, _) in _newClaims) yield return path;
        }
    }

    /// <summary>How many paths this build makes.</summary>
    public int PathCount => _claimedPublished + _newClaimCount;

    public int WrittenCount => _written;
    /// <summary>Files not rendered at all because their inputs were unchanged (hard-linked from the previous output).</summary>
    public int KeptCount => _kept;

    /// <summary>True if publishing this build would change nothing: no file written, and every published file claimed again.</summary>
    internal bool ChangesNothing => _written == 0 && _publishedFiles.Count == PathCount;

    /// <summary>The length and last-write time of a file this build wrote (null for a copied one without <see cref="FileStat"/>), as a stat of it would give.</summary>
    internal FileState? WrittenState(string path) => _writtenPaths.GetValueOrDefault(path);

    /// <summary>The files this build wrote into the staging folder.</summary>
    internal IEnumerable<string> WrittenPaths => _writtenPaths.Keys;

    /// <summary>The files this build publishes as they are: kept, or rendered to the same bytes.</summary>
    internal IEnumerable<string> UnchangedPaths
    {
        get
        {
            for (var position = 0; position < _unchangedAt.Length; position++)
                if (_unchangedAt[position]) yield return _publishedFiles.PathAt(position)!;
        }
    }

    /// <summary>The state <paramref name="path"/> will have in the published site: as written, or as the published file stands.</summary>
    internal FileState? PublishedStateAfter(string path) => WrittenState(path) ?? PublishedState(path);

    /// <summary>The length and last-write time of the published file at <paramref name="path"/>, as the build found it.</summary>
    internal FileState? PublishedState(string path) => _publishedFiles.TryGetValue(path, out var state) ? state : null;

    /// <summary>
    /// Completes the staging folder for publishing, so the staged tree is the whole new site: links every
    /// unchanged file from the published output (one hard link each; a copy where links are impossible).
    /// </summary>
    internal void Stage(int parallelism)
    {
        Directory.CreateDirectory(Root);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.ForEach(UnchangedPaths, options, path =>
        {
            var target = Path.Combine(Root, path);
            EnsureFolder(path, "the published site");
            var old = Path.Combine(_published!, path);
            if (!StagingTree.HardLink(old, target)) File.Copy(old, target);
        });
    }

    /// <summary>Who claimed a path, and the fingerprint of its inputs where it was made through a fingerprinted overload.</summary>
    private readonly record struct PathClaim(string Claimant, Fingerprint? Fingerprint);

    /// <summary>Who claimed a folder (the first file in it), and whether this build made it in the staging tree.</summary>
    private readonly record struct FolderClaim(string Claimant, bool Made);

    /// <summary>The fingerprint <paramref name="path"/> was made from, if it was made through a fingerprinted overload.</summary>
    public Fingerprint? FingerprintOf(string path) =>
        _publishedFiles.TryFind(path, out _, out var position) ? _publishedFingerprints[position]
        : _newClaims.TryGetValue(path, out var claim) ? claim.Fingerprint : null;

    /// <summary>The files made through a fingerprinted overload that were rendered (not kept), with their fingerprints: for the next build's cache.</summary>
    internal IEnumerable<(string Path, Fingerprint Fingerprint)> Rendered => _rendered;

    /// <summary>The published files this build does not make; found without a walk of them when it makes them all, as most builds do.</summary>
    internal List<string> UnclaimedPublished()
    {
        var unclaimed = new List<string>();
        if (_claimedPublished == _publishedFiles.Count) return unclaimed;
        for (var position = 0; position < _publishedClaimants.Length; position++)
            if (_publishedClaimants[position] is null && _publishedFiles.PathAt(position) is { } path) unclaimed.Add(path);
        return unclaimed;
    }

    /// <summary>
    /// Writes the file that <paramref name="render"/> writes into a stream (reused, file after file) from inputs
    /// summed up by <paramref name="fingerprint"/> (a <see cref="Fingerprint"/> value). If the previous build
    /// published this path from the same inputs and the file is untouched, it is kept (hard-linked) and
    /// <paramref name="render"/> is not called: this is how an incremental build skips the work of pages that do
    /// not depend on what changed.
    /// </summary>
    public void Write(string path, Fingerprint fingerprint, Action<Stream> render, string claimant)
    {
        if (!TryKeep(path, fingerprint, claimant)) Render(path, fingerprint, render, claimant);
    }

    /// <summary>
    /// Keeps <paramref name="path"/> as published if the previous build made it from the same inputs and the file
    /// is untouched; false if it must be rendered (then through <see cref="Render"/>). For a writer that makes costly
    /// shared parts only for the files that need them (a feed's entries).
    /// </summary>
    /// <param name="readBack">
    /// True if the build reads the kept file back (<see cref="CurrentFile"/>): then it is kept only if it stands as
    /// published, so a file deleted by hand is rendered again, and one changed by hand is never read as StaticNews's
    /// (rendered instead, publishing stops at it by name). Other kept files are not looked at: that would be a stat of
    /// every file of the site in every build.
    /// </param>
    public bool TryKeep(string path, Fingerprint fingerprint, string claimant, bool readBack = false)
    {
        if (!CanKeep(path, fingerprint, readBack, out var stored, out var position)) return false;
        Keep(position, stored, fingerprint, claimant, readBack);
        return true;
    }

    /// <summary>
    /// Keeps <paramref name="path"/> as published, with the fingerprint it was made from, if it is untouched since; false
    /// if it must be made (then through <see cref="Write"/> with its fingerprint). For a writer that knows the file's
    /// inputs are as when it was published without summing them up again (see StoryChanges).
    /// </summary>
    public bool TryKeepAsPublished(ReadOnlySpan<char> path, string claimant)
    {
        if (_cache is null || !_publishedFiles.TryFind(path, out var stored, out var position)) return false;
        if (_cache.FingerprintOf(_publishedFiles, position, _publishedFiles.StateAt(position)) is not { } fingerprint) return false;
        Keep(position, stored, fingerprint, claimant, lookedAt: false);
        return true;
    }

    /// <summary>
    /// True if <paramref name="path"/> is a published file made from <paramref name="fingerprint"/> (and, if
    /// <paramref name="readBack"/>, standing as published): then with the record's own string for it and its position, found
    /// in one look, by which the build cache's entry and the claim are found.
    /// </summary>
    private bool CanKeep(string path, Fingerprint fingerprint, bool readBack, [NotNullWhen(true)] out string? stored, out int position)
    {
        position = -1;
        stored = null;
        if (_cache is null || !_publishedFiles.TryFind(path, out stored, out position)) return false;
        var published = _publishedFiles.StateAt(position);
        return _cache.IsUpToDate(_publishedFiles, position, fingerprint, published) && (!readBack || StandsAsPublished(stored, published));
    }

    private void Keep(int position, string stored, Fingerprint fingerprint, string claimant, bool lookedAt)
    {
        var path = ClaimPublished(position, stored, claimant, fingerprint);
        if (lookedAt && _recordedOnly) _lookedAt.TryAdd(path, true);
        _unchangedAt[position] = true;
        Interlocked.Increment(ref _kept);
    }

    /// <summary>The published files under <paramref name="folder"/> (relative, ending in '/'), as the build found them.</summary>
    public IEnumerable<string> PublishedUnder(string folder) => _publishedFiles.Keys.Where(path => path.StartsWith(folder, StringComparison.Ordinal));

    /// <summary>
    /// Keeps every file of <paramref name="paths"/> as published if each was made from <paramref name="fingerprint"/> and is
    /// untouched, or none of them: for a set of files one tool makes at once (the search index), all or nothing. Each is
    /// looked at (as a kept file read back is): one of them deleted by hand, the set is made again.
    /// </summary>
    public bool TryKeepAll(IReadOnlyCollection<string> paths, Fingerprint fingerprint, string claimant)
    {
        if (paths.Count == 0) return false;
        var kept = new List<(string Stored, int Position)>(paths.Count);
        foreach (var path in paths)
        {
            if (!CanKeep(path, fingerprint, readBack: true, out var stored, out var position)) return false;
            kept.Add((stored, position));
        }
        foreach (var (stored, position) in kept) Keep(position, stored, fingerprint, claimant, lookedAt: true);
        return true;
    }

    /// <summary>Writes the file that <paramref name="render"/> writes into a stream (reused, file after file), recording its fingerprint.</summary>
    public void Render(string path, Fingerprint fingerprint, Action<Stream> render, string claimant)
    {
        var stream = RenderStreams.TryTake(out var reused) ? reused : new MemoryStream();
        try
        {
            stream.SetLength(0);
            render(stream);
            path = Claim(path, claimant, fingerprint);
            _rendered.Enqueue((path, fingerprint));
            WriteClaimed(path, stream.GetBuffer().AsSpan(0, (int)stream.Length), claimant);
        }
        finally { RenderStreams.Add(stream); }
    }

    // Streams files are rendered into, reused: a month's feed archive runs to megabytes, and a new array for each
    // file (or a stream growing to it, copying itself) would be large-object allocations, which start full
    // garbage collections. The pool holds at most one stream per thread rendering at a time.
    private static readonly ConcurrentBag<MemoryStream> RenderStreams = [];

    /// <summary>
    /// The file that holds <paramref name="path"/> as this build makes it: written into the staging folder, or kept as
    /// published. A kept file that is not as published any more (deleted or changed by hand since) is named in
    /// <see cref="NotAsPublished"/> and the build stops (<see cref="BuildStoppedException"/>): it is never read as StaticNews's.
    /// </summary>
    public string CurrentFile(string path)
    {
        if (_writtenPaths.ContainsKey(path)) return Path.Combine(Root, path);
        if (_published is null) throw new InvalidOperationException("no published output");
        if (PublishedState(path) is { } published && !_lookedAt.ContainsKey(path) && !StandsAsPublished(path, published))
        {
            _notAsPublished.TryAdd(path, true);
            throw new BuildStoppedException();
        }
        return Path.Combine(_published, path);
    }

    /// <summary>Kept files the build read back and found deleted or changed by hand (see <see cref="CurrentFile"/>): the build stopped there.</summary>
    internal IReadOnlyCollection<string> NotAsPublished => (IReadOnlyCollection<string>)_notAsPublished.Keys;

    /// <summary>True if the published file at <paramref name="path"/> is still the one published as <paramref name="published"/> (always, if the output was listed by this build).</summary>
    private bool StandsAsPublished(string path, FileState published)
    {
        if (!_recordedOnly) return true;
        var (kind, state) = FileStat.Of(Path.Combine(_published!, path));
        return kind == FileStat.Kind.File && state.IsStill(published);
    }

    public void WriteText(string path, string text, string claimant) => Write(path, Utf8.GetBytes(text), claimant);

    /// <summary>Writes one file. <paramref name="claimant"/> names what produced it, for the duplicate-URL error.</summary>
    public void Write(string path, ReadOnlySpan<byte> bytes, string claimant) => WriteClaimed(Claim(path, claimant, null), bytes, claimant);

    private void WriteClaimed(string path, ReadOnlySpan<byte> bytes, string claimant)
    {
        if (TryReuse(path, bytes)) return;
        StopIfFailed();
        try
        {
            var target = Path.Combine(Root, path);
            EnsureFolder(path, claimant);
            _writtenPaths.TryAdd(path, null);
            // CreateNew: a file is never written over, nor through a link (the staging folder is this build's own).
            using var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
            RandomAccess.Write(handle, bytes, 0);
            // Read on the open file now, while both cores render, rather than by its path in the build's serial end (BuildCache.Update).
            _writtenPaths[path] = FileStat.Available ? FileStat.Of(handle) : new FileState(bytes.Length, File.GetLastWriteTimeUtc(handle).Ticks);
        }
        catch (Exception e) when (FileErrors.Are(e)) { throw Failed(e); }
        Interlocked.Increment(ref _written);
    }

    // The first write the file system refuses (a full disk, a read-only folder) is thrown as it is, and reported; every
    // write after it throws BuildStoppedException at once, which is not reported again: one full disk is one error, not
    // one per page.
    private void StopIfFailed()
    {
        if (Volatile.Read(ref _failure) is not null) throw new BuildStoppedException();
    }

    private Exception Failed(Exception e) => Interlocked.CompareExchange(ref _failure, e, null) is null ? e : new BuildStoppedException();

    /// <summary>Copies a file from the input (images, static files).</summary>
    public void Copy(string path, string sourceFile, string claimant)
    {
        path = Claim(path, claimant, null);
        if (_publishedFiles.TryFind(path, out _, out var position) && _publishedFiles.StateAt(position).Length == new FileInfo(sourceFile).Length
            && PublishedEquals(path, sourceFile))
        {
            _unchangedAt[position] = true;
            return;
        }
        StopIfFailed();
        try
        {
            var target = Path.Combine(Root, path);
            EnsureFolder(path, claimant);
            _writtenPaths.TryAdd(path, null);
            File.Copy(sourceFile, target); // never over a file: the staging folder is this build's own
            if (FileStat.Available) _writtenPaths[path] = FileStat.Of(target).State;
        }
        catch (Exception e) when (FileErrors.Are(e)) { throw Failed(e); }
        Interlocked.Increment(ref _written);
    }

    /// <summary>Claims <paramref name="path"/> for <paramref name="claimant"/>; returns the path as this sink holds it (the published file's own string where there is one).</summary>
    private string Claim(string path, string claimant, Fingerprint? fingerprint) =>
        _publishedFiles.TryFind(path, out var stored, out var position) ? ClaimPublished(position, stored, claimant, fingerprint) : ClaimNew(path, claimant, fingerprint);

    /// <summary>Claims the published path at <paramref name="position"/> (<paramref name="stored"/>, the table's own string).</summary>
    private string ClaimPublished(int position, string stored, string claimant, Fingerprint? fingerprint)
    {
        CheckWritable(stored, claimant);
        if (Interlocked.CompareExchange(ref _publishedClaimants[position], claimant, null) is { } first)
            throw new InputException($"two documents claim {stored}: {first} and {claimant}", claimant);
        _publishedFingerprints[position] = fingerprint;
        Interlocked.Increment(ref _claimedPublished);
        // Only a new path can be a file where this one needs a folder, or have this one where it needs a folder. Each
        // claim is recorded before it looks for the other, so of two made at once the second to look sees the first;
        // with no new path claimed yet, the new one looks.
        if (Volatile.Read(ref _newClaimCount) == 0) return stored;
        var claims = _newClaims.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var slash = stored.LastIndexOf('/'); slash > 0; slash = stored.LastIndexOf('/', slash - 1))
            if (claims.TryGetValue(stored.AsSpan(0, slash), out var file)) FileAndFolder(stored.AsSpan(0, slash), file.Claimant, claimant, stored, claimant);
        if (_claimedFolders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(stored, out var other)) FileAndFolder(stored, claimant, other.Claimant, null, claimant);
        return stored;
    }

    /// <summary>Claims <paramref name="path"/>, which the published site does not have.</summary>
    private string ClaimNew(string path, string claimant, Fingerprint? fingerprint)
    {
        CheckWritable(path, claimant);
        if (!_newClaims.TryAdd(path, new PathClaim(claimant, fingerprint)))
            throw new InputException($"two documents claim {path}: {_newClaims[path].Claimant} and {claimant}", claimant);
        Interlocked.Increment(ref _newClaimCount);
        // A file where another claim needs a folder (id/index.html as a page and as the folder of a page), either
        // way round. The claim and the folders are recorded before each looks for the other, so of two such
        // claims made at once, the second to look sees the first. Folders go in deepest first, up to one already
        // there: whoever put that one in goes on with the folders above it, so each is recorded and looked for once.
        var claimedFolders = _claimedFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        var claims = _newClaims.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var folder = path.AsSpan(0, slash);
            if (claimedFolders.ContainsKey(folder) || !_claimedFolders.TryAdd(path.AsMemory(0, slash), new FolderClaim(claimant, Made: false))) break;
            if (claims.TryGetValue(folder, out var file)) FileAndFolder(folder, file.Claimant, claimant, path, claimant);
            if (_publishedFiles.TryFind(folder, out _, out var position) && Volatile.Read(ref _publishedClaimants[position]) is { } published)
                FileAndFolder(folder, published, claimant, path, claimant);
        }
        if (claimedFolders.TryGetValue(path, out var other)) FileAndFolder(path, claimant, other.Claimant, null, claimant);
        // A folder of the published site: any of its files claimed again would be under this one. Looked for through
        // them all, which only a build that puts a file in the place of a published folder does.
        if (_publishedFiles.Count > 0 && Directory.Exists(Path.Join(_published, path)))
        {
            var under = path + "/";
            for (var position = 0; position < _publishedClaimants.Length; position++)
                if (Volatile.Read(ref _publishedClaimants[position]) is { } inside && _publishedFiles.PathAt(position) is { } published
                    && published.StartsWith(under, StringComparison.Ordinal))
                {
                    FileAndFolder(path, claimant, inside, null, claimant);
                    break;
                }
        }
        return path;
    }

    private void CheckWritable(string path, string claimant)
    {
        if (IsReadOnly) throw new InvalidOperationException($"{claimant} tried to write {path} during a run that writes nothing");
        if (!IsSafeRelativePath(path))
            throw new InputException($"refusing to write '{path}': the path would leave the output folder", claimant);
    }

    /// <summary>
    /// Throws the error for <paramref name="name"/> wanted as a file and as a folder, unless it was thrown already: then
    /// returns, and the claim goes on. Each claim looks for the others, and the claims of many files in one folder can each
    /// find the same file there; the build fails with one error for it.
    /// </summary>
    private void FileAndFolder(ReadOnlySpan<char> name, string fileClaimant, string folderClaimant, string? forPath, string claimant)
    {
        if (_fileAndFolderNames.TryAdd(name.ToString(), true))
            throw new InputException(
                $"{name} is wanted both as a file (by {fileClaimant}) and as a folder (by {folderClaimant}{(forPath is null ? "" : $", for {forPath}")}): rename one of them",
                claimant);
    }

    /// <summary>Creates the folder of <paramref name="path"/> (a claimed file, relative) in the staging tree unless this build already did.</summary>
    private void EnsureFolder(string path, string claimant) => EnsureFolderExists(path.AsMemory(0, Math.Max(path.LastIndexOf('/'), 0)), claimant);

    private void EnsureFolderExists(ReadOnlyMemory<char> folder, string claimant)
    {
        if (folder.IsEmpty)
        {
            if (_rootMade) return;
            StagingTree.MakeFolder(Root);
            _rootMade = true;
            return;
        }
        var found = _claimedFolders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folder.Span, out var held, out var claim);
        if (claim.Made) return;
        EnsureFolderExists(folder[..Math.Max(folder.Span.LastIndexOf('/'), 0)], claimant);
        StagingTree.MakeFolder(Path.Join(Root, folder.Span)); // the parent exists now
        // A published path's folders are recorded here, when a file is first written in them. One another claim is
        // still recording is made all the same (making it twice is harmless).
        if (found) _claimedFolders[held] = claim with { Made = true };
        else _claimedFolders.TryAdd(folder, new FolderClaim(claimant, Made: true));
    }

    /// <summary>A relative path of plain segments: no '..', '.', empty or rooted parts, no backslashes, NULs or line breaks.</summary>
    public static bool IsSafeRelativePath(ReadOnlySpan<char> path)
    {
        if (path.Length == 0 || path.IndexOfAny("\\\0:\n\r") >= 0) return false;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty || segment is "." or "..") return false; // an empty first segment is a rooted path
        }
        return true;
    }

    private bool TryReuse(string path, ReadOnlySpan<byte> bytes)
    {
        if (!_publishedFiles.TryFind(path, out _, out var position) || _publishedFiles.StateAt(position).Length != bytes.Length) return false;
        try
        {
            if (!FileEquals(Path.Combine(_published!, path), bytes)) return false;
            _unchangedAt[position] = true;
            return true;
        }
        catch (IOException) { return false; }
    }

    /// <summary>True if the published file at <paramref name="path"/> holds what <paramref name="file"/> holds (false if it is gone: the record is not a listing).</summary>
    private bool PublishedEquals(string path, string file)
    {
        try { return FilesEqual(Path.Combine(_published!, path), file); }
        catch (IOException) { return false; }
    }

    // Files are compared in pooled chunks: reading a megabyte-sized feed or image into a new array would be a
    // large-object allocation, and those start full garbage collections.
    private const int Chunk = 1 << 16;

    private static bool FilesEqual(string a, string b)
    {
        using var first = File.OpenHandle(a);
        using var second = File.OpenHandle(b);
        var length = RandomAccess.GetLength(first);
        if (RandomAccess.GetLength(second) != length) return false;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            for (long offset = 0; offset < length;)
            {
                var read = RandomAccess.Read(second, buffer.AsSpan(0, Chunk), offset);
                if (read == 0 || !RangeEquals(first, offset, buffer.AsSpan(0, read))) return false;
                offset += read;
            }
            return true;
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>True if <paramref name="file"/> holds exactly <paramref name="bytes"/>.</summary>
    private static bool FileEquals(string file, ReadOnlySpan<byte> bytes)
    {
        using var handle = File.OpenHandle(file);
        return RandomAccess.GetLength(handle) == bytes.Length && RangeEquals(handle, 0, bytes);
    }

    private static bool RangeEquals(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, ReadOnlySpan<byte> bytes)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            for (var done = 0; done < bytes.Length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, Math.Min(Chunk, bytes.Length - done)), offset + done);
                if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(bytes.Slice(done, read))) return false;
                done += read;
            }
            return true;
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
