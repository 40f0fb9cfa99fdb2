using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Pages;
using StaticNews.Publish;

namespace StaticNews.Stories;

/// <summary>A site folder's configuration and stories, read as a build reads them.</summary>
public sealed record SiteStories(SiteConfig Site, StoryIndex Index, Images.ImageCatalog? Images = null)
{
    /// <summary>
    /// Reads site.yml and every story: the Content and Stories stages of a build, writing nothing. Null when the
    /// input has errors (all of them in <paramref name="diagnostics"/>, each with file and line). With
    /// <paramref name="images"/>, the stories' images are checked too (format, size, pixel count, readable header), not encoded.
    /// </summary>
    public static async Task<SiteStories?> ReadAsync(BuildOptions options, BuildClock clock, DiagnosticBag diagnostics, bool images = false)
    {
        var site = SiteConfigLoader.Load(options.InputDirectory, options.BaseUrl, diagnostics);
        if (site is null) return null;
        var stories = new StoriesPipeline();
        var session = new BuildSession(site, options, clock, new Theme(null), OutputSink.ReadOnly(), diagnostics);
        var imageStage = new Images.ImagesPipeline();
        await new BuildEngine(images ? [new ContentPipeline(), stories, imageStage] : [new ContentPipeline(), stories]).RunAsync(session);
        return diagnostics.HasErrors ? null : new SiteStories(site, stories.Result, images ? imageStage.Result : null);
    }
}
