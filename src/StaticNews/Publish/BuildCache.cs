using System.Globalization;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// What the published output was made from, persisted between builds in a folder beside the output
/// (<c>.output.cache/</c> for <c>output/</c>; never inside it, so it is never published). For each
/// output file: the <see cref="Fingerprint"/> of its inputs, and the size and modification time the
/// file had when it was published, so a file changed by hand since is rendered again.
/// The whole cache is keyed by the tool build, the theme, site.yml and the build options: change any
/// of them and every file is rendered again.
/// </summary>
public sealed class BuildCache
{
    private const string FileName = "fingerprints.tsv";
    private const string Format = "staticnews-cache 1";

    private readonly Dictionary<string, Entry> _entries;

    private BuildCache(string key, Dictionary<string, Entry> entries)
    {
        Key = key;
        _entries = entries;
    }

    public readonly record struct Entry(string Fingerprint, long Length, long WriteTicks);

    public string Key { get; }

    /// <summary>The cache folder for <paramref name="outputDirectory"/>: a hidden sibling, like the staging folder.</summary>
    public static string DirectoryFor(string outputDirectory) => Publisher.Beside(outputDirectory, "cache");

    /// <summary>
    /// The key of a build: the tool's own build (its module id changes with every code change), every
    /// theme file, site.yml and the options that change pages.
    /// </summary>
    public static string KeyFor(BuildOptions options, Pages.Theme theme)
    {
        var key = new Fingerprint()
            .Add(typeof(BuildCache).Assembly.ManifestModule.ModuleVersionId.ToString())
            .Add(options.BaseUrl).Add(options.IncludeDrafts.ToString()).Add(options.IncludeFuture.ToString());
        var site = Path.Combine(options.InputDirectory, "site.yml");
        key.Add(File.Exists(site) ? Fingerprint.OfBytes(File.ReadAllBytes(site)) : null);
        foreach (var (relative, path) in theme.Files(""))
            key.Add(relative).Add(Fingerprint.OfBytes(File.ReadAllBytes(path)));
        return key.Value;
    }

    /// <summary>The cache of the last build into <paramref name="outputDirectory"/>, or an empty one if it was made with another key or is unreadable.</summary>
    public static BuildCache Load(string outputDirectory, string key)
    {
        var path = Path.Combine(DirectoryFor(outputDirectory), FileName);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!File.Exists(path) || !Directory.Exists(outputDirectory)) return new(key, entries);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            if (reader.ReadLine() != Format || reader.ReadLine() != key) return new(key, entries);
            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length != 4) return new(key, new Dictionary<string, Entry>(StringComparer.Ordinal));
                entries[parts[0]] = new Entry(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return new(key, entries);
    }

    /// <summary>True if <paramref name="path"/> in <paramref name="outputRoot"/> was made from <paramref name="fingerprint"/> and has not been touched since.</summary>
    public bool IsUpToDate(string outputRoot, string path, string fingerprint)
    {
        if (!_entries.TryGetValue(path, out var entry) || entry.Fingerprint != fingerprint) return false;
        var file = new FileInfo(Path.Combine(outputRoot, path));
        return file.Exists && file.Length == entry.Length && file.LastWriteTimeUtc.Ticks == entry.WriteTicks && !FileLinks.IsSymbolicLink(file);
    }

    /// <summary>A cache describing <paramref name="fingerprints"/> as they now stand in the published <paramref name="outputRoot"/>.</summary>
    /// <remarks>
    /// A file kept from <paramref name="previous"/> is the very same file, so its recorded state is reused without a stat;
    /// so is the state of a file this build wrote, as <paramref name="written"/> read it on the open file.
    /// </remarks>
    public static BuildCache Describe(string key, string outputRoot, IEnumerable<KeyValuePair<string, string>> fingerprints, BuildCache previous,
        Func<string, bool> kept, Func<string, FileState?> written)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (path, fingerprint) in fingerprints)
        {
            if (path.Contains('\t') || path.Contains('\n')) continue; // not representable in the file: rendered every time
            if (kept(path) && previous._entries.TryGetValue(path, out var same))
            {
                entries[path] = same;
                continue;
            }
            if (written(path) is { } state)
            {
                entries[path] = new Entry(fingerprint, state.Length, state.WriteTicks);
                continue;
            }
            var file = new FileInfo(Path.Combine(outputRoot, path));
            if (file.Exists) entries[path] = new Entry(fingerprint, file.Length, file.LastWriteTimeUtc.Ticks);
        }
        return new(key, entries);
    }

    public bool SameAs(BuildCache other) =>
        Key == other.Key && _entries.Count == other._entries.Count && _entries.All(e => other._entries.TryGetValue(e.Key, out var o) && o == e.Value);

    /// <summary>Writes the cache (to a temporary file renamed over the old one, so a killed build leaves a whole cache or none).</summary>
    public void Save(string outputDirectory)
    {
        var dir = DirectoryFor(outputDirectory);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileName);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(Format);
            writer.WriteLine(Key);
            foreach (var (file, e) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}\t{e.Fingerprint}\t{e.Length}\t{e.WriteTicks}"));
        }
        File.Move(temp, path, overwrite: true);
    }
}
