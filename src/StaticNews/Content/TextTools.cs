using System.Buffers;
using System.Globalization;
using System.Text;

namespace StaticNews.Content;

/// <summary>Text shortening and cleaning that respects scripts and never splits a character.</summary>
public static class TextTools
{
    /// <summary>
    /// At most 200 characters of what a server answered, on one line, control characters made spaces: for a message
    /// on a terminal, which must show neither a wall of HTML nor what an escape sequence would do.
    /// </summary>
    public static string Excerpt(string text)
    {
        var one = new StringBuilder(Math.Min(text.Length, 201));
        foreach (var c in text)
        {
            if (one.Length >= 200 && !char.IsLowSurrogate(c)) { one.Append('…'); break; }
            one.Append(char.IsControl(c) ? ' ' : c);
        }
        return one.ToString().Trim();
    }

    /// <summary>
    /// The first <paramref name="words"/> words of <paramref name="text"/>, plus an ellipsis when cut.
    /// Scripts written without spaces (Chinese, Japanese) count by characters instead: two and a half
    /// characters per word, roughly the same reading length. Cuts fall between text elements, so a
    /// surrogate pair or a combining sequence is never split.
    /// </summary>
    public static string Summarize(string text, int words)
    {
        // Units: a word costs 10, a CJK character 4 (= 2.5 characters per word), so every word costs at least 4
        // and the cut always falls within the first budget / 4 + 2 words: the rest of a long body is never looked at.
        var budget = words * 10;
        text = FirstWords(text, WordsRead(words));
        if (text.Length == 0) return text;
        var used = 0;
        var cut = -1;
        var inWord = false;
        for (var i = 0; i < text.Length;)
        {
            var length = TextElementLength(text, i);
            var element = text.AsSpan(i, length);
            var cost = IsWideScript(element) ? 4 : element is " " ? 0 : inWord ? 0 : 10;
            inWord = cost != 4 && element is not " ";
            if (used + cost > budget)
            {
                cut = i;
                break;
            }
            used += cost;
            i += length;
        }
        if (cut < 0) return text;
        return text[..cut].TrimEnd(' ', ',', ';', ':', '、', '，') + "…";
    }

    /// <summary>
    /// The length of the text element (grapheme cluster) at <paramref name="i"/>. Between two characters below
    /// U+0300 there is always a boundary, but for CR LF: no combining mark, joiner or other extender is that low.
    /// That covers most of Latin text without the Unicode tables (a summary reads a hundred words of each article).
    /// </summary>
    private static int TextElementLength(string text, int i)
    {
        var c = text[i];
        if (c < 0x300 && c != '\r' && (i + 1 == text.Length || text[i + 1] < 0x300)) return 1;
        return StringInfo.GetNextTextElementLength(text.AsSpan(i));
    }

    /// <summary>How many words (split at white space) <see cref="Summarize"/> reads: the rest of the text never changes its result.</summary>
    public static int WordsRead(int words) => words * 10 / 4 + 2;

    /// <summary>Whether <paramref name="text"/> has at least <paramref name="count"/> words (split at white space).</summary>
    public static bool HasWords(string text, int count)
    {
        for (var i = 0; count > 0; count--)
            if (NextWord(text, ref i) < 0) return false;
        return true;
    }

    /// <summary>The first <paramref name="count"/> words of <paramref name="text"/> (split at white space), joined by single spaces.</summary>
    private static string FirstWords(string text, int count)
    {
        var words = new StringBuilder();
        for (int i = 0, start; count > 0 && (start = NextWord(text, ref i)) >= 0; count--)
        {
            if (words.Length > 0) words.Append(' ');
            words.Append(text, start, i - start);
        }
        return words.ToString();
    }

    /// <summary>Where the next word from <paramref name="i"/> starts, -1 if none; <paramref name="i"/> moves to its end.</summary>
    private static int NextWord(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (i == text.Length) return -1;
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
        return start;
    }

    /// <summary>Han, Hiragana, Katakana and CJK punctuation: scripts without spaces between words.</summary>
    public static bool IsWideScript(ReadOnlySpan<char> element)
    {
        var c = element.Length > 1 && char.IsSurrogatePair(element[0], element[1]) ? char.ConvertToUtf32(element[0], element[1]) : element[0];
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
        for (var i = 0; ;)
        {
            var suspect = text.AsSpan(i).IndexOfAny(MaybeInvalid);
            if (suspect < 0) return -1;
            i += suspect;
            if (!IsValidAt(text, i, out var pair)) return i;
            i += pair ? 2 : 1;
        }
    }

    // Every character IsValidAt may refuse (a surrogate only when it is not half of a pair), searched for in
    // vector-wide steps: every article and feed entry is checked, and almost none has any.
    private static readonly SearchValues<char> MaybeInvalid = SearchValues.Create(
    [
        .. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
        .. Enumerable.Range(0x7F, 0x9F - 0x7F + 1).Select(c => (char)c),
        .. Enumerable.Range(0xD800, 0xDFFF - 0xD800 + 1).Select(c => (char)c),
        '\uFFFE', '\uFFFF',
    ]);

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
