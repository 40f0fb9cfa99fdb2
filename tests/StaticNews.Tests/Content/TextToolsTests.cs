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
}
