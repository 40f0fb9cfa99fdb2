using StaticNews.Engine;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Content;

/// <summary>The optional YAML files beside the articles (taxonomy.yml, authors.yml), each a map at its top.</summary>
public static class InputYaml
{
    /// <summary>
    /// The top map of input/<paramref name="fileName"/>; null when the file is absent or empty, or when it is
    /// refused (a link out of the input folder, bad YAML, not a map: reported, <paramref name="shape"/> saying what it must be).
    /// </summary>
    public static YamlMappingNode? ReadMap(string inputDirectory, string fileName, string shape, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(inputDirectory, fileName);
        if (!File.Exists(path)) return null;
        YamlNode? root;
        try
        {
            InputPaths.CheckInside(inputDirectory, path, fileName);
            root = Configuration.YamlSource.Parse(SourceText.Read(path, fileName, diagnostics), fileName);
        }
        catch (InputException e) { diagnostics.Error(e.Message, e.File, e.Line); return null; }
        if (root is null or YamlMappingNode) return root as YamlMappingNode;
        diagnostics.Error($"{fileName} must be {shape}", fileName, 1);
        return null;
    }
}
