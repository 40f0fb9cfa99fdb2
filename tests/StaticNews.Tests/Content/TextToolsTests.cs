using System.Globalization;
using StaticNews.Content;

namespace StaticNews.Tests.Content;

public sealed class TextToolsTests
{
    [Fact]
    public void Summaries_of_spaced_scripts_count_words()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => "kata" + i));
        var summary = TextTools.Summarize(text, 10);
        Assert.Equal(string.Join(' ', Enumerable.Range(1, 10).Select(i => "kata" + i)) + "…", summary);
        Assert.Equal("pendek saja", TextTools.Summarize("pendek   saja", 10));
    }

    [Fact]
    public void Summaries_of_chinese_and_japanese_count_characters()
    {
        var zh = string.Concat(Enumerable.Repeat("总统访问合作国家政府经济。", 40));
        var summary = TextTools.Summarize(zh, 40);
        Assert.InRange(summary.Length, 90, 110); // about 2.5 characters per word
        Assert.EndsWith("…", summary);
        Assert.StartsWith(summary[..^1], zh);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀𠀀", 200)); // astral characters: two UTF-16 units each
        for (var words = 1; words < 60; words++)
        {
            var summary = TextTools.Summarize(emoji, words);
            Assert.Equal(summary, TextTools.StripInvalid(summary));
        }
    }

    [Fact]
    public void Strip_invalid_removes_controls_noncharacters_and_lone_surrogates_only()
    {
        var dirty = "a\u0001b\uFFFEc\uD800d\uDC00e😀\tf\n";
        Assert.Equal("abcde😀\tf\n", TextTools.StripInvalid(dirty));
        const string clean = "Bersih, 中文, العربية, 😀";
        Assert.Same(clean, TextTools.StripInvalid(clean));
    }

    [Fact]
    public void The_first_character_to_remove_is_found_wherever_it_stands_among_any_others()
    {
        // Characters on either side of every boundary of what XML and HTML can carry, among plain letters.
        char[] edges = ['\0', '\u0001', '\u0008', '\t', '\n', '\u000B', '\u000C', '\r', '\u000E', '\u001F', ' ', '~', '\u007F', '\u0080',
            '\u009F', '\u00A0', 'é', '中', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFD', '\uFFFE', '\uFFFF'];
        var random = new Random(20261201);
        for (var n = 0; n < 20_000; n++)
        {
            var rare = random.Next(2) == 0 ? 4 : 60;
            var text = new string(Enumerable.Range(0, random.Next(0, 70))
                .Select(_ => random.Next(rare) == 0 ? edges[random.Next(edges.Length)] : (char)random.Next('a', 'z' + 1)).ToArray());
            Assert.Equal(FirstToRemove(text), TextTools.IndexOfInvalid(text));
        }
    }

    [Fact]
    public void Summaries_cut_where_a_cut_by_text_elements_would_whatever_the_scripts_and_marks()
    {
        // Letters, combining marks, joiners and emoji modifiers, wide scripts, CR LF and punctuation, mixed in words.
        string[] pieces = ["a", "Z", "é", "e\u0301", "\u0301", "中", "あ", "😀", "\u200D", "👍🏽", "ع", "\u064B", "©", "\r\n", "\r", ",", "ą", "\u00AD", "ñ", "\u0303", "ー"];
        var random = new Random(20261201);
        for (var n = 0; n < 5_000; n++)
        {
            var words = Enumerable.Range(0, random.Next(1, 60))
                .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => pieces[random.Next(random.Next(2) == 0 ? 3 : pieces.Length)])));
            var text = string.Join(random.Next(3) == 0 ? "  " : " ", words);
            var summaryWords = random.Next(1, 12);
            Assert.Equal(SummaryByTextElements(text, summaryWords), TextTools.Summarize(text, summaryWords));
        }
    }

    /// <summary>Summarize as it reads, element by element through .NET's text element enumerator.</summary>
    private static string SummaryByTextElements(string text, int words)
    {
        var budget = words * 10;
        var firstWords = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(TextTools.WordsRead(words)));
        var used = 0;
        var inWord = false;
        var elements = StringInfo.GetTextElementEnumerator(firstWords);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var cost = TextTools.IsWideScript(element) ? 4 : element == " " ? 0 : inWord ? 0 : 10;
            inWord = cost != 4 && element != " ";
            if (used + cost > budget) return firstWords[..elements.ElementIndex].TrimEnd(' ', ',', ';', ':', '、', '，') + "…";
            used += cost;
        }
        return firstWords;
    }

    /// <summary>What XML 1.0 allows, character by character: tab, LF, CR, U+0020-U+D7FF (less DEL and C1 controls), U+E000-U+FFFD, surrogate pairs.</summary>
    private static int FirstToRemove(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            var allowed = c is '\t' or '\n' or '\r' or (>= ' ' and < '\u007F') or (> '\u009F' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');
            if (!allowed) return i;
        }
        return -1;
    }
}
