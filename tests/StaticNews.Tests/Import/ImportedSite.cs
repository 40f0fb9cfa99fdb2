using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Import;
using StaticNews.Import.Wordpress;
using StaticNews.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Tests.Import;

/// <summary>A site folder to import into, and ways to read what the import wrote (front matter parsed as YAML, bodies rendered).</summary>
public sealed class ImportedSite : IDisposable
{
    public static string Fixtures => Path.Combine(Repo.Root, "tests", "StaticNews.Tests", "Import", "Fixtures");
    public static string Fixture(string name) => Path.Combine(Fixtures, name);
    public static string Uploads => Path.Combine(Fixtures, "uploads");

    public const string SiteYml = """
        title: Kabar Nusantara
        baseUrl: https://kabar.example.org/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          en: { name: English }
          fr: { name: Français }
        embeds: [www.youtube-nocookie.com]
        """;

    public ImportedSite(string siteYml = SiteYml)
    {
        Input = Temp.Combine("input");
        Directory.CreateDirectory(Input);
        File.WriteAllText(Path.Combine(Input, "site.yml"), siteYml);
    }

    public TempDir Temp { get; } = new();
    public string Input { get; }

    public ImportReport Import(string export, string? uploads = null, IReadOnlySet<string>? machine = null) =>
        WordpressImport.Run(new WordpressImportOptions
        {
            ExportPath = export, InputDirectory = Input, UploadsDirectory = uploads, MachineLanguages = machine ?? new HashSet<string>(),
        });

    public string Full(string relative) => System.IO.Path.Combine(Input, relative);
    public bool Exists(string relative) => File.Exists(Full(relative));
    public string Text(string relative) => File.ReadAllText(Full(relative));

    /// <summary>The front matter of a story file, as the build's YAML reader sees it.</summary>
    public YamlMappingNode FrontMatter(string relative)
    {
        var split = FrontMatterSplit.Parse(Text(relative), relative);
        return (YamlMappingNode)YamlSource.Parse(split.Yaml, relative)!;
    }

    public string? Value(string relative, string key) =>
        FrontMatter(relative).Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    public IReadOnlyList<string> Values(string relative, string key) =>
        FrontMatter(relative).Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value!).ToList()
            : [];

    /// <summary>The body rendered by the build's Markdown renderer, parsed.</summary>
    public AngleSharp.Dom.IDocument Body(string relative)
    {
        var config = SiteConfigLoader.Load(Input, null, new StaticNews.Engine.DiagnosticBag())!;
        return HtmlPages.Parse(new MarkdownRenderer(HtmlPolicy.For(config)).Render(FrontMatterSplit.Parse(Text(relative), relative).Body, new Uri(config.BaseUrl, "id/2019/05/story/")).PageHtml);
    }

    /// <summary>Every file under the input folder with its bytes and write time: what "nothing changed" is checked against.</summary>
    public Dictionary<string, (string Hash, DateTime Written)> Snapshot() =>
        Directory.EnumerateFiles(Input, "*", SearchOption.AllDirectories).ToDictionary(
            f => System.IO.Path.GetRelativePath(Input, f),
            f => (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));

    /// <summary>Folders beside the input that an import left behind (its staging folder must never stay).</summary>
    public IEnumerable<string> Leftovers() => Directory.EnumerateFileSystemEntries(Temp.Path).Where(p => System.IO.Path.GetFileName(p) != "input");

    /// <summary>The line of the &lt;item&gt; holding <c>&lt;wp:post_id&gt;id&lt;/wp:post_id&gt;</c> in an export.</summary>
    public static int ItemLine(string export, long id)
    {
        var lines = File.ReadAllLines(export);
        var at = Array.FindIndex(lines, l => l.Contains($"<wp:post_id>{id}</wp:post_id>"));
        return Array.FindLastIndex(lines, at, l => l.Trim() == "<item>") + 1;
    }

    public void Dispose() => Temp.Dispose();
}
