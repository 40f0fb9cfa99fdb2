using System.Globalization;
using System.Text;

namespace StaticNews.Publish;

/// <summary>
/// The files StaticNews published into an output folder, each with the length, write time and inode it had then, and
/// the <see cref="BuildKey"/> of the build that published them; kept in its state folder: the marker that the folder is
/// StaticNews's. A build publishes into a folder only if every file in it is listed here (or the folder is empty or new),
/// and it removes or replaces only files listed here and still as listed: anything else in the output is someone
/// else's, and the build stops before touching anything. Written before the swap that publishes a site (listing the
/// files of both sites) and after it (listing the new site's), so a kill at any moment leaves a record that covers the
/// output; an in-place publish brings it up to date when its journal is done (see <see cref="InPlaceUpdate"/>).
/// </summary>
internal sealed class OutputRecord
{
    private const string FileName = "output.tsv";
    private const string Format = "staticnews-output 2", UnstampedFormat = "staticnews-output 1";

    private OutputRecord(string key, Dictionary<string, FileState> files, bool stamped)
    {
        Key = key;
        Files = files;
        Stamped = stamped;
    }

    /// <summary>The key of the build that published the site ("" if not known).</summary>
    public string Key { get; }

    /// <summary>The published files, with their state when published.</summary>
    public IReadOnlyDictionary<string, FileState> Files { get; }

    /// <summary>False for a record of an earlier version (paths only): then the output must be scanned for what stands there.</summary>
    public bool Stamped { get; }

    /// <summary>True if there is a record (without reading it).</summary>
    public static bool Exists(StateFolder state) => File.Exists(state.File(FileName));

    /// <summary>The record, or null if there is none (or none that can be read).</summary>
    public static OutputRecord? Read(StateFolder state)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return null;
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16);
            var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
            switch (reader.ReadLine())
            {
                case UnstampedFormat:
                    while (reader.ReadLine() is { } line) files[line] = default;
                    return new OutputRecord("", files, stamped: false);
                case Format:
                    var key = reader.ReadLine() ?? "";
                    while (reader.ReadLine() is { } line)
                    {
                        if (ParseLine(line) is not var (path, file)) return null;
                        files[path] = file;
                    }
                    return new OutputRecord(key, files, stamped: true);
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException) { return null; }
    }

    /// <summary>Records <paramref name="files"/>, published by a build of <paramref name="key"/> (paths can't hold line breaks: see <see cref="OutputSink.IsSafeRelativePath"/>).</summary>
    public static void Write(StateFolder state, string key, IEnumerable<KeyValuePair<string, FileState>> files) => state.Save(FileName, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Format);
        writer.WriteLine(key);
        foreach (var (path, file) in files) writer.WriteLine(Line(path, file));
    });

    /// <summary>
    /// The string <paramref name="files"/> holds for <paramref name="path"/>, or a new one if it holds none: the tables a
    /// build keeps of its files (the cache, what it claims and keeps) then share one string per path with the record.
    /// </summary>
    public static string StoredPath(IReadOnlyDictionary<string, FileState> files, ReadOnlySpan<char> path) =>
        files is Dictionary<string, FileState> table && table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var stored, out _)
            ? stored : path.ToString();

    /// <summary>True if <paramref name="files"/> lists <paramref name="path"/>: then with the string it holds for it (see <see cref="StoredPath"/>) and its state, in one look.</summary>
    public static bool TryFind(IReadOnlyDictionary<string, FileState> files, string path, out string stored, out FileState state)
    {
        if (files is Dictionary<string, FileState> table) return table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out stored!, out state);
        stored = path;
        return files.TryGetValue(path, out state);
    }

    /// <summary>A file as the record (and <see cref="InPlaceUpdate"/>'s journal) writes it: its state, then its path, last because a path may hold a tab.</summary>
    public static string Line(string path, FileState file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Length}\t{file.WriteTicks}\t{file.Inode}\t{path}");

    /// <summary>The path and state of a <see cref="Line"/>, or null if <paramref name="line"/> is not one.</summary>
    public static (string Path, FileState State)? ParseLine(string line)
    {
        // Read in place: a record has a line per published file, hundreds of thousands of them.
        var rest = line.AsSpan();
        if (!long.TryParse(Field(ref rest), NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
            || !long.TryParse(Field(ref rest), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            || !ulong.TryParse(Field(ref rest), NumberStyles.Integer, CultureInfo.InvariantCulture, out var inode)) return null;
        return (line[^rest.Length..], new FileState(length, ticks, inode));
    }

    // The field before the next tab (empty, never a number, if there is none), and what follows the tab.
    private static ReadOnlySpan<char> Field(ref ReadOnlySpan<char> rest)
    {
        var tab = rest.IndexOf('\t');
        if (tab < 0) return [];
        var field = rest[..tab];
        rest = rest[(tab + 1)..];
        return field;
    }
}
