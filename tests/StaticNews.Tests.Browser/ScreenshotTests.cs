using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>
/// A phone-sized, full-length screenshot of every story page in every language, kept as a test artifact
/// (artifacts/screenshots beside the test assembly, or $TEST_ARTIFACTS/screenshots) for people to look at.
/// </summary>
[Collection("browser")]
public sealed class ScreenshotTests(BrowserSite site)
{
    public static TheoryData<string> Languages => SitePages.LanguageCodes();

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_story_page_is_screenshotted(string lang)
    {
        var folder = BrowserTools.ArtifactsFolder("screenshots");
        var stories = site.Stories(lang);
        Assert.NotEmpty(stories);
        foreach (var path in stories)
        {
            await using var probe = await site.OpenAsync(path, new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var file = Path.Combine(folder, $"story-{lang}-{path.TrimEnd('/').Split('/')[^1]}.png");
            await probe.Page.ScreenshotAsync(new() { Path = file, FullPage = true });

            // A real PNG, 360 px wide, taller than one screen (the whole story, not a blank viewport).
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.Equal(360, width);
            Assert.True(height > 740, $"{file} is only {height} px tall");
        }
    }
}
