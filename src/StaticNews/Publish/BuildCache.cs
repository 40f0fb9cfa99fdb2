using System.Globalization;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// What the published output was made from, kept between builds in the state folder beside the output
/// (<c>.output.state/cache/</c>; never inside it, so it is never published). For each output file: the
/// <see cref="Fingerprint"/> of its inputs, and the size and modification time the file had when it was published,
/// so a file changed by hand since is rendered again. The whole cache is keyed by the <see cref="BuildKey"/>.
/// </summary>
internal sealed class BuildCache
{
    private const string FileName = "cache/fingerprints.tsv";
    private const string Format = "staticnews-cache 1";

    private readonly Dictionary<string, Entry> _entries;

    private BuildCache(string key, Dictionary<string, Entry> entries)
    {
        Key = key;
        _entries = entries;
    }

    public readonly record struct Entry(string Fingerprint, long Length, long WriteTicks);

    public string Key { get; }

    public static BuildCache Empty(string key) => new(key, new Dictionary<string, Entry>(StringComparer.Ordinal));

    /// <summary>The cache of the last build, or an empty one if it was made with another key or is unreadable.</summary>
    public static BuildCache Load(StateFolder state, string key)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return new(key, entries);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            if (reader.ReadLine() != Format || reader.ReadLine() != key) return new(key, entries);
            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length != 4) return Empty(key);
                entries[parts[0]] = new Entry(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException or UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return new(key, entries);
    }

    /// <summary>True if <paramref name="path"/>, published as <paramref name="published"/> now stands, was made from <paramref name="fingerprint"/> and has not been touched since.</summary>
    public bool IsUpToDate(string path, string fingerprint, FileState published) =>
        _entries.TryGetValue(path, out var entry) && entry.Fingerprint == fingerprint
        && published.Length == entry.Length && published.WriteTicks == entry.WriteTicks;

    /// <summary>
    /// A cache describing <paramref name="fingerprints"/> as the files now stand: a file kept from <paramref name="previous"/>
    /// is the very same file, so its recorded state is reused; a file this build wrote has the state <paramref name="written"/>
    /// read on the open file; any other (an unchanged file linked from the published site) the state it was found in.
    /// </summary>
    public static BuildCache Describe(string key, IEnumerable<KeyValuePair<string, string>> fingerprints, BuildCache previous,
        Func<string, bool> kept, Func<string, FileState?> written, Func<string, FileState?> published)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (path, fingerprint) in fingerprints)
        {
            if (path.Contains('\t')) continue; // not representable in the file: rendered every time
            if (kept(path) && previous._entries.TryGetValue(path, out var same))
                entries[path] = same;
            else if ((written(path) ?? published(path)) is { } state)
                entries[path] = new Entry(fingerprint, state.Length, state.WriteTicks);
        }
        return new(key, entries);
    }

    public bool SameAs(BuildCache other) =>
        Key == other.Key && _entries.Count == other._entries.Count && _entries.All(e => other._entries.TryGetValue(e.Key, out var o) && o == e.Value);

    /// <summary>Writes the cache whole or not at all.</summary>
    public void Save(StateFolder state) => state.Save(FileName, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Format);
        writer.WriteLine(Key);
        foreach (var (file, e) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}\t{e.Fingerprint}\t{e.Length}\t{e.WriteTicks}"));
    });
}
