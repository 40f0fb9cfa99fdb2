using System.Globalization;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Translation;

/// <summary>
/// Writes a translation's file: the keys a translation run owns (the translated values, <c>translation</c>,
/// <c>engine</c>, <c>source_hash</c>, <c>translated</c>, <c>reviewed</c>) set anew, every other key of the file it
/// replaces (a <c>slug</c>, <c>tags</c>, a <c>translator</c>...) kept as written, then the body. The file is
/// replaced atomically: written beside it under a hidden name, flushed to disk, renamed over it.
/// </summary>
public static class TranslationFile
{
    private static readonly HashSet<string> OwnedKeys =
        [.. TranslatableText.FrontMatterKeys, "translation", "engine", "source_hash", "translated", "reviewed"];

    /// <summary>
    /// The text of the new file. <paramref name="owned"/> are the owned keys to write, in order (a null value leaves the
    /// key out); <paramref name="existing"/> is the file being replaced, whose other keys are kept after them.
    /// </summary>
    public static string Compose(string? existing, string file, IReadOnlyList<(string Key, string? Value)> owned, string body)
    {
        var text = new StringBuilder("---\n");
        foreach (var (key, value) in owned)
            if (value is not null) text.Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        if (existing is not null)
            foreach (var entry in KeptEntries(existing, file)) text.Append(entry);
        text.Append("---\n\n").Append(body.Trim('\n')).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// A YAML scalar for <paramref name="value"/>: plain where it is only words, digits and simple punctuation (a hash, a
    /// date, most titles), else double-quoted with escapes for quotes, backslashes and control characters.
    /// </summary>
    public static string Scalar(string value)
    {
        if (IsPlain(value)) return value;
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static readonly HashSet<string> YamlWords = new(["true", "false", "yes", "no", "on", "off", "null", "y", "n"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> reads back as itself, unquoted, whatever comes before or after it in YAML.</summary>
    private static bool IsPlain(string value) =>
        value.Length > 0 && char.IsLetterOrDigit(value[0]) && (char.IsLetterOrDigit(value[^1]) || value[^1] is '.' or ')')
        && !YamlWords.Contains(value) && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
        && value.All(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or '-' or '+' or ':' or '/' or '(' or ')' or '\'' or '’');

    /// <summary>
    /// The top-level entries of a file's front matter that are not owned, each with the comment and blank lines
    /// before it, as written (an owned entry's comments stay too). An entry is its key's line and every indented line after it.
    /// </summary>
    private static IEnumerable<string> KeptEntries(string existing, string file)
    {
        var split = FrontMatterSplit.Parse(existing, file);
        var expected = YamlSource.Parse(split.Yaml, file, split.YamlFirstLine - 1) is YamlMappingNode map
            ? YamlSource.Entries(map).Select(e => e.Key).ToList() : [];
        var entries = new List<(string Key, string Leading, string Lines)>();
        var pending = new StringBuilder();
        string? key = null;
        string leading = "";
        var current = new StringBuilder();
        foreach (var line in split.Yaml.Split('\n'))
        {
            var startsEntry = line.Length > 0 && line[0] is not (' ' or '\t' or '#');
            if (!startsEntry)
            {
                (key is null || line.Trim().Length == 0 || line.TrimStart().StartsWith('#') ? pending : current).Append(line).Append('\n');
                continue;
            }
            if (key is not null) entries.Add((key, leading, current.ToString()));
            key = KeyOf(line);
            leading = pending.ToString();
            current.Clear().Append(line).Append('\n');
            pending.Clear();
        }
        if (key is not null) entries.Add((key, leading, current.ToString()));
        if (!entries.Select(e => e.Key).SequenceEqual(expected))
            throw new InputException("its front matter is not written as one 'key: value' entry per line (flow style?): rewrite it so, or delete the file to translate it afresh", file, split.YamlFirstLine);
        foreach (var (entryKey, entryLeading, lines) in entries)
        {
            var comments = string.Concat(entryLeading.Split('\n').Where(l => l.TrimStart().StartsWith('#')).Select(l => l + "\n"));
            yield return OwnedKeys.Contains(entryKey) ? comments : entryLeading.TrimStart('\n') + lines;
        }
    }

    private static string KeyOf(string line)
    {
        if (line[0] is '"' or '\'')
        {
            var close = line.IndexOf(line[0], 1);
            if (close > 0) return line[1..close];
        }
        var colon = line.IndexOf(':');
        return (colon < 0 ? line : line[..colon]).Trim();
    }

    /// <summary>
    /// Replaces (or creates) <paramref name="path"/> with <paramref name="text"/>, all or nothing, and only if the file is
    /// still as it was planned: absent when <paramref name="expectedHash"/> is null, else with bytes of that hash
    /// (<see cref="Publish.Fingerprint.Of(ReadOnlySpan{byte})"/>). Returns false (writing nothing) when someone changed it meanwhile.
    /// </summary>
    public static bool WriteAtomically(string path, string text, Publish.Fingerprint? expectedHash)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // A name starting with '.' is never read as a story file, should a crash leave it behind.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            if (expectedHash is null)
            {
                if (File.Exists(path)) return false;
                try { File.Move(temporary, path, overwrite: false); }
                catch (IOException) when (File.Exists(path)) { return false; }
                return true;
            }
            if (!File.Exists(path) || Publish.Fingerprint.Of(File.ReadAllBytes(path)) != expectedHash) return false;
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
