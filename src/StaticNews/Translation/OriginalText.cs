using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Translation;

/// <summary>
/// What a translation of one story is made from, read from its original's file: the front matter values that are
/// translated (<see cref="TranslatableText.FrontMatterKeys"/>), the body cut into segments, and the hash of both
/// that the translation records as <c>source_hash</c>.
/// </summary>
public sealed class OriginalText
{
    private OriginalText(string sourcePath, IReadOnlyDictionary<string, string> values, MarkdownSegments body, string hash)
    {
        SourcePath = sourcePath;
        Values = values;
        Body = body;
        Hash = hash;
    }

    /// <summary>The original's file, relative to the input folder.</summary>
    public string SourcePath { get; }
    /// <summary>Translated front matter values the original has (blank ones left out), by key.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }
    public MarkdownSegments Body { get; }
    public string Hash { get; }

    /// <summary>The front matter segments (ids are the keys) then the body's, in reading order.</summary>
    public IReadOnlyList<Segment> Segments =>
        [.. TranslatableText.FrontMatterKeys.Where(Values.ContainsKey).Select(k => new Segment(k, [new TextNode(Values[k])])), .. Body.Segments];

    /// <summary>The segments to send for <paramref name="language"/>: those with words, the glossary's terms marked.</summary>
    public IReadOnlyList<Segment> ToTranslate(Glossary glossary, string language) =>
        Segments.Where(s => s.HasText).Select(s => glossary.Mark(s, language)).ToList();

    /// <summary>Reads the original at <paramref name="sourcePath"/> (relative to <paramref name="inputDirectory"/>); throws <see cref="InputException"/>.</summary>
    public static OriginalText Read(string inputDirectory, string sourcePath)
    {
        var text = SourceText.Read(Path.Combine(inputDirectory, sourcePath), sourcePath, new DiagnosticBag());
        return FromText(text, sourcePath);
    }

    /// <summary>The same from a file's text (an XLIFF file carries the original it was exported from).</summary>
    public static OriginalText FromText(string text, string sourcePath)
    {
        var split = FrontMatterSplit.Parse(text, sourcePath);
        var map = YamlSource.Parse(split.Yaml, sourcePath, split.YamlFirstLine - 1) as YamlMappingNode
            ?? throw new InputException("front matter must be a YAML mapping (key: value lines)", sourcePath, split.YamlFirstLine);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _, value) in YamlSource.Entries(map))
            if (TranslatableText.FrontMatterKeys.Contains(key) && YamlSource.Scalar(value) is { } scalar && !string.IsNullOrWhiteSpace(scalar))
                values[key] = scalar.Trim();
        return new OriginalText(sourcePath, values, MarkdownSegments.Parse(split.Body), TranslatableText.Hash(values.GetValueOrDefault, split.Body));
    }
}
