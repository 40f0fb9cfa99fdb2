using System.Buffers;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// What the published output was made from, kept between builds in the state folder beside the output
/// (<c>.output.state/cache/</c>; never inside it, so it is never published). For each output file: the
/// <see cref="Fingerprint"/> of its inputs, and the size and modification time the file had when it was published,
/// so a file changed by hand since is rendered again. The whole cache is keyed by the <see cref="BuildKey"/>.
/// <para>
/// A binary file, one record per output file (its path, fingerprint, length and time), read into an array by the
/// published files' positions (<see cref="FileTable"/>): a large site has hundreds of thousands of files, and a build
/// looks up each one it makes. A cache in any other format
/// (an earlier version's text file) is not used: the build then renders every file, as a first build does.
/// </para>
/// <para>
/// A build appends the records it changed and the paths it dropped (see <see cref="StateFolder.Append"/>) instead of
/// writing every file's record again, until they would pass a share of the base; a torn append is ignored, which leaves
/// an earlier build's records: a file whose record is missing or older is rendered again, never wrongly kept.
/// </para>
/// </summary>
internal sealed class BuildCache
{
    internal const string FileName = "cache/fingerprints.bin";
    private const string Format = "staticnews-cache 3";
    // Removed when the cache is saved: the text cache of earlier versions (this version never reads it).
    private const string EarlierFileName = "cache/fingerprints.tsv";
    // Longer than any path a file system takes (Linux: 4096 bytes).
    private const int MaxPathBytes = 1 << 14;

    private readonly Entries _entries;
    // What Update changed since the cache was loaded or saved: the records to append.
    private readonly Dictionary<string, Entry> _renewed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private StateFolder.AppendedFile _file;

    private BuildCache(string key, Entries entries, StateFolder.AppendedFile file)
    {
        Key = key;
        _entries = entries;
        _file = file;
    }

    public readonly record struct Entry(Fingerprint Fingerprint, long Length, long WriteTicks);

    public string Key { get; }

    /// <summary>The files the cache has an entry for.</summary>
    public IEnumerable<string> Paths => _entries.All().Select(e => e.Path);

    /// <summary>An empty cache, for the files of <paramref name="published"/>.</summary>
    public static BuildCache Empty(string key, FileTable published) => new(key, new Entries(published), default);

