using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using ScalarEvent = YamlDotNet.Core.Events.Scalar;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Configuration;

/// <summary>
/// Parses YAML into YamlDotNet's representation model, keeping line numbers so every diagnostic can
/// point at the line. Line offsets let a front matter block report lines of the whole file.
/// </summary>
public static class YamlSource
{
    /// <summary>Front matter and site.yml are small: anything past these is a mistake or an attack, not content.</summary>
    public const int MaxNodes = 10_000;
    public const int MaxDepth = 32;

    /// <summary>Parse one YAML document; null for an empty one. Throws <see cref="Engine.InputException"/> with file and line.</summary>
    public static YamlNode? Parse(string text, string file, int lineOffset = 0)
    {
        try
        {
            var stream = new YamlStream();
            // Flat front matter is read without YamlDotNet's scanner (see FlatYaml); the checks are the same either way.
            stream.Load(new CheckedParser(FlatYaml.TryRead(text) ?? new Parser(new StringReader(text)), file, lineOffset));
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
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some broken flow collections, e.g. "title: [A".
            throw new Engine.InputException("malformed YAML: an unclosed '[' or '{' (quote the value if it starts with one)", file, lineOffset + UnclosedLine(text));
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

    /// <summary>
    /// The parser's events, each checked as the model is built from it, so the model never sees what it would
    /// accept but this tool must not: aliases (an alias bomb is a few lines that expand exponentially), documents
    /// past <see cref="MaxNodes"/> nodes or <see cref="MaxDepth"/> levels, duplicate keys and keys that are not
    /// plain text. Each is reported at its own line.
    /// </summary>
    private sealed class CheckedParser(IParser parser, string file, int lineOffset) : IParser
    {
        private int _nodes;
        // For each open collection: the keys seen so far (null for a sequence) and whether the next node is a key.
        private readonly Stack<(Dictionary<string, long>? Keys, bool ExpectKey)> _open = new();

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext()) return false;
            Check(parser.Current!);
            return true;
        }

        private void Check(ParsingEvent e)
        {
            var line = lineOffset + (int)e.Start.Line;
            if (e is AnchorAlias)
                throw new Engine.InputException("YAML aliases (*name) are not allowed here: write the value out", file, line);
            if (e is not (ScalarEvent or MappingStart or SequenceStart or MappingEnd or SequenceEnd)) return;
            if (e is MappingEnd or SequenceEnd)
            {
                _open.Pop();
                AfterNode();
                return;
            }
            if (++_nodes > MaxNodes)
                throw new Engine.InputException($"the YAML has more than {MaxNodes} values; this is not front matter or site settings", file, line);
            var isKey = _open.Count > 0 && _open.Peek().ExpectKey && _open.Peek().Keys is not null;
            if (isKey)
            {
                if (e is not ScalarEvent keyScalar)
                    throw new Engine.InputException("a YAML key must be plain text, not a list or a map", file, line);
                var keys = _open.Peek().Keys!;
                if (keys.TryGetValue(keyScalar.Value, out var first))
                    throw new Engine.InputException($"duplicate key '{keyScalar.Value}' (first set on line {lineOffset + first}): keep one", file, line);
                keys[keyScalar.Value] = e.Start.Line;
                var top = _open.Pop();
                _open.Push((top.Keys, false));
                return;
            }
            if (e is MappingStart or SequenceStart)
            {
                if (_open.Count >= MaxDepth)
                    throw new Engine.InputException($"the YAML is nested more than {MaxDepth} levels deep", file, line);
                _open.Push((e is MappingStart ? new Dictionary<string, long>(StringComparer.Ordinal) : null, true));
                return;
            }
            AfterNode();
        }

        /// <summary>A complete value in a mapping makes the next node a key again.</summary>
        private void AfterNode()
        {
            if (_open.Count == 0 || _open.Peek().Keys is null) return;
            var top = _open.Pop();
            _open.Push((top.Keys, true));
        }
    }

    public static int LineOf(YamlNode node, int lineOffset = 0) => lineOffset + (int)node.Start.Line;

    public static string? Scalar(YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    /// <summary>A mapping's entries; keys are plain text (<see cref="Parse"/> rejects any other).</summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map)
    {
        foreach (var (k, v) in map.Children)
            yield return (Scalar(k) ?? "", k, v);
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; we give the line ourselves.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }
}
