using System.Text.Json;
using StaticNews.Engine;

namespace StaticNews.Import;

/// <summary>
/// What an import wrote, kept with the content (<c>input/wordpress-import.json</c>, to commit with it): for each
/// source site, which post became which file, and a hash of every file as the import wrote it. The next import
/// uses it to keep each story in its folder, to update only files nobody changed since (a file whose hash differs
/// was edited by hand and is kept), and to leave deleted files deleted.
/// </summary>
public sealed class ImportRecord
{
    public const string FileName = "wordpress-import.json";

    public Dictionary<string, ImportedSite> Sites { get; } = new(StringComparer.Ordinal);

    public ImportedSite Site(string url)
    {
        if (!Sites.TryGetValue(url, out var site)) Sites[url] = site = new ImportedSite();
        return site;
    }

    public static ImportRecord Load(string inputDirectory)
    {
        var path = Path.Combine(inputDirectory, FileName);
        var record = new ImportRecord();
        if (!File.Exists(path)) return record;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var site in document.RootElement.GetProperty("sites").EnumerateObject())
            {
                var imported = record.Site(site.Name);
                if (site.Value.TryGetProperty("posts", out var posts))
                    foreach (var post in posts.EnumerateObject())
                        if (long.TryParse(post.Name, out var id) && post.Value.GetString() is { } file) imported.Posts[id] = file;
                if (site.Value.TryGetProperty("files", out var files))
                    foreach (var file in files.EnumerateObject())
                        if (file.Value.GetString() is { } hash) imported.Files[file.Name] = hash;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InputException($"the import record is not readable ({e.Message}); restore it from version control, or move it away to import as if for the first time", FileName);
        }
        return record;
    }

    /// <summary>The record as JSON, keys in order: the same record gives the same bytes. Paths are written as they are (a file, not a web page).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("sites");
            foreach (var (url, site) in Sites.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(url);
                json.WriteStartObject("posts");
                foreach (var (id, file) in site.Posts.OrderBy(p => p.Key)) json.WriteString(id.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
                json.WriteEndObject();
                json.WriteStartObject("files");
                foreach (var (file, hash) in site.Files.OrderBy(f => f.Key, StringComparer.Ordinal)) json.WriteString(file, hash);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}

/// <summary>One source site's part of the <see cref="ImportRecord"/>.</summary>
public sealed class ImportedSite
{
    /// <summary>Post id → the version file it became, relative to the input folder (articles/&lt;story&gt;/&lt;lang&gt;.md).</summary>
    public Dictionary<long, string> Posts { get; } = [];
    /// <summary>File relative to the input folder → SHA-256 of the bytes the import last wrote there.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
}
