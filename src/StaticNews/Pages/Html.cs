using System.Buffers;
using System.Text;

namespace StaticNews.Pages;

/// <summary>HTML escaping of text and attribute values: the five significant characters only, UTF-8 text stays readable.</summary>
public static class Html
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    /// <summary>Where the first character that must be escaped is, or -1 if <paramref name="text"/> can be written as is.</summary>
    public static int IndexOfSpecial(ReadOnlySpan<char> text) => text.IndexOfAny(Special);

    /// <summary>The entity that stands for a character <see cref="IndexOfSpecial"/> finds.</summary>
    public static string Entity(char special) => special switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => throw new ArgumentOutOfRangeException(nameof(special), special, "not a character HTML escaping replaces"),
    };

    public static string Escape(string text)
    {
        var first = IndexOfSpecial(text);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (Special.Contains(c)) builder.Append(Entity(c));
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
