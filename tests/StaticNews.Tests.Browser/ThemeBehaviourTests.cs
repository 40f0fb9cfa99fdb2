using Microsoft.Playwright;
using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>What a reader notices of the theme itself: keyboard use, dark mode, print, and the stylesheet's weight.</summary>
[Collection("browser")]
public sealed class ThemeBehaviourTests(BrowserSite site)
{
    public static TheoryData<string> Languages => SitePages.LanguageCodes();

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Skip_link_is_the_first_tab_stop_shows_on_focus_and_jumps_to_the_content(string lang)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", lang));
        var skip = probe.Page.Locator(".skip-link");
        Assert.False(await InViewportAsync(skip)); // out of sight until focused

        await probe.Page.Keyboard.PressAsync("Tab");
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.True(await InViewportAsync(skip));
        Assert.True(await FocusRingWidthAsync(probe) >= 2);

        await probe.Page.Keyboard.PressAsync("Enter");
        // The jump is a navigation within the page, which the browser may report after the key's events have returned:
        // waited for (it fails the test if it never comes), not read at once.
        await probe.Page.WaitForFunctionAsync("location.hash === '#main'");
        // The next Tab continues inside the content, past the header's navigation.
        await probe.Page.Keyboard.PressAsync("Tab");
        Assert.True(await probe.EvalAsync<bool>("document.querySelector('main').contains(document.activeElement)"));
    }

    [Fact]
    public async Task Every_keyboard_stop_in_the_header_shows_a_focus_ring()
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", "en"));
        var count = await probe.Page.Locator(".site-header a").CountAsync();
        for (var i = 0; i <= count; i++) // the skip link, then every header link
        {
            await probe.Page.Keyboard.PressAsync("Tab");
            var width = await FocusRingWidthAsync(probe);
            Assert.True(width >= 2, $"tab stop {i} ({await probe.EvalAsync<string>("document.activeElement.outerHTML")}) has a {width} px outline");
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light, false)]
    [InlineData(ColorScheme.Dark, true)]
    public async Task Colours_follow_the_readers_colour_scheme(ColorScheme scheme, bool dark)
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", "en"), new() { ColorScheme = scheme });
        var background = await LuminanceAsync(probe, "document.body", "backgroundColor");
        var text = await LuminanceAsync(probe, "document.querySelector('.story-body p')", "color");
        if (dark) Assert.True(background < 0.05 && text > 0.6, $"dark: background {background:0.00}, text {text:0.00}");
        else Assert.True(background > 0.9 && text < 0.05, $"light: background {background:0.00}, text {text:0.00}");
    }

    [Fact]
    public async Task Print_shows_the_story_and_notice_without_navigation_and_on_white()
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", "ar"), new() { ColorScheme = ColorScheme.Dark });
        await probe.Page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var hidden in new[] { ".language-switcher", ".categories", ".share", ".skip-link", ".site-footer .feeds" })
            Assert.Equal("none", await probe.EvalAsync<string>($"getComputedStyle(document.querySelector('{hidden}')).display"));
        Assert.True(await probe.Page.Locator(".translation-notice").IsVisibleAsync());
        Assert.True(await probe.Page.Locator(".story-body").IsVisibleAsync());
        Assert.True(await LuminanceAsync(probe, "document.body", "backgroundColor") > 0.95); // paper, even for a dark-mode reader
        Assert.True(await LuminanceAsync(probe, "document.querySelector('.story-body p')", "color") < 0.01);
    }

    [Fact]
    public async Task Stylesheets_weigh_under_20_KB_and_load_no_web_font()
    {
        await using var probe = await site.OpenAsync(site.PathOf("story", "zh"));
        var hrefs = await probe.Page.Locator("link[rel=stylesheet]").EvaluateAllAsync<string[]>("els => els.map(l => l.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        long total = 0;
        foreach (var href in hrefs)
        {
            var file = site.Server.FileFor(href);
            Assert.NotNull(file);
            total += new FileInfo(file).Length;
            var css = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("@font-face", css);
            Assert.DoesNotContain("@import", css);
        }
        Assert.True(total < 20 * 1024, $"{total} bytes of CSS");
        Assert.Empty(probe.Fonts);
    }

    private static Task<bool> InViewportAsync(ILocator element) => element.EvaluateAsync<bool>(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth; }");

    private static Task<double> FocusRingWidthAsync(PageProbe probe) => probe.EvalAsync<double>(
        "(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth); })()");

    /// <summary>Relative luminance (WCAG) of a computed colour of an element.</summary>
    private static Task<double> LuminanceAsync(PageProbe probe, string element, string property) => probe.EvalAsync<double>($$"""
        (() => {
          const [r, g, b] = getComputedStyle({{element}}).{{property}}.match(/[\d.]+/g).slice(0, 3).map(Number)
            .map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        })()
        """);
}
