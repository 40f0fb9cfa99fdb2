using System.Text;

namespace StaticNews.Publish;

/// <summary>
/// The site published before the current one, kept beside the output (<c>.output.previous/</c>) after a
/// swap, so the next build can stage into it instead of building a whole new tree. Staging a fresh tree
/// costs a folder and a hard link for every unchanged file (tens of thousands on a news site) and deleting
/// the old tree after the swap; bringing the previous tree up to date costs one link per file that the last
/// build changed. The swap stays one atomic exchange, so readers still see the old site or the new one.
/// A record in the cache folder lists the published files and which of them differ between the two trees.
/// The previous tree is trusted only when it sits under its own name and both trees are the very folders
/// the record names (by creation time): a build killed while staging leaves it under the staging name, and
/// a hand-replaced output folder is another folder, so either way the next build starts a fresh tree.
/// </summary>
public sealed class PreviousSite
{
    private const string RecordName = "previous.tsv";
    private const string Format = "staticnews-previous 1";

    // Flags of a record line: the file is the same in both trees, differs (the output has the newer one),
    // or exists only in the previous tree (the last build removed it).
    private const char Same = '=', Newer = '*', Removed = '-';

    private PreviousSite(HashSet<string> published) => Published = published;

    /// <summary>The files of the published output (relative, '/'-separated), which the staging tree now mirrors.</summary>
    public IReadOnlySet<string> Published { get; }

    /// <summary>The folder holding the previous site for <paramref name="outputDirectory"/>.</summary>
    public static string FolderFor(string outputDirectory) => Publisher.Beside(outputDirectory, "previous");

    private static string RecordFor(string outputDirectory) => Path.Combine(BuildCache.DirectoryFor(outputDirectory), RecordName);

    /// <summary>
    /// Moves the previous site to <paramref name="staging"/> (which must not exist) and brings it up to date
    /// with the published output, so the build only has to write what it changes. Returns null — and removes
    /// any previous tree — when there is none that can be trusted; the build then stages a fresh tree.
    /// </summary>
    public static PreviousSite? TakeAsStaging(string outputDirectory, string staging, int parallelism)
    {
        var folder = FolderFor(outputDirectory);
        if (!Directory.Exists(folder)) return null;
        var lines = ReadRecord(outputDirectory, folder);
        if (lines is null)
        {
            Directory.Delete(folder, recursive: true);
            return null;
        }
        Directory.Move(folder, staging);
        var output = Path.GetFullPath(outputDirectory);
        var published = new HashSet<string>(StringComparer.Ordinal);
        var stale = new List<(string Path, bool Removed)>();
        foreach (var (path, flag) in lines)
        {
            if (flag != Removed) published.Add(path);
            if (flag != Same) stale.Add((path, flag == Removed));
        }
        // Removals first: they prune folders left empty, which a link made at the same time might need.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.ForEach(stale.Where(f => f.Removed), options, file => StagingTree.Remove(Path.Combine(staging, file.Path), staging));
        Parallel.ForEach(stale.Where(f => !f.Removed), options, file => StagingTree.Link(Path.Combine(output, file.Path), Path.Combine(staging, file.Path)));
        return new PreviousSite(published);
    }

    /// <summary>
    /// Keeps the tree at <paramref name="staging"/> as the previous site, recorded against the output as it
    /// now stands: <paramref name="published"/> are the output's files, <paramref name="newer"/> those whose
    /// output file is not the one in the kept tree, <paramref name="removed"/> those only the kept tree has.
    /// The record is written before the folder takes its trusted name, so a kill in between loses nothing
    /// but the reuse.
    /// </summary>
    public static void Keep(string outputDirectory, string staging, IReadOnlyCollection<string> published, Func<string, bool> newer, IReadOnlyCollection<string> removed)
    {
        if (published.Concat(removed).Any(p => p.Contains('\n') || p.Contains('\r')))
        {
            Directory.Delete(staging, recursive: true); // not representable in the record
            return;
        }
        var record = RecordFor(outputDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        var temp = record + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 16))
        {
            writer.WriteLine(Format);
            writer.WriteLine($"{Identity(outputDirectory)}\t{Identity(staging)}");
            foreach (var path in published) writer.WriteLine($"{(newer(path) ? Newer : Same)}\t{path}");
            foreach (var path in removed) writer.WriteLine($"{Removed}\t{path}");
        }
        File.Move(temp, record, overwrite: true);
        Directory.Move(staging, FolderFor(outputDirectory));
    }

    /// <summary>Forgets the previous site (a build that could not keep it, such as one without atomic swaps).</summary>
    public static void Discard(string outputDirectory)
    {
        var folder = FolderFor(outputDirectory);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static List<(string Path, char Flag)>? ReadRecord(string outputDirectory, string folder)
    {
        var record = RecordFor(outputDirectory);
        if (!File.Exists(record) || !Directory.Exists(outputDirectory)) return null;
        try
        {
            using var reader = new StreamReader(record, Encoding.UTF8, false, 1 << 16);
            if (reader.ReadLine() != Format) return null;
            if (reader.ReadLine() != $"{Identity(outputDirectory)}\t{Identity(folder)}") return null;
            var lines = new List<(string, char)>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length < 3 || line[1] != '\t' || line[0] is not (Same or Newer or Removed)) return null;
                var path = line[2..];
                if (!OutputSink.IsSafeRelativePath(path)) return null;
                lines.Add((path, line[0]));
            }
            return lines;
        }
        catch (IOException) { return null; }
    }

    /// <summary>A folder's identity: its creation time, which a rename keeps and a new folder never repeats.</summary>
    private static string Identity(string folder) => Directory.GetCreationTimeUtc(folder).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
