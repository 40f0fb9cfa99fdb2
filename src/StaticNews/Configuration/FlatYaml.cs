using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using ScalarEvent = YamlDotNet.Core.Events.Scalar;

namespace StaticNews.Configuration;

/// <summary>
/// The events of the YAML nearly every article's front matter is: one <c>key: value</c> a line, each value a plain
/// scalar, a quoted one without escapes, or a flow list of plain scalars (<c>tags: [ekonomi, kopi]</c>). Read
/// here line by line, it gives the events YamlDotNet's parser would, with the same positions, in a tenth of the
/// time (its scanner was a quarter of reading 12,000 articles). Anything else, or anything this is not sure of,
/// is left to YamlDotNet: <see cref="TryRead"/> says null, and nothing is reported here.
/// </summary>
public static class FlatYaml
{
    /// <summary>The events of <paramref name="text"/>, or null if it is not flat front matter as described above.</summary>
    public static IParser? TryRead(string text)
    {
        var events = new List<ParsingEvent> { new StreamStart(), new DocumentStart() };
        var line = 1;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (!Entry(text, start, end, line, events)) return null;
            start = end + 1;
            line++;
        }
        if (events.Count == 2) return null; // no entries: not a mapping
        var first = events[2].Start;
        events.Insert(2, new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, first, first));
        var last = new Mark(text.Length, line, 1);
        events.Add(new MappingEnd(last, last));
        events.Add(new DocumentEnd(true, last, last));
        events.Add(new StreamEnd(last, last));
        return new Replay(events);
    }

    /// <summary>One <c>key: value</c> line, from <paramref name="start"/> to <paramref name="end"/> (its newline), as events.</summary>
    private static bool Entry(string text, int start, int end, int line, List<ParsingEvent> events)
    {
        var colon = start;
        while (colon < end && (char.IsAsciiLetterOrDigit(text[colon]) || text[colon] == '_')) colon++;
        if (colon == start || !char.IsAsciiLetter(text[start]) || colon + 1 >= end || text[colon] != ':' || text[colon + 1] != ' ') return false;
        events.Add(Scalar(text[start..colon], ScalarStyle.Plain, start, colon, line, start));
        var valueStart = colon + 1;
        while (valueStart < end && text[valueStart] == ' ') valueStart++;
        var valueEnd = end;
        while (valueEnd > valueStart && text[valueEnd - 1] == ' ') valueEnd--;
        if (valueStart == valueEnd) return false;
        var value = text.AsSpan(valueStart, valueEnd - valueStart);
        switch (value[0])
        {
            case '"' or '\'':
                var quote = value[0];
                if (value.Length < 2 || value[^1] != quote) return false;
                var inner = value[1..^1];
                if (inner.IndexOf(quote) >= 0 || (quote == '"' && inner.Contains('\\')) || !Printable(inner)) return false;
                events.Add(Scalar(inner.ToString(), quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, valueStart, valueEnd, line, start));
                return true;
            case '[':
                if (value[^1] != ']') return false;
                events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow,
                    MarkAt(valueStart, line, start), MarkAt(valueStart + 1, line, start)));
                var items = value[1..^1];
                if (!items.Trim(' ').IsEmpty)
                {
                    var at = valueStart + 1;
                    foreach (var range in items.Split(','))
                    {
                        var item = items[range];
                        var lead = item.Length - item.TrimStart(' ').Length;
                        var itemText = item.Trim(' ');
                        var itemStart = at + range.Start.Value + lead;
                        if (!IsPlain(itemText, inFlow: true)) return false;
                        events.Add(Scalar(itemText.ToString(), ScalarStyle.Plain, itemStart, itemStart + itemText.Length, line, start));
                    }
                }
                events.Add(new SequenceEnd(MarkAt(valueEnd - 1, line, start), MarkAt(valueEnd, line, start)));
                return true;
            default:
                if (!IsPlain(value, inFlow: false)) return false;
                events.Add(Scalar(value.ToString(), ScalarStyle.Plain, valueStart, valueEnd, line, start));
                return true;
        }
    }

    /// <summary>
    /// A plain scalar that means its own text: no indicator first, no <c>": "</c>, <c>" #"</c> or tab, not ending in
    /// a colon; in a flow list, no flow indicators either. Brackets and braces are left to YamlDotNet everywhere.
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<char> value, bool inFlow)
    {
        if (value.IsEmpty || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0]) || value[^1] == ':') return false;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal)) return false;
        if (value.IndexOfAny("[]{}\t") >= 0 || (inFlow && value.Contains(','))) return false;
        return Printable(value);
    }

    /// <summary>Characters every YAML reader takes as they are: no controls, no byte order mark, no surrogates or non-characters.</summary>
    private static bool Printable(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
            if (c < ' ' || c is >= '\u007F' and <= '\u009F' or '\uFEFF' or >= '\uD800' and <= '\uDFFF' or >= '\uFFFE') return false;
        return true;
    }

    private static Mark MarkAt(int index, int line, int lineStart) => new(index, line, index - lineStart + 1);

    private static ScalarEvent Scalar(string value, ScalarStyle style, int from, int to, int line, int lineStart) =>
        new(AnchorName.Empty, TagName.Empty, value, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain,
            MarkAt(from, line, lineStart), MarkAt(to, line, lineStart));

    /// <summary>Events made beforehand, read as a parser's.</summary>
    private sealed class Replay(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (_next == events.Count) return false;
            Current = events[_next++];
            return true;
        }
    }
}
