using System.Text;
using StaticNews.Content;
using StaticNews.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Import;

/// <summary>A category to add to taxonomy.yml: its key, its name per language (in site order) and a description in the original language.</summary>
public sealed record CategoryEntry(string Key, IReadOnlyList<(string Language, string Label)> Labels, string Language, string Description);

/// <summary>
/// The content files beside the articles that an import adds to: <c>authors.yml</c> (one entry per author key) and
/// <c>taxonomy.yml</c> (the curated categories). Entries already there are the editors' and are never changed;
/// new ones are added as text after them, so the rest of the file (comments, order, style) stays as written.
/// </summary>
public static class ContentFiles
{
    public const string Authors = "authors.yml";
    public const string Taxonomy = "taxonomy.yml";

    /// <summary>The authors already listed: key → their name (the one for <paramref name="language"/> where names differ by script).</summary>
    public static Dictionary<string, string?> ReadAuthors(string input, string language)
    {
        var authors = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Load(input, Authors) is not YamlMappingNode root) return authors;
        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: { } name }) continue;
            var display = value is YamlMappingNode entry && entry.Children.TryGetValue(new YamlScalarNode("name"), out var n)
                ? n is YamlScalarNode s ? s.Value : n is YamlMappingNode byLanguage && byLanguage.Children.TryGetValue(new YamlScalarNode(language), out var l) ? (l as YamlScalarNode)?.Value : null
                : null;
            authors[name] = display;
        }
        return authors;
    }

    /// <summary>The category keys already in taxonomy.yml.</summary>
    public static HashSet<string> ReadCategories(string input)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (Load(input, Taxonomy) is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("categories"), out var categories) && categories is YamlMappingNode map)
            foreach (var key in map.Children.Keys.OfType<YamlScalarNode>()) if (key.Value is { } k) keys.Add(k);
        return keys;
    }

    /// <summary>authors.yml with <paramref name="entries"/> added after what is there.</summary>
    public static string WithAuthors(string? existing, IEnumerable<(string Key, string Name)> entries)
    {
        var text = new StringBuilder(Opening(existing));
        foreach (var (key, name) in entries)
            text.Append(key).Append(":\n  name: ").Append(FrontMatterWriter.Quote(name)).Append('\n');
        return text.ToString();
    }

    /// <summary>taxonomy.yml with <paramref name="entries"/> added at the end of its <c>categories</c> mapping (made if missing); null, with the reason, when that mapping is not one that can be added to.</summary>
    public static string? WithCategories(string? existing, IReadOnlyList<CategoryEntry> entries, out string? problem)
    {
        problem = null;
        var root = existing is null ? null : Parse(existing, Taxonomy);
        var indent = "  ";
        int? insertAt = null;
        if (root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("categories"), out var node))
        {
            if (node is not YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow } categories || categories.Children.Count == 0)
            {
                problem = "its 'categories' is not a block mapping the import can add to";
                return null;
            }
            indent = new string(' ', (int)categories.Children.Keys.First().Start.Column - 1);
            // After the line where the mapping's last value ends (YamlDotNet's end of a block mapping is not that line).
            var last = categories.AllNodes.Max(n => (n.End.Line, n.End.Column));
            insertAt = OffsetAfterLine(existing!, (int)last.Line);
        }
        else if (root is not null and not YamlMappingNode)
        {
            problem = "it is not a mapping";
            return null;
        }
        var added = new StringBuilder();
        foreach (var entry in entries)
        {
            added.Append(indent).Append(entry.Key).Append(":\n");
            added.Append(indent).Append("  label: { ").AppendJoin(", ", entry.Labels.Select(l => $"{l.Language}: {FrontMatterWriter.Quote(l.Label)}")).Append(" }\n");
            if (entry.Description.Length > 0)
                added.Append(indent).Append("  description: { ").Append(entry.Language).Append(": ").Append(FrontMatterWriter.Quote(entry.Description)).Append(" }\n");
        }
        if (insertAt is { } at)
        {
            var before = existing![..at];
            if (before.Length > 0 && before[^1] != '\n') before += "\n";
            return before + added + existing[at..];
        }
        return Opening(existing) + "categories:\n" + added;
    }

    /// <summary>The existing text, ending in a line break, ready for more lines.</summary>
    private static string Opening(string? existing) =>
        string.IsNullOrEmpty(existing) ? "" : existing.EndsWith('\n') ? existing : existing + "\n";

    /// <summary>The offset of the start of the line after <paramref name="line"/> (1-based), or the end of the text.</summary>
    private static int OffsetAfterLine(string text, int line)
    {
        var offset = 0;
        for (var l = 1; l <= line; l++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0) return text.Length;
            offset = next + 1;
        }
        return offset;
    }

    private static YamlNode? Load(string input, string file)
    {
        var path = Path.Combine(input, file);
        return File.Exists(path) ? Parse(SourceText.Read(path, file, new DiagnosticBag()), file) : null;
    }

    private static YamlNode? Parse(string text, string file)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new InputException($"{file} is not valid YAML ({e.Message}); fix it, then import again", file, e.Start.Line > 0 ? (int)e.Start.Line : null);
        }
    }
}
