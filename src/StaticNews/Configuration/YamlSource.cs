using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Configuration;

/// <summary>
/// Parses YAML into YamlDotNet's representation model, keeping line numbers so every diagnostic can
/// point at the line. Line offsets let a front matter block report lines of the whole file.
/// </summary>
public static class YamlSource
{
    /// <summary>Parse one YAML document; null for an empty one. Throws <see cref="Engine.InputException"/> with file and line.</summary>
    public static YamlNode? Parse(string text, string file, int lineOffset = 0)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            if (stream.Documents.Count > 1)
                throw new Engine.InputException("expected one YAML document, found several ('---' inside the block?)", file, lineOffset + 1);
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? lineOffset + (int)e.Start.Line : (int?)null;
            var message = e.InnerException is not null && e.Message.StartsWith("(Line", StringComparison.Ordinal) ? e.InnerException.Message : e.Message;
            throw new Engine.InputException($"malformed YAML: {Clean(message)}", file, line);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails this way on some inputs (an unclosed flow collection at the end, a duplicate key).
            var duplicate = e is ArgumentException && e.Message.Contains("same key", StringComparison.Ordinal);
            var message = duplicate ? "duplicate key" : "the YAML ends inside an unclosed [ ], { } or quote";
            throw new Engine.InputException($"malformed YAML: {message}", file, lineOffset + UnclosedLine(text));
        }
    }

    /// <summary>Best guess at the line of an unclosed bracket or quote (1-based within the block).</summary>
    private static int UnclosedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            if (l.Count(c => c == '[') > l.Count(c => c == ']') || l.Count(c => c == '{') > l.Count(c => c == '}')
                || l.Count(c => c == '"') % 2 == 1 || (l.TrimStart().Contains(": '") && l.Count(c => c == '\'') % 2 == 1))
                return i + 1;
        }
        return 1;
    }

    public static int LineOf(YamlNode node, int lineOffset = 0) => lineOffset + (int)node.Start.Line;

    public static string? Scalar(YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map)
    {
        foreach (var (k, v) in map.Children)
            yield return (((YamlScalarNode)k).Value ?? "", k, v);
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; we give the line ourselves.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }
}
