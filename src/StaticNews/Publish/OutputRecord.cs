using System.Text;

namespace StaticNews.Publish;

/// <summary>
/// The files StaticNews published into an output folder, one a line, kept in its state folder: the marker that the
/// folder is StaticNews's. A build publishes into a folder only if every file in it is listed here (or the folder is
/// empty or new), and it removes only files listed here: anything else in the output is someone else's, and the build
/// stops before touching anything. Written before the swap that publishes a site (listing the files of both
/// sites) and after it (listing the new site's), so a kill at any moment leaves a record that covers the output.
/// </summary>
internal static class OutputRecord
{
    private const string FileName = "output.tsv";
    private const string Format = "staticnews-output 1";

    /// <summary>True if there is a record (without reading it).</summary>
    public static bool Exists(StateFolder state) => File.Exists(state.File(FileName));

    /// <summary>The recorded files, or null if there is no record (or none that can be read).</summary>
    public static HashSet<string>? Read(StateFolder state)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return null;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            if (reader.ReadLine() != Format) return null;
            var files = new HashSet<string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line) files.Add(line);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Records <paramref name="files"/> (paths can't hold line breaks: see <see cref="OutputSink.IsSafeRelativePath"/>).</summary>
    public static void Write(StateFolder state, IEnumerable<string> files) => state.Save(FileName, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Format);
        foreach (var file in files) writer.WriteLine(file);
    });
}
