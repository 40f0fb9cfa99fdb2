using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Engine;

/// <summary>
/// Which stories' folders changed since the published site was built (see <see cref="StoryFolders"/>), in a build of the
/// same key in which nothing outside the story folders changed, with what the published pages showed beyond their
/// stories' folders (<see cref="Published"/>). A story page shows its own story, the site's header and the names of its
/// terms and authors; a listing page the versions it lists and its links. Where the story's folder (or every listed
/// story's) and the rest of the input are as they were, and what the site as a whole shows too, the page is the one
/// published, which the build keeps without summing up its inputs again.
/// </summary>
public sealed class StoryChanges(IReadOnlySet<string> changed, PublishedSums published)
{
    /// <summary>True if the folder of the story <paramref name="storyKey"/> holds what it held when the published site was built.</summary>
    public bool IsUnchanged(string storyKey) => !changed.Contains(storyKey);

    /// <summary>
    /// The versions of <paramref name="index"/> whose stories' folders changed: found once for the build's index, which
    /// the listings, the feeds and the sitemaps each ask about.
    /// </summary>
    public VersionSet ChangedIn(StoryIndex index)
    {
        lock (_changedInLock)
        {
            if (_changedIn is { } found && found.Index == index) return found.Versions;
            var versions = new VersionSet(index);
            foreach (var story in index.Stories)
                if (changed.Contains(story.Key))
                    foreach (var version in story.Versions) versions.Add(version);
            _changedIn = (index, versions);
            return versions;
        }
    }

    private readonly Lock _changedInLock = new();
    private (StoryIndex Index, VersionSet Versions)? _changedIn;

    /// <summary>
    /// True if the file at <paramref name="path"/>, which lists <paramref name="versions"/> of <paramref name="index"/> and
    /// sums up as <paramref name="sum"/>, is as published: its sum is the one <paramref name="recorded"/> for it (what it
    /// lists, see PublishedSums.AddListed, and what it shows beyond) and none of its stories' folders changed.
    /// </summary>
    public bool AsPublished(IReadOnlyDictionary<string, Fingerprint> recorded, string path, Fingerprint sum, IReadOnlyList<StoryVersion> versions, StoryIndex index)
    {
        if (!recorded.TryGetValue(path, out var published) || published != sum) return false;
        var changed = ChangedIn(index);
        for (var i = 0; i < versions.Count; i++)
            if (changed.Contains(versions[i])) return false;
        return true;
    }

    /// <summary>What the published pages and feeds showed beyond their stories' folders.</summary>
    public PublishedSums Published { get; } = published;

    /// <summary>
    /// These changes if the site as a whole shows now what it showed when it was published (<paramref name="siteWide"/>,
    /// see Pages.PageFingerprints.SiteWide: every story page and feed entry shows its terms' names); else null, and no page
    /// or feed is kept this way.
    /// </summary>
    public StoryChanges? Given(Fingerprint siteWide) => Published.SiteWide == siteWide ? this : null;
}
