using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>A file split into its YAML front matter and Markdown body, with the body's first line number.</summary>
public readonly record struct FrontMatterSplit(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine)
{
    /// <summary>
    /// Splits at the '---' fences. Line ends are normalised first (CRLF and lone CR are fine), and a
    /// UTF-8 BOM is dropped, so line numbers match what an editor shows.
    /// </summary>
    public static FrontMatterSplit Parse(string text, string file)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        // Spans throughout: a story file is read once per build, and copies of it add up on a large site.
        if (text.AsSpan().Trim().IsEmpty)
            throw new InputException("the file is empty; a story file starts with front matter between '---' lines", file, 1);
        if (!text.StartsWith("---\n", StringComparison.Ordinal) && !text.AsSpan().TrimEnd().SequenceEqual("---"))
            throw new InputException("no front matter: the file must start with a '---' line, then YAML (title, date, ...), then '---'", file, 1);

        var line = 2;
        var pos = 4;
        while (pos <= text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var current = (end < 0 ? text.AsSpan(pos) : text.AsSpan(pos, end - pos)).TrimEnd();
            if (current.SequenceEqual("---") || current.SequenceEqual("..."))
            {
                var yaml = text[4..pos];
                var body = end < 0 ? "" : text[(end + 1)..];
                return new FrontMatterSplit(yaml, 2, body, line + 1);
            }
            if (end < 0) break;
            pos = end + 1;
            line++;
        }
        throw new InputException("front matter is not closed: add a '---' line after the YAML block", file, 1);
    }
}
