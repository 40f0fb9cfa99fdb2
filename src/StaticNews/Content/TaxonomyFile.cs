using StaticNews.Configuration;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;
using static StaticNews.Configuration.YamlSource;

namespace StaticNews.Content;

/// <summary>One entry of taxonomy.yml: a category of the curated list, or what the newsroom says about a tag.</summary>
public sealed record TaxonomyEntry(string Key, LocalizedText Label, LocalizedText Description, IReadOnlyDictionary<string, string> Slugs, int Line);

/// <summary>
/// input/taxonomy.yml as written: the curated categories (labels, descriptions and URL segments per language)
/// and optional entries for tags, keyed by the tag's identity slug (<see cref="TermSlug"/>). Optional: without it
/// any category key is used as it is, and every tag shows the text it was written with.
/// </summary>
public sealed record TaxonomyFile(IReadOnlyDictionary<string, TaxonomyEntry>? Categories, IReadOnlyDictionary<string, TaxonomyEntry> Tags)
{
    public const string FileName = "taxonomy.yml";

    public static readonly TaxonomyFile None = new(null, new Dictionary<string, TaxonomyEntry>());

    /// <summary>Reads taxonomy.yml from <paramref name="inputDirectory"/>; problems go to <paramref name="diagnostics"/> with their lines.</summary>
    public static TaxonomyFile Load(string inputDirectory, SiteConfig site, DiagnosticBag diagnostics)
    {
        if (InputYaml.ReadMap(inputDirectory, FileName, "a map with 'categories' and 'tags'", diagnostics) is not { } map) return None;
        Dictionary<string, TaxonomyEntry>? categories = null;
        var tags = new Dictionary<string, TaxonomyEntry>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in Entries(map))
        {
            switch (key)
            {
                case "categories": categories = ReadEntries(value, "category", site, diagnostics); break;
                case "tags": tags = ReadEntries(value, "tag", site, diagnostics); break;
                default: diagnostics.Warning($"unknown section '{key}' is ignored (known: categories, tags)", FileName, LineOf(keyNode)); break;
            }
        }
        return new TaxonomyFile(categories, tags);
    }

    private static Dictionary<string, TaxonomyEntry> ReadEntries(YamlNode node, string kind, SiteConfig site, DiagnosticBag diagnostics)
    {
        var entries = new Dictionary<string, TaxonomyEntry>(StringComparer.Ordinal);
        void Error(YamlNode at, string message) => diagnostics.Error(message, FileName, LineOf(at));
        if (node is YamlScalarNode { Value: null or "" }) return entries;
        if (node is not YamlMappingNode map)
        {
            Error(node, $"the {kind} entries must be a map of key to settings");
            return entries;
        }
        foreach (var (key, keyNode, value) in Entries(map))
        {
            // A category is a key of the curated list; a tag entry is found by the identity slug of the tag's text,
            // so it may be written as the text itself ("Korea Utara:") or as its slug (korea-utara:).
            var identity = kind == "tag" ? TermSlug.Of(key) : key;
            if (kind == "category" && !ArticleParser.IsKey(key) || identity.Length == 0)
            {
                Error(keyNode, $"'{key}' is not a {kind} key: use lowercase letters, digits and hyphens");
                continue;
            }
            if (entries.TryGetValue(identity, out var first))
            {
                Error(keyNode, $"{kind} '{key}' is the same {kind} as the entry on line {first.Line}: keep one");
                continue;
            }
            LocalizedText label = LocalizedText.Empty, description = LocalizedText.Empty;
            var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (value is YamlMappingNode settings)
            {
                foreach (var (setting, settingNode, settingValue) in Entries(settings))
                {
                    switch (setting)
                    {
                        case "label": label = LocalizedText.Read(settingValue, Error); CheckLanguages(label, settingValue); break;
                        case "description": description = LocalizedText.Read(settingValue, Error); CheckLanguages(description, settingValue); break;
                        case "slug":
                            if (settingValue is not YamlMappingNode slugMap) { Error(settingValue, "slug must be a map of language to URL segment ({ en: north-korea })"); break; }
                            foreach (var (language, languageNode, segmentNode) in Entries(slugMap))
                            {
                                var segment = Scalar(segmentNode)?.Trim();
                                if (site.Language(language) is null) diagnostics.Warning($"language '{language}' is not configured in site.yml", FileName, LineOf(languageNode));
                                else if (ArticleParser.SlugProblem(segment) is { } problem) Error(segmentNode, $"slug '{segment}' {problem}");
                                else slugs[language] = segment!;
                            }
                            break;
                        default:
                            diagnostics.Warning($"unknown {kind} setting '{setting}' is ignored (known: label, description, slug)", FileName, LineOf(settingNode));
                            break;
                    }
                }
            }
            else if (value is not YamlScalarNode { Value: null or "" })
                Error(value, $"the settings of {kind} '{key}' must be a map (label, description, slug)");
            entries[identity] = new TaxonomyEntry(identity, label, description, slugs, LineOf(keyNode));
        }
        return entries;

        void CheckLanguages(LocalizedText text, YamlNode at)
        {
            foreach (var language in text.Languages.Where(l => site.Language(l) is null))
                diagnostics.Warning($"language '{language}' is not configured in site.yml", FileName, LineOf(at));
        }
    }
}
