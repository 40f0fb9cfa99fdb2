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
/// </summary>
internal sealed class BuildCache
{
    private const string FileName = "cache/fingerprints.bin";
    private const string Format = "staticnews-cache 2";
    // Removed when the cache is saved: the text cache of earlier versions (this version never reads it).
    private const string EarlierFileName = "cache/fingerprints.tsv";
    // Longer than any path a file system takes (Linux: 4096 bytes).
    private const int MaxPathBytes = 1 << 14;

    private readonly Dictionary<string, Entry> _entries;

    private BuildCache(string key, Dictionary<string, Entry> entries)
    {
        Key = key;
        _entries = entries;
    }

    public readonly record struct Entry(Fingerprint Fingerprint, long Length, long WriteTicks);

    public string Key { get; }

    public static BuildCache Empty(string key) => new(key, new Dictionary<string, Entry>(StringComparer.Ordinal));

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
            using var reader = new BinaryReader(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
            if (reader.ReadString() != Format || reader.ReadString() != key) return Empty(key);
            var count = reader.ReadInt32();
            // Sized by what the file can hold (an entry takes more than 32 bytes), not by a count that may be damaged.
            var entries = new Dictionary<string, Entry>((int)Math.Clamp(count, 0, stream.Length / 32), StringComparer.Ordinal);
            Span<byte> fingerprint = stackalloc byte[Fingerprint.Size];
            var bytes = ArrayPool<byte>.Shared.Rent(MaxPathBytes);
            var chars = ArrayPool<char>.Shared.Rent(MaxPathBytes);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var length = reader.Read7BitEncodedInt();
                    if (length is < 0 or > MaxPathBytes) throw new InvalidDataException("not a path");
                    reader.BaseStream.ReadExactly(bytes, 0, length);
                    var path = OutputRecord.StoredPath(published, chars.AsSpan(0, Encoding.UTF8.GetChars(bytes.AsSpan(0, length), chars)));
                    reader.BaseStream.ReadExactly(fingerprint);
                    entries[path] = new Entry(Fingerprint.Read(fingerprint), reader.ReadInt64(), reader.ReadInt64());
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
                ArrayPool<char>.Shared.Return(chars);
            }
            return new(key, entries);
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
    /// this build wrote has the state read on the open file; any other (kept, or an unchanged file linked from the
    /// published site) the state it was found in, which for a kept file is the state this cache recorded. Files this
    /// build did not make with a fingerprint, or whose state is not known, are dropped. Returns false if nothing changed.
    /// </summary>
    public bool Update(OutputSink output)
    {
        var changed = false;
        foreach (var (path, fingerprint) in output.Fingerprints)
        {
            if (output.PublishedStateAfter(path) is not { } state)
                changed |= _entries.Remove(path);
            else if (new Entry(fingerprint, state.Length, state.WriteTicks) is var entry && !(_entries.TryGetValue(path, out var recorded) && recorded == entry))
            {
                _entries[path] = entry;
                changed = true;
            }
        }
        foreach (var path in _entries.Keys)
            if (output.FingerprintOf(path) is null) changed |= _entries.Remove(path);
        return changed;
    }

    /// <summary>Writes the cache whole or not at all (in no particular order: the file is the build's own, never published).</summary>
    public void Save(StateFolder state)
    {
        state.Save(FileName, Write);
        state.Delete(EarlierFileName);
    }

    private void Write(Stream stream)
    {
        using var writer = new BinaryWriter(new BufferedStream(stream, 1 << 16), new UTF8Encoding(false));
        writer.Write(Format);
        writer.Write(Key);
        writer.Write(_entries.Count);
        Span<byte> fingerprint = stackalloc byte[Fingerprint.Size];
        foreach (var (path, entry) in _entries)
        {
            writer.Write(path);
            entry.Fingerprint.Write(fingerprint);
            writer.Write(fingerprint);
            writer.Write(entry.Length);
            writer.Write(entry.WriteTicks);
        }
    }
}