    /// <summary>
    /// The cache of the last build, or an empty one if it was made with another key or is unreadable. The entries of
    /// <paramref name="published"/>'s files are held by their positions in it.
    /// </summary>
    public static BuildCache Load(StateFolder state, string key, FileTable published)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return Empty(key, published);
            // The state folder's stream is buffered already; read directly, so that its position is where the base ends.
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Format || reader.ReadString() != key) return Empty(key, published);
            var count = reader.ReadInt32();
            var entries = new Entries(published);
            using var paths = new PathReader();
            for (var i = 0; i < count; i++) paths.ReadEntry(reader, entries);
            var file = new StateFolder.AppendedFile(stream.Position, stream.Position);
            while (StateFolder.ReadAppended(stream) is { } appended)
            {
                using var record = new BinaryReader(new MemoryStream(appended), Encoding.UTF8);
                for (var n = record.ReadInt32(); n > 0; n--) paths.ReadEntry(record, entries);
                for (var n = record.ReadInt32(); n > 0; n--) entries.Remove(paths.Read(record));
                file = file with { Whole = stream.Position };
            }
            return new(key, entries, file);
        }
        catch (Exception e) when (e is IOException or DecoderFallbackException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            return Empty(key, published);
        }
    }

    /// <summary>
    /// True if the file at <paramref name="position"/> of <paramref name="files"/>, published as <paramref name="published"/>
    /// now stands, was made from <paramref name="fingerprint"/> and has not been touched since.
    /// </summary>
    public bool IsUpToDate(FileTable files, int position, Fingerprint fingerprint, FileState published) =>
        FingerprintOf(files, position, published) == fingerprint;

    /// <summary>
    /// The fingerprint the file at <paramref name="position"/> of <paramref name="files"/>, published as
    /// <paramref name="published"/>, was made from, if it has not been touched since; else null.
    /// </summary>
    public Fingerprint? FingerprintOf(FileTable files, int position, FileState published) =>
        (ReferenceEquals(files, _entries.Published) ? _entries.At(position) : _entries.TryGetValue(files.PathAt(position)!, out var entry) ? entry : null) is { } found
        && published.Length == found.Length && published.WriteTicks == found.WriteTicks ? found.Fingerprint : null;

    /// <summary>
    /// Brings the cache to the fingerprints of the files <paramref name="output"/> made, as the files now stand: a file
    /// this build rendered and wrote has the state read on the open file; one rendered to the published bytes (linked
    /// from the published site) the state it was found in. A kept file's entry is the one it was kept by, as it stands.
    /// Files this build did not make with a fingerprint, or whose state is not known, are dropped. Returns false if
    /// nothing changed.
    /// </summary>
    public bool Update(OutputSink output)
    {
        var changed = false;
        var rendered = 0;
        foreach (var (path, fingerprint) in output.Rendered)
        {
            if (output.PublishedStateAfter(path) is not { } state)
            {
                changed |= Remove(path);
                continue;
            }
            rendered++;
            if (new Entry(fingerprint, state.Length, state.WriteTicks) is var entry && !(_entries.TryGetValue(path, out var recorded) && recorded == entry))
            {
                _entries.Set(path, entry);
                _renewed[path] = entry;
                _removed.Remove(path);
                changed = true;
            }
        }
        // Entries beyond the kept and rendered files' are of files this build no longer makes from a fingerprint: only
        // then are they looked for, one by one.
        if (_entries.Count != output.KeptCount + rendered)
            foreach (var path in Paths)
                if (output.FingerprintOf(path) is null) changed |= Remove(path);
        return changed;

        bool Remove(string path)
        {
            if (!_entries.Remove(path)) return false;
            _renewed.Remove(path);
            _removed.Add(path);
            return true;
        }
    }

    /// <summary>
    /// Appends what <see cref="Update"/> changed, or writes the cache whole or not at all (the first time, or to compact
    /// it; in the order of the paths, as the output's record is written whole, so that the next build reads its entries
    /// in the order of the published files: see <see cref="Entries.Set"/>).
    /// </summary>
    public void Save(StateFolder state)
    {
        _file = state.AppendOrSave(FileName, _file, WriteChanges, Write);
        state.Delete(EarlierFileName);
        _renewed.Clear();
        _removed.Clear();
    }

    // What Update changed: the records appended.
    private void WriteChanges(BinaryWriter writer)
    {
        writer.Write(_renewed.Count);
        foreach (var path in _renewed.Keys.Order(StringComparer.Ordinal)) WriteEntry(writer, path, _renewed[path]);
        writer.Write(_removed.Count);
        foreach (var path in _removed.Order(StringComparer.Ordinal)) writer.Write(path);
    }

    private void Write(BinaryWriter writer)
    {
        writer.Write(Format);
        writer.Write(Key);
        writer.Write(_entries.Count);
        var all = _entries.All().ToArray();
        Array.Sort(all, (a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var (path, entry) in all) WriteEntry(writer, path, entry);
    }

    private static void WriteEntry(BinaryWriter writer, string path, Entry entry)
    {
        writer.Write(path);
        entry.Fingerprint.Write(writer);
        writer.Write(entry.Length);
        writer.Write(entry.WriteTicks);
    }

    /// <summary>Reads the cache's paths through buffers of its own.</summary>
    private sealed class PathReader : IDisposable
    {
        private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(MaxPathBytes);
        private readonly char[] _chars = ArrayPool<char>.Shared.Rent(MaxPathBytes);

        /// <summary>The next path, valid until the next read.</summary>
        public ReadOnlySpan<char> Read(BinaryReader reader)
        {
            var length = reader.Read7BitEncodedInt();
            if (length is < 0 or > MaxPathBytes) throw new InvalidDataException("not a path");
            reader.BaseStream.ReadExactly(_bytes, 0, length);
            return _chars.AsSpan(0, Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars));
        }

        public void ReadEntry(BinaryReader reader, Entries entries)
        {
            var path = Read(reader);
            entries.Set(path, new Entry(Fingerprint.Read(reader), reader.ReadInt64(), reader.ReadInt64()));
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<char>.Shared.Return(_chars);
        }
    }

    /// <summary>
    /// The entries: a published file's by its position in the published files, any other path's (a file this build made
    /// that was not published before) by the path.
    /// </summary>
    private sealed class Entries(FileTable published)
    {
        private readonly Entry?[] _atPosition = new Entry?[published.Positions];
        private readonly Dictionary<string, Entry> _byPath = new(StringComparer.Ordinal);
        private int _atPositionCount;
        // The position Set looks at first: the one after the last it found.
        private int _next;

        public FileTable Published => published;

        public int Count => _atPositionCount + _byPath.Count;

        public Entry? At(int position) => _atPosition[position];

        public bool TryGetValue(ReadOnlySpan<char> path, out Entry entry)
        {
            entry = default;
            if (!published.TryFind(path, out _, out var position))
                return _byPath.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out entry);
            if (_atPosition[position] is not { } found) return false;
            entry = found;
            return true;
        }

        /// <summary>
        /// Sets the entry of <paramref name="path"/>, from one thread at a time (the cache's load, its update). The cache
        /// and the output's record are each written whole in the order of their paths, and each build appends what it
        /// changed after them, so a cache is read in nearly the published files' order: each path is first compared with
        /// the one after the last found, and only looked up among all the published files if it is not that one.
        /// </summary>
        public void Set(ReadOnlySpan<char> path, Entry entry)
        {
            if (_next < published.Positions && published.PathAt(_next) is { } expected && path.SequenceEqual(expected)) SetAt(_next, entry);
            else if (published.TryFind(path, out _, out var position)) SetAt(_next = position, entry);
            else
            {
                _byPath.GetAlternateLookup<ReadOnlySpan<char>>()[path] = entry;
                return;
            }
            _next++;
        }

        private void SetAt(int position, Entry entry)
        {
            if (_atPosition[position] is null) _atPositionCount++;
            _atPosition[position] = entry;
        }

        public bool Remove(ReadOnlySpan<char> path)
        {
            if (!published.TryFind(path, out _, out var position)) return _byPath.GetAlternateLookup<ReadOnlySpan<char>>().Remove(path);
            if (_atPosition[position] is null) return false;
            _atPosition[position] = null;
            _atPositionCount--;
            return true;
        }

        /// <summary>Every path with its entry: the published files' in their order, then the others.</summary>
        public IEnumerable<(string Path, Entry Entry)> All()
        {
            for (var position = 0; position < _atPosition.Length; position++)
                if (_atPosition[position] is { } entry) yield return (published.PathAt(position)!, entry);
            foreach (var (path, entry) in _byPath) yield return (path, entry);
        }
    }
}
