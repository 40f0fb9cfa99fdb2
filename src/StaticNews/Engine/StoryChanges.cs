using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// Which stories' folders changed since the published site was built (see <see cref="StoryFolders"/>), in a build of the
/// same key in which nothing outside the story folders changed. A story page shows its own story, the site's header and
/// the names of its terms and authors: if its folder and the rest of the input are as they were, and what the site as a
/// whole shows on story pages too (<see cref="PublishedSiteWide"/>), it is the page published, which the build keeps
/// without summing up its inputs again.
/// </summary>
public sealed class StoryChanges(IReadOnlySet<string> changed, Fingerprint publishedSiteWide)
{
    /// <summary>True if the folder of the story <paramref name="storyKey"/> holds what it held when the published site was built.</summary>
    public bool IsUnchanged(string storyKey) => !changed.Contains(storyKey);

    /// <summary>What story pages showed of the site as a whole when it was published (see Pages.PageFingerprints.SiteWide).</summary>
    public Fingerprint PublishedSiteWide { get; } = publishedSiteWide;
}
