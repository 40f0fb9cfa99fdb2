using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>
/// The front matter of every article the last build parsed, by source path and content hash, persisted
/// in the <see cref="Publish.BuildCache"/> folder under the same key (tool, theme, site.yml, options).
/// An unchanged file is not parsed again: its front matter, derived summary and the warnings its parse
/// gave are reused, and its Markdown body is rendered only if a page that shows it is rendered.
/// Bodies are not stored (they would make the cache as large as the site); the file is read again instead.
/// </summary>
public sealed partial class ArticleCache
{
    private const string FileName = "articles.json";

    private readonly string _key;
    private readonly IReadOnlyDictionary<string, Entry> _previous;
    private readonly ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);

    private ArticleCache(string key, IReadOnlyDictionary<string, Entry> previous)
    {
        _key = key;
        _previous = previous;
    }

    public sealed record Entry(string SourcePath, string ContentHash, Article Article, IReadOnlyList<Diagnostic> Warnings);

    public sealed record Stored(string Key, List<Entry> Entries);

    public static ArticleCache Empty(string key) => new(key, new Dictionary<string, Entry>());

    public static ArticleCache Load(string outputDirectory, string key)
    {
        var path = Path.Combine(Publish.BuildCache.DirectoryFor(outputDirectory), FileName);
        try
        {
            if (!File.Exists(path) || !Directory.Exists(outputDirectory)) return Empty(key);
            using var stream = File.OpenRead(path);
            var stored = JsonSerializer.Deserialize(stream, Json.Stored);
            if (stored is null || stored.Key != key) return Empty(key);
            return new(key, stored.Entries.ToDictionary(e => e.SourcePath, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return Empty(key);
        }
    }

    /// <summary>
    /// The article parsed from the same bytes last time, its body to be rendered by <paramref name="renderBody"/>
    /// when first needed; the warnings that parse gave are reported again. Null if the file is new or changed.
    /// </summary>
    public Article? Reuse(string sourcePath, string contentHash, DiagnosticBag diagnostics, Func<string> renderBody)
    {
        if (!_previous.TryGetValue(sourcePath, out var entry) || entry.ContentHash != contentHash) return null;
        foreach (var warning in entry.Warnings) diagnostics.Add(warning);
        _current[sourcePath] = entry;
        return entry.Article.WithDeferredBody(renderBody);
    }

    /// <summary>Records a fresh parse (only clean ones: a file with errors fails the build anyway).</summary>
    public void Remember(Article article, IReadOnlyList<Diagnostic> warnings) =>
        _current[article.SourcePath] = new Entry(article.SourcePath, article.ContentHash, article, warnings);

    /// <summary>True if this build parsed or dropped anything, so the saved cache would differ.</summary>
    public bool Changed => _current.Count != _previous.Count
        || _current.Any(e => !_previous.TryGetValue(e.Key, out var p) || p.ContentHash != e.Value.ContentHash);

    public void Save(string outputDirectory)
    {
        var dir = Publish.BuildCache.DirectoryFor(outputDirectory);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileName);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
            JsonSerializer.Serialize(stream, new Stored(_key, _current.Values.OrderBy(e => e.SourcePath, StringComparer.Ordinal).ToList()), Json.Stored);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>UTF-8 as is (titles in Arabic or Japanese stay readable and small), enums by name.</summary>
    private static readonly ArticleCacheJson Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // never embedded in HTML: a private cache file
        Converters = { new JsonStringEnumConverter() },
    });

    [JsonSerializable(typeof(Stored))]
    private sealed partial class ArticleCacheJson : JsonSerializerContext;
}
