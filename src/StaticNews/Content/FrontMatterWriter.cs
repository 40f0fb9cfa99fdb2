using System.Text;

namespace StaticNews.Content;

/// <summary>
/// Writes story front matter: one key per line, text always as a YAML double-quoted scalar (a title may hold
/// ':' '#' quotes, brackets or anything else), so what a tool writes reads back as exactly that text.
/// </summary>
public sealed class FrontMatterWriter
{
    private readonly StringBuilder _text = new("---\n");

    /// <summary>A text value, quoted; nothing is written for null.</summary>
    public FrontMatterWriter Text(string key, string? value)
    {
        if (value is not null) _text.Append(key).Append(": ").Append(Quote(value)).Append('\n');
        return this;
    }

    /// <summary>A value written as it is: a date, a boolean, a key made of letters and hyphens.</summary>
    public FrontMatterWriter Plain(string key, string value)
    {
        _text.Append(key).Append(": ").Append(value).Append('\n');
        return this;
    }

    /// <summary>A flow list of quoted texts; nothing is written for an empty list.</summary>
    public FrontMatterWriter List(string key, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0) return this;
        _text.Append(key).Append(": [").AppendJoin(", ", values.Select(Quote)).Append("]\n");
        return this;
    }

    /// <summary>The file: the front matter, a blank line, the body.</summary>
    public string Finish(string body) => _text.Append("---\n\n").Append(body).ToString();

    /// <summary>
    /// A YAML double-quoted scalar on one line: quotes and backslashes escaped, line breaks (YAML's too: NEL, LS, PS)
    /// and tabs as spaces, and characters a story file may not hold (controls, lone surrogates) dropped.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n' or '\r' or '\t' or '\u0085' or '\u2028' or '\u2029': builder.Append(' '); break;
                case '\uFEFF' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) builder.Append(c).Append(value[++i]);
                    else if (!char.IsControl(c) && !char.IsSurrogate(c)) builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
