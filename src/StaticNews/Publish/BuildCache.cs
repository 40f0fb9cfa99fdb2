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
/// A binary file, one record per output file (its path, fingerprint, length and time), read into one table whose
/// paths are the record's own strings: a large site has hundreds of thousands of files. A cache in any other format
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
    private const string FileName = "cache/fingerprints.bin";
    private const string Format = "staticnews-cache 3";
    // Removed when the cache is saved: the text cache of earlier versions (this version never reads it).
    private const string EarlierFileName = "cache/fingerprints.tsv";
    // Longer than any path a file system takes (Linux: 4096 bytes).
    private const int MaxPathBytes = 1 << 14;

    private readonly Dictionary<string, Entry> _entries;
    // What Update changed since the cache was loaded or saved: the records to append.
    private readonly Dictionary<string, Entry> _renewed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private StateFolder.AppendedFile _file;

    private BuildCache(string key, Dictionary<string, Entry> entries, StateFolder.AppendedFile file)
    {
        Key = key;
        _entries = entries;
        _file = file;
    }

    public readonly record struct Entry(Fingerprint Fingerprint, long Length, long WriteTicks);

    public string Key { get; }

    /// <summary>The files the cache has an entry for.</summary>
    public IReadOnlyCollection<string> Paths => _entries.Keys;

    public static BuildCache Empty(string key) => new(key, new Dictionary<string, Entry>(StringComparer.Ordinal), default);

    /// <summary>
    /// The cache of the last build, or an empty one if it was made with another key or is unreadable. Its paths are
    /// the instances <paramref name="published"/> holds, where it holds them.
    /// </summary>
    public static BuildCache Load(StateFolder state, string key, IReadOnlyDictionary<string, FileState> published)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return Empty(key);
            // The state folder's stream is buffered already; read directly, so that its position is where the base ends.
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Format || reader.ReadString() != key) return Empty(key);
            var count = reader.ReadInt32();
            // Sized by what the file can hold (an entry takes more than 32 bytes), not by a count that may be damaged.
            var entries = new Dictionary<string, Entry>((int)Math.Clamp(count, 0, stream.Length / 32), StringComparer.Ordinal);
            using var paths = new PathReader(published);
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
            return Empty(key);
        }
    }

    /// <summary>True if <paramref name="path"/>, published as <paramref name="published"/> now stands, was made from <paramref name="fingerprint"/> and has not been touched since.</summary>
    public bool IsUpToDate(string path, Fingerprint fingerprint, FileState published) =>
        _entries.TryGetValue(path, out var entry) && entry.Fingerprint == fingerprint
        && published.Length == entry.Length && published.WriteTicks == entry.WriteTicks;

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
                _entries[path] = entry;
                _renewed[path] = entry;
                _removed.Remove(path);
                changed = true;
            }
        }
        // Entries beyond the kept and rendered files' are of files this build no longer makes from a fingerprint: only
        // then are they looked for, one by one.
        if (_entries.Count != output.KeptCount + rendered)
            foreach (var path in _entries.Keys)
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
    /// it; in no particular order: the file is the build's own, never published).
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
        foreach (var (path, entry) in _entries) WriteEntry(writer, path, entry);
    }

    private static void WriteEntry(BinaryWriter writer, string path, Entry entry)
    {
        writer.Write(path);
        entry.Fingerprint.Write(writer);
        writer.Write(entry.Length);
        writer.Write(entry.WriteTicks);
    }

    /// <summary>Reads the cache's paths as the instances the record of published files holds, through buffers of its own.</summary>
    private sealed class PathReader(IReadOnlyDictionary<string, FileState> published) : IDisposable
    {
        private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(MaxPathBytes);
        private readonly char[] _chars = ArrayPool<char>.Shared.Rent(MaxPathBytes);

        public string Read(BinaryReader reader)
        {
            var length = reader.Read7BitEncodedInt();
            if (length is < 0 or > MaxPathBytes) throw new InvalidDataException("not a path");
            reader.BaseStream.ReadExactly(_bytes, 0, length);
            return OutputRecord.StoredPath(published, _chars.AsSpan(0, Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars)));
        }

        public void ReadEntry(BinaryReader reader, Dictionary<string, Entry> entries)
        {
            var path = Read(reader);
            entries[path] = new Entry(Fingerprint.Read(reader), reader.ReadInt64(), reader.ReadInt64());
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<char>.Shared.Return(_chars);
        }
    }
}
