using System.Globalization;
using System.Text;

namespace StaticNews.Content;

/// <summary>Text shortening and cleaning that respects scripts and never splits a character.</summary>
public static class TextTools
{
    /// <summary>
    /// The first <paramref name="words"/> words of <paramref name="text"/>, plus an ellipsis when cut.
    /// Scripts written without spaces (Chinese, Japanese) count by characters instead: two and a half
    /// characters per word, roughly the same reading length. Cuts fall between text elements, so a
    /// surrogate pair or a combining sequence is never split.
    /// </summary>
    public static string Summarize(string text, int words)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return text;
        // Units: a word costs 10, a CJK character 4 (= 2.5 characters per word).
        var budget = words * 10;
        var used = 0;
        var cut = -1;
        var inWord = false;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var cost = IsWideScript(element) ? 4 : element == " " ? 0 : inWord ? 0 : 10;
            inWord = cost != 4 && element != " ";
            if (used + cost > budget)
            {
                cut = enumerator.ElementIndex;
                break;
            }
            used += cost;
        }
        if (cut < 0) return text;
        return text[..cut].TrimEnd(' ', ',', ';', ':', '、', '，') + "…";
    }

    /// <summary>Han, Hiragana, Katakana and CJK punctuation: scripts without spaces between words.</summary>
    public static bool IsWideScript(string element)
    {
        var c = char.ConvertToUtf32(element, 0);
        return c is >= 0x3000 and <= 0x30FF   // CJK punctuation, Hiragana, Katakana
            or >= 0x3400 and <= 0x4DBF        // CJK Extension A
            or >= 0x4E00 and <= 0x9FFF        // CJK Unified Ideographs
            or >= 0xF900 and <= 0xFAFF        // CJK Compatibility Ideographs
            or >= 0xFF00 and <= 0xFFEF        // Half- and full-width forms
            or >= 0x20000 and <= 0x3FFFF;     // CJK Extensions B and later
    }

    /// <summary>
    /// Removes what XML 1.0 forbids and what renders as nothing useful: C0 controls other than tab
    /// and newline, DEL and C1 controls, U+FFFE/U+FFFF and lone surrogates.
    /// </summary>
    public static string StripInvalid(string text)
    {
        var i = IndexOfInvalid(text);
        if (i < 0) return text;
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (IsValidAt(text, i, out var pair))
            {
                clean.Append(text[i]);
                if (pair) clean.Append(text[++i]);
            }
        }
        return clean.ToString();
    }

    /// <summary>The index of the first character <see cref="StripInvalid"/> would remove, or -1.</summary>
    public static int IndexOfInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (!IsValidAt(text, i, out var pair)) return i;
            else if (pair) i++;
        return -1;
    }

    private static bool IsValidAt(string text, int i, out bool pair)
    {
        pair = false;
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            pair = i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            return pair;
        }
        if (char.IsLowSurrogate(c)) return false;
        return c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0x7F) || (c > 0x9F && c != '\uFFFE' && c != '\uFFFF');
    }
}
