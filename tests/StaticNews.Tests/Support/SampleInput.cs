namespace StaticNews.Tests.Support;

/// <summary>
/// What the sample input says, read straight from the files (not through StaticNews), so tests
/// compare the generator's output against an independent reading of its input.
/// </summary>
public static class SampleInput
{
    /// <summary>A version of a sample story; <paramref name="Slug"/> is its URL segment (its front matter's slug, else the folder).</summary>
    public sealed record Version(string Story, string Language, string Translation, string Slug);

    public static IReadOnlyList<Version> Versions { get; } = Read();

    private static IReadOnlyList<Version> Read()
    {
        var list = new List<Version>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Repo.SampleInput, "articles")))
            foreach (var file in Directory.EnumerateFiles(dir, "*.md"))
            {
                var lang = Path.GetFileNameWithoutExtension(file);
                var frontMatter = File.ReadAllText(file).Split("---")[1];
                var translation = lang == "id" ? "original"
                    : frontMatter.Contains("translation: human") ? "human" : "machine";
                var slug = frontMatter.Split('\n').FirstOrDefault(l => l.StartsWith("slug: ", StringComparison.Ordinal))?["slug: ".Length..].Trim();
                list.Add(new Version(Path.GetFileName(dir), lang, translation, slug ?? Path.GetFileName(dir)));
            }
        return list;
    }

    /// <summary>The i18n string <paramref name="key"/> (a nested one as "map.key") from theme/i18n/&lt;lang&gt;.yml.</summary>
    public static string I18n(string language, string key)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Repo.Root, "theme", "i18n", language + ".yml"))));
        YamlDotNet.RepresentationModel.YamlNode node = stream.Documents[0].RootNode;
        foreach (var part in key.Split('.'))
            node = ((YamlDotNet.RepresentationModel.YamlMappingNode)node)[part];
        return ((YamlDotNet.RepresentationModel.YamlScalarNode)node).Value!;
    }
}
