using Scriban.Runtime;
using StaticNews.Configuration;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Pages;

/// <summary>The theme's UI strings for one language (theme/i18n/&lt;lang&gt;.yml), with a fallback language.</summary>
public sealed class Strings
{
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _maps = new(StringComparer.Ordinal);
    private readonly Strings? _fallback;

    private Strings(Strings? fallback) => _fallback = fallback;

    public static Strings Load(string? path, Strings? fallback)
    {
        var strings = new Strings(fallback);
        if (path is null) return strings;
        var root = YamlSource.Parse(File.ReadAllText(path), path);
        if (root is not YamlMappingNode map) return strings;
        foreach (var (key, _, value) in YamlSource.Entries(map))
        {
            if (value is YamlMappingNode nested)
                strings._maps[key] = YamlSource.Entries(nested).ToDictionary(e => e.Key, e => YamlSource.Scalar(e.Value) ?? "", StringComparer.Ordinal);
            else if (value is YamlScalarNode scalar)
                strings._text[key] = scalar.Value ?? "";
            else
                throw new InputException($"i18n value '{key}' must be a text or a map", path, YamlSource.LineOf(value));
        }
        return strings;
    }

    /// <summary>The string for <paramref name="key"/>, with {placeholders} filled from <paramref name="values"/>.</summary>
    public string Get(string key, params (string Name, string Value)[] values)
    {
        var text = _text.TryGetValue(key, out var own) ? own : _fallback?.Get(key) ?? key;
        foreach (var (name, value) in values)
            text = text.Replace("{" + name + "}", value);
        return text;
    }

    /// <summary>A name from one of the maps (language_names), else the fallback's, else the key.</summary>
    public string Name(string map, string key) =>
        _maps.TryGetValue(map, out var m) && m.TryGetValue(key, out var v) ? v
        : _fallback?.NameOrNull(map, key) ?? key;

    private string? NameOrNull(string map, string key) =>
        _maps.TryGetValue(map, out var m) && m.TryGetValue(key, out var v) ? v : _fallback?.NameOrNull(map, key);

    public string LanguageName(string code) => Name("language_names", code);

    /// <summary>"A, B and C" with this language's separators.</summary>
    public string JoinList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(Get("list_separator"), items.Take(items.Count - 1)) + Get("list_last_separator") + items[^1],
    };

    /// <summary>Two sentences as one text, with this language's space between sentences (none after "。"); either may be missing.</summary>
    public string? JoinSentences(string? first, string? second) =>
        string.IsNullOrWhiteSpace(first) ? (string.IsNullOrWhiteSpace(second) ? null : second)
        : string.IsNullOrWhiteSpace(second) ? first
        : first + Get("sentence_separator") + second;

    /// <summary>The plain strings as a Scriban object (templates read <c>t.share</c>); built once per language.</summary>
    public ScriptObject ToScriptObject()
    {
        var obj = new ScriptObject();
        foreach (var (k, v) in _fallback?.AllText() ?? []) obj[k] = v;
        foreach (var (k, v) in _text) obj[k] = v;
        return obj;
    }

    private IEnumerable<KeyValuePair<string, string>> AllText() =>
        (_fallback?.AllText() ?? []).Concat(_text);
}
