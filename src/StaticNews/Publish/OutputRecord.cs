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
/// <para>
/// A binary file, <c>output.bin</c>: the files as a swap published them, then a record appended for each in-place
/// publish (the files it put and removed; see <see cref="StateFolder.AppendOrSave"/>) until they would pass a share of
/// it, since a small change would otherwise write a line for every file of the site again. A torn append is left out
/// when read, and the journal that made it, still there, makes it again. The text record of earlier versions
/// (<c>output.tsv</c>) is read, and removed once this format is written.
/// </para>
/// </summary>
internal sealed class OutputRecord
{
    internal const string FileName = "output.bin";
    private const string Format = "staticnews-output 3";
    // The text record of earlier versions: read, never written.
    private const string EarlierFileName = "output.tsv";
    private const string EarlierFormat = "staticnews-output 2", UnstampedFormat = "staticnews-output 1";
    // The fewest bytes a file's entry takes (a path of one byte, three numbers): a count read from a damaged record is not trusted past what the file can hold.
    private const int MinEntryBytes = 1 + 1 + 3 * sizeof(long);

    private OutputRecord(string key, FileTable files, bool stamped, StateFolder.AppendedFile file = default)
    {
        Key = key;
        Files = files;
        Stamped = stamped;
        _file = file;
    }

    // How far the binary record was found whole (nothing to append to for a text record).
    private readonly StateFolder.AppendedFile _file;

    /// <summary>The key of the build that published the site ("" if not known).</summary>
    public string Key { get; }

    /// <summary>The published files, with their state when published.</summary>
    public FileTable Files { get; }

    /// <summary>False for a record of an earlier version (paths only): then the output must be scanned for what stands there.</summary>
    public bool Stamped { get; }

    /// <summary>
    /// True if a build of <paramref name="key"/> takes the site this records on trust (see <see cref="Publication.Begin"/>):
    /// recorded with its files' state, by a build of the same key, and not empty.
    /// </summary>
    public bool IsTrustedBy(string key) => Stamped && Files.Count > 0 && Key == key;

    /// <summary>True if there is a record (without reading it).</summary>
    public static bool Exists(StateFolder state) => File.Exists(state.File(FileName)) || File.Exists(state.File(EarlierFileName));

    /// <summary>The record, or null if there is none (or none that can be read).</summary>
    public static OutputRecord? Read(StateFolder state)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return ReadEarlier(state);
            // The state folder's stream is buffered already; read directly, so that its position is where the base ends.
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Format) return null;
            var key = reader.ReadString();
            var count = reader.ReadInt32();
            // With room for the files the appended records add (a breaking story adds a dozen): a table of the site's files
            // made at its exact size would be copied whole at the first, its arrays doubled.
            var files = new FileTable((int)Math.Clamp(count + count / 16L, 0, stream.Length / MinEntryBytes));
            ReadFiles(reader, count, files);
            var file = new StateFolder.AppendedFile(stream.Position, stream.Position);
            while (StateFolder.ReadAppended(stream) is { } appended)
            {
                using var change = new BinaryReader(new MemoryStream(appended), Encoding.UTF8);
                ReadFiles(change, change.ReadInt32(), files);
                for (var n = change.ReadInt32(); n > 0; n--) files.Remove(change.ReadString());
                file = file with { Whole = stream.Position };
            }
            return new OutputRecord(key, files, stamped: true, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException) { return null; }
    }

    private static void ReadFiles(BinaryReader reader, int count, FileTable files)
    {
        for (var i = 0; i < count; i++) files.Set(reader.ReadString(), new FileState(reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64()));
    }

    private static OutputRecord? ReadEarlier(StateFolder state)
    {
        using var stream = state.OpenRead(EarlierFileName);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16);
        var files = new FileTable();
        switch (reader.ReadLine())
        {
            case UnstampedFormat:
                while (reader.ReadLine() is { } line) files.Set(line, default);
                return new OutputRecord("", files, stamped: false);
            case EarlierFormat:
                var key = reader.ReadLine() ?? "";
                while (reader.ReadLine() is { } line)
                {
                    if (ParseLine(line) is not var (path, file)) return null;
                    files.Set(path, file);
                }
                return new OutputRecord(key, files, stamped: true);
            default:
                return null;
        }
    }

    /// <summary>Records <paramref name="files"/>, published by a build of <paramref name="key"/>, whole.</summary>
    public static void Write(StateFolder state, string key, IEnumerable<KeyValuePair<string, FileState>> files)
    {
        // With nothing to append to (default), the file is written whole, as AppendOrSave writes any file anew.
        state.AppendOrSave(FileName, default, _ => { }, writer => WriteWhole(writer, key, files));
        state.Delete(EarlierFileName);
    }

    /// <summary>
    /// Records what an in-place publish by a build of <paramref name="key"/> did to the site <paramref name="record"/>
    /// recorded: the files it <paramref name="put"/> (with their state now) and those it <paramref name="removed"/>.
    /// Appended to the record while it takes them, else the record is written whole with them.
    /// </summary>
    public static void Change(StateFolder state, string key, OutputRecord? record, IReadOnlyCollection<KeyValuePair<string, FileState>> put, IReadOnlyCollection<string> removed)
    {
        // Appended only to a record of the same build key that this version wrote.
        var file = record is { Stamped: true } && record.Key == key ? record._file : default;
        state.AppendOrSave(FileName, file, writer =>
        {
            writer.Write(put.Count);
            foreach (var (path, state) in put) WriteFile(writer, path, state);
            writer.Write(removed.Count);
            foreach (var path in removed) writer.Write(path);
        }, writer =>
        {
            var files = new Dictionary<string, FileState>(record?.Files ?? new FileTable(), StringComparer.Ordinal);
            foreach (var (path, state) in put) files[path] = state;
            foreach (var path in removed) files.Remove(path);
            WriteWhole(writer, key, files);
        });
        state.Delete(EarlierFileName);
    }

    private static void WriteWhole(BinaryWriter writer, string key, IEnumerable<KeyValuePair<string, FileState>> files)
    {
        writer.Write(Format);
        writer.Write(key);
        // In the order of the paths, as the build cache is written whole: a build reads the cache's entries in the order of
        // the record's files (see BuildCache), and the two are written whole at different builds.
        var all = files.ToArray();
        Array.Sort(all, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.Write(all.Length);
        foreach (var (path, state) in all) WriteFile(writer, path, state);
    }

    private static void WriteFile(BinaryWriter writer, string path, FileState state)
    {
        writer.Write(path);
        writer.Write(state.Length);
        writer.Write(state.WriteTicks);
        writer.Write(state.Inode);
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
