using System.Text.Json;
using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>Arabic reads right to left with the layout mirrored; Chinese and Japanese render with real glyphs.</summary>
[Collection("browser")]
public sealed class ScriptLayoutTests(BrowserSite site)
{
    /// <summary>
    /// Where the first character of an element's text lands inside the element's content box: right-to-left
    /// text starts at the right edge, left-to-right text at the left edge. Measured on the rendered glyphs.
    /// </summary>
    private const string FirstCharacterGaps = """
        sel => {
          const el = document.querySelector(sel);
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP });
          const text = walker.nextNode();
          const i = text.textContent.search(/\S/);
          const range = document.createRange();
          range.setStart(text, i); range.setEnd(text, i + 1);
          const ch = range.getClientRects()[0], box = el.getBoundingClientRect(), cs = getComputedStyle(el);
          const left = box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
          const right = box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
          return { toStart: ch.left - left, toEnd: right - ch.right, width: right - left };
        }
        """;

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("en", "ltr")] // the control: the same measurement finds left-aligned text on an English page
    public async Task Story_text_and_notice_start_on_the_reading_side(string lang, string dir)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", lang), new() { ViewportSize = new() { Width = 360, Height = 740 } });

        Assert.Equal(dir, await probe.EvalAsync<string>("getComputedStyle(document.documentElement).direction"));
        foreach (var selector in new[] { "main h1", ".translation-notice p", ".story-body p", ".site-title" })
        {
            var gaps = await probe.EvalAsync<JsonElement>(FirstCharacterGaps, selector);
            var (atRight, atLeft) = (gaps.GetProperty("toEnd").GetDouble(), gaps.GetProperty("toStart").GetDouble());
            var (reading, other) = dir == "rtl" ? (atRight, atLeft) : (atLeft, atRight);
            Assert.True(Math.Abs(reading) <= 2, $"{selector}: first character {reading:0.#} px from the {(dir == "rtl" ? "right" : "left")} edge");
            Assert.True(other > 20, $"{selector}: first character only {other:0.#} px from the far edge");
        }

        // The notice's accent bar sits on the reading side (border-inline-start), the rest of the box is mirrored too.
        var borders = await probe.EvalAsync<double[]>(
            "(() => { const s = getComputedStyle(document.querySelector('.translation-notice')); return [parseFloat(s.borderLeftWidth), parseFloat(s.borderRightWidth)]; })()");
        var (startBorder, endBorder) = dir == "rtl" ? (borders[1], borders[0]) : (borders[0], borders[1]);
        Assert.True(startBorder >= 3 && endBorder == 0, $"notice borders left {borders[0]} px, right {borders[1]} px");
        var textAlign = await probe.EvalAsync<string>("getComputedStyle(document.querySelector('.translation-notice')).textAlign");
        Assert.Contains(textAlign, dir == "rtl" ? new[] { "start", "right" } : ["start", "left"]);
    }

    public static TheoryData<string> ArabicPages()
    {
        var data = new TheoryData<string>();
        foreach (var kind in SitePages.LanguageKinds) data.Add(kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(ArabicPages))]
    public async Task Arabic_page_is_right_to_left_without_horizontal_scroll_at_360px(string kind)
    {
        await using var probe = await site.OpenAsync(site.PathOf(kind, "ar"), new() { ViewportSize = new() { Width = 360, Height = 740 } });

        Assert.Equal("rtl", await probe.EvalAsync<string>("getComputedStyle(document.querySelector('main')).direction"));
        var (scroll, client) = await PageLoadTests.Overflow(probe);
        Assert.True(scroll <= client, $"page is {scroll} px wide in a {client} px viewport");
        // Nothing sticks out to the left either (in RTL an overflow goes left, where scrollWidth does not see it).
        var leftmost = await probe.EvalAsync<double>("Math.min(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().left))");
        Assert.True(leftmost >= 0, $"an element starts at {leftmost} px, off the left edge");
    }

    [Theory]
    [InlineData("zh", "CJK SC")]
    [InlineData("ja", "CJK JP")]
    [InlineData("ar", "Arabic")]
    public async Task Story_renders_with_a_font_for_its_script(string lang, string family)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", lang));

        // The fonts Chromium actually drew the text with (DevTools protocol), not what CSS asked for.
        foreach (var selector in new[] { "main h1", ".story-body p" })
        {
            var fonts = await PlatformFontsAsync(probe, selector);
            var main = fonts.MaxBy(f => f.Glyphs);
            Assert.True(main.Family.Contains(family, StringComparison.Ordinal),
                $"{selector} drawn mostly with {string.Join(", ", fonts.Select(f => $"{f.Family} ({f.Glyphs})"))}");
        }
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("ja")]
    public async Task Cjk_characters_render_as_distinct_glyphs_not_tofu(string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", lang));

        // Draw each distinct Han/kana character of the headline in the headline's font: without a CJK font
        // every character comes out as the same .notdef box, so the pictures would all be identical.
        var result = await probe.EvalAsync<JsonElement>("""
            () => {
              const h1 = document.querySelector('main h1');
              const chars = [...new Set([...h1.textContent].filter(c => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)))].slice(0, 16);
              const canvas = document.createElement('canvas'); canvas.width = canvas.height = 64;
              const g = canvas.getContext('2d', { willReadFrequently: true });
              g.font = '48px ' + getComputedStyle(h1).fontFamily;
              const pictures = chars.map(c => { g.clearRect(0, 0, 64, 64); g.fillText(c, 4, 52);
                return g.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3).join(''); });
              return { chars: chars.length, distinct: new Set(pictures).size, blank: pictures.filter(p => !/[1-9]/.test(p)).length };
            }
            """);
        var chars = result.GetProperty("chars").GetInt32();
        Assert.True(chars >= 5, $"headline has only {chars} CJK characters");
        Assert.Equal(0, result.GetProperty("blank").GetInt32());
        Assert.Equal(chars, result.GetProperty("distinct").GetInt32());
    }

    private static async Task<List<(string Family, int Glyphs)>> PlatformFontsAsync(PageProbe probe, string selector)
    {
        var cdp = await probe.Page.Context.NewCDPSessionAsync(probe.Page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var nodeId = node!.Value.GetProperty("nodeId").GetInt32();
        Assert.NotEqual(0, nodeId);
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = nodeId });
        return fonts!.Value.GetProperty("fonts").EnumerateArray()
            .Select(f => (f.GetProperty("familyName").GetString()!, f.GetProperty("glyphCount").GetInt32()))
            .ToList();
    }
}
