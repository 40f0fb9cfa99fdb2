using System.Globalization;
using System.Text;

namespace StaticNews.Content;

/// <summary>Percent-escaping (RFC 3986) of a URL's part, for the parts that no library escapes as this site needs.</summary>
public static class PercentEscapes
{
    /// <summary>
    /// <paramref name="text"/> with each byte of its UTF-8 escaped but ASCII letters and digits and the characters in
    /// <paramref name="allowed"/>; with <paramref name="keepEscapes"/>, a '%' and two hex digits are kept as the escape they are.
    /// </summary>
    public static string Escape(string text, string allowed, bool keepEscapes = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var escaped = new StringBuilder(bytes.Length + 8);
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            var isEscape = keepEscapes && c == '%' && i + 2 < bytes.Length && char.IsAsciiHexDigit((char)bytes[i + 1]) && char.IsAsciiHexDigit((char)bytes[i + 2]);
            if (isEscape || char.IsAsciiLetterOrDigit(c) || allowed.Contains(c)) escaped.Append(c);
            else escaped.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }
}
