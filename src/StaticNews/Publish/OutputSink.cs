using System.Collections.Concurrent;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// Where pipelines write their files. Files go to a staging folder beside the output, never into the
/// published site, so a failed build changes nothing; <see cref="Publisher"/> swaps it in at the end.
/// Each file is written as soon as it is rendered (memory stays flat however large the site); a file
/// whose bytes equal the published one is hard-linked instead (in <see cref="Stage"/>, and only if the
/// build publishes at all), so unchanged files keep their identity.
/// With a <see cref="BuildCache"/>, a file whose inputs are unchanged (same <see cref="Fingerprint"/>)
/// is not even rendered: see <see cref="Write(string, string, Action{Stream}, string)"/>.
/// The staging folder is either empty or the <see cref="PreviousSite"/> brought up to date with the
/// published output; then only changed files are written into it and files the site lost are removed.
/// </summary>
public sealed class OutputSink
{
    private readonly ConcurrentDictionary<string, string> _claims = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly string? _previous;
    private readonly BuildCache? _cache;
    // Paths whose published file stays as it is. They are linked into the staging folder only if the
    // build publishes at all (see Stage): a build that changes nothing touches no file.
    private readonly ConcurrentQueue<string> _unchanged = new();
    private readonly ConcurrentDictionary<string, bool> _keptPaths = new(StringComparer.Ordinal);
    // Folders known to exist in the staging tree: a site is mostly one folder per page, and asking the
    // file system again for each parent costs more than writing the page.
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);
    // The files this build wrote; for those it wrote itself (not copied), their length and last-write time as written.
    private readonly ConcurrentDictionary<string, FileState?> _writtenPaths = new(StringComparer.Ordinal);
    // The files already in the staging folder (a copy of the published site), or null for an empty one.
    private readonly IReadOnlySet<string>? _staged;
    private int _written, _kept;

    /// <param name="staged">The files the staging folder already holds, each the published file (see <see cref="PreviousSite"/>); null if it is empty.</param>
    public OutputSink(string stagingDirectory, string? previousOutput, BuildCache? cache = null, IReadOnlySet<string>? staged = null)
    {
        Root = Path.GetFullPath(stagingDirectory);
        _previous = previousOutput is not null && Directory.Exists(previousOutput) ? Path.GetFullPath(previousOutput) : null;
        _cache = cache;
        _staged = _previous is null ? null : staged;
    }

    public string Root { get; }

    /// <summary>A sink that refuses every write: for runs that must not touch the disk (`staticnews check`).</summary>
    public static OutputSink ReadOnly() => new();

    private OutputSink()
    {
        Root = "";
        IsReadOnly = true;
    }

    public bool IsReadOnly { get; }

    /// <summary>Every path written, relative to the output root with '/' separators.</summary>
    public IReadOnlyCollection<string> Paths => (IReadOnlyCollection<string>)_claims.Keys;

    /// <summary>True if this build makes <paramref name="path"/>.</summary>
    public bool Claimed(string path) => _claims.ContainsKey(path);

    public int WrittenCount => _written;
    /// <summary>Files not rendered at all because their inputs were unchanged (hard-linked from the previous output).</summary>
    public int KeptCount => _kept;

    /// <summary>True if <paramref name="path"/> was kept from the previous output without rendering (the very same file).</summary>
    public bool WasKept(string path) => _keptPaths.ContainsKey(path);

    /// <summary>True if publishing this build would change nothing: no file written, and every published file claimed again.</summary>
    public bool ChangesNothing(int publishedFileCount) => _written == 0 && publishedFileCount == _claims.Count;

    /// <summary>The files this build wrote into the staging folder.</summary>
    public IEnumerable<string> WrittenPaths => _writtenPaths.Keys;

    /// <summary>True if this build wrote <paramref name="path"/> (a new file, where the previous site has another or none).</summary>
    public bool Wrote(string path) => _writtenPaths.ContainsKey(path);

    /// <summary>The length and last-write time of a file this build wrote (null for a copied one), as a stat of it would give.</summary>
    public FileState? WrittenState(string path) => _writtenPaths.GetValueOrDefault(path);

    /// <summary>
    /// Completes the staging folder for publishing, so the staged tree is the whole new site: links every
    /// unchanged file it lacks from the published output (one hard link each; a copy where links are
    /// impossible) and removes the files of the published site that this build no longer makes.
    /// </summary>
    public void Stage(int parallelism)
    {
        Directory.CreateDirectory(Root);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.ForEach(_unchanged.Where(path => _staged?.Contains(path) != true), options, path =>
        {
            var target = Path.Combine(Root, path);
            EnsureFolder(target);
            var old = Path.Combine(_previous!, path);
            if (!StagingTree.HardLink(old, target)) File.Copy(old, target);
        });
        if (_staged is not null)
            Parallel.ForEach(_staged.Where(path => !_claims.ContainsKey(path)), options, path => StagingTree.Remove(Path.Combine(Root, path), Root));
    }

    /// <summary>The fingerprint of every file written through the fingerprinted overload, for the next build's cache.</summary>
    public IReadOnlyDictionary<string, string> Fingerprints => _fingerprints;

    /// <summary>
    /// Writes the file that <paramref name="render"/> writes into a stream (reused, file after file) from inputs
    /// summed up by <paramref name="fingerprint"/> (a <see cref="Fingerprint"/> value). If the previous build
    /// published this path from the same inputs and the file is untouched, it is kept (hard-linked) and
    /// <paramref name="render"/> is not called: this is how an incremental build skips the work of pages that do
    /// not depend on what changed.
    /// </summary>
    public void Write(string path, string fingerprint, Action<Stream> render, string claimant)
    {
        if (!TryKeep(path, fingerprint, claimant)) Render(path, fingerprint, render, claimant);
    }

    /// <summary>
    /// Keeps <paramref name="path"/> as published if the previous build made it from the same inputs and the file
    /// is untouched; false if it must be rendered (then through <see cref="Render"/>). For a writer that makes costly
    /// shared parts only for the files that need them (a feed's entries).
    /// </summary>
    public bool TryKeep(string path, string fingerprint, string claimant)
    {
        if (_cache is null || _previous is null || !_cache.IsUpToDate(_previous, path, fingerprint)) return false;
        Claim(path, claimant);
        _unchanged.Enqueue(path);
        _keptPaths[path] = true;
        Interlocked.Increment(ref _kept);
        _fingerprints[path] = fingerprint;
        return true;
    }

    /// <summary>Writes the file that <paramref name="render"/> writes into a stream (reused, file after file), recording its fingerprint.</summary>
    public void Render(string path, string fingerprint, Action<Stream> render, string claimant)
    {
        var stream = RenderStreams.TryTake(out var reused) ? reused : new MemoryStream();
        try
        {
            stream.SetLength(0);
            render(stream);
            Write(path, stream.GetBuffer().AsSpan(0, (int)stream.Length), claimant);
        }
        finally { RenderStreams.Add(stream); }
        _fingerprints[path] = fingerprint;
    }

    // Streams files are rendered into, reused: a month's feed archive runs to megabytes, and a new array for each
    // file (or a stream growing to it, copying itself) would be large-object allocations, which start full
    // garbage collections. The pool holds at most one stream per thread rendering at a time.
    private static readonly ConcurrentBag<MemoryStream> RenderStreams = [];

    /// <summary>The file that holds <paramref name="path"/> as this build makes it: written into the staging folder, or kept as published.</summary>
    public string CurrentFile(string path) =>
        Path.Combine(Wrote(path) ? Root : _previous ?? throw new InvalidOperationException("no published output"), path);

    public void WriteText(string path, string text, string claimant) => Write(path, Utf8.GetBytes(text), claimant);

    /// <summary>Writes one file. <paramref name="claimant"/> names what produced it, for the duplicate-URL error.</summary>
    public void Write(string path, ReadOnlySpan<byte> bytes, string claimant)
    {
        WriteClaimed(path, Claim(path, claimant), bytes);
    }

    private void WriteClaimed(string path, string target, ReadOnlySpan<byte> bytes)
    {
        if (_previous is not null && TryReuse(path, bytes)) return;
        Prepare(path, target);
        using (var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            // Read on the open file now, while both cores render, rather than by its path in the build's serial end (BuildCache.Describe).
            _writtenPaths[path] = new FileState(bytes.Length, File.GetLastWriteTimeUtc(handle).Ticks);
        }
        Interlocked.Increment(ref _written);
    }

    /// <summary>Makes the folder of a file about to be written, and room for it where the staging folder holds an older site.</summary>
    private void Prepare(string path, string target)
    {
        EnsureFolder(target);
        if (_staged is not null) StagingTree.Clear(target);
        _writtenPaths.TryAdd(path, null);
    }

    /// <summary>Copies a file from the input (images, static files).</summary>
    public void Copy(string path, string sourceFile, string claimant)
    {
        var target = Claim(path, claimant);
        if (_previous is not null)
        {
            var old = Path.Combine(_previous, path);
            var info = new FileInfo(sourceFile);
            var oldInfo = new FileInfo(old);
            if (oldInfo.Exists && oldInfo.Length == info.Length && !FileLinks.IsSymbolicLink(oldInfo) && FilesEqual(old, sourceFile))
            {
                _unchanged.Enqueue(path);
                return;
            }
        }
        Prepare(path, target);
        File.Copy(sourceFile, target);
        Interlocked.Increment(ref _written);
    }

    private string Claim(string path, string claimant)
    {
        if (IsReadOnly) throw new InvalidOperationException($"{claimant} tried to write {path} during a run that writes nothing");
        if (!IsSafeRelativePath(path))
            throw new InputException($"refusing to write '{path}': the path would leave the output folder", claimant);
        if (!_claims.TryAdd(path, claimant))
            throw new InputException($"two documents claim {path}: {_claims[path]} and {claimant}", claimant);
        return Path.Combine(Root, path);
    }

    /// <summary>Creates the folder of <paramref name="file"/> unless this build already did.</summary>
    private void EnsureFolder(string file) => EnsureFolderExists(Path.GetDirectoryName(file)!);

    private void EnsureFolderExists(string folder)
    {
        if (_folders.ContainsKey(folder)) return;
        var parent = Path.GetDirectoryName(folder);
        if (parent is not null && parent.Length >= Root.Length) EnsureFolderExists(parent);
        StagingTree.MakeFolder(folder); // the parent exists now
        _folders.TryAdd(folder, true);
    }

    /// <summary>A relative path of plain segments: no '..', '.', empty or rooted parts, no backslashes or NULs.</summary>
    public static bool IsSafeRelativePath(string path)
    {
        if (path.Length == 0 || path.AsSpan().IndexOfAny('\\', '\0', ':') >= 0) return false;
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            if (segment.IsEmpty || segment is "." or "..") return false; // an empty first segment is a rooted path
        }
        return true;
    }

    private bool TryReuse(string path, ReadOnlySpan<byte> bytes)
    {
        var old = Path.Combine(_previous!, path);
        try
        {
            var info = new FileInfo(old);
            if (!info.Exists || info.Length != bytes.Length || FileLinks.IsSymbolicLink(info)) return false;
            if (!FileEquals(old, bytes)) return false;
            _unchanged.Enqueue(path);
            return true;
        }
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

/// <summary>What the build cache checks of a published file: its length and last-write time (UTC ticks).</summary>
public readonly record struct FileState(long Length, long WriteTicks);
