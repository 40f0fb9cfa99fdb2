using StaticNews.Configuration;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>
/// The stories one build made, with what they were made with, for the next build of a long-lived process to take up
/// where their folders are unchanged (see <see cref="HeldStories"/>): the site as configured (their versions' languages
/// are its objects), the authors their bylines name, the tag identities, and the warnings said while each was made.
/// </summary>
public sealed class MadeStories(string key, SiteConfig site, Authors authors, TagIdentities identities,
    IReadOnlyDictionary<string, Story> stories, IReadOnlyDictionary<string, Diagnostic[]> warnings)
{
    /// <summary>The <see cref="BuildKey"/> of the build that made them: site.yml, the theme, the tool and the options.</summary>
    public string Key { get; } = key;
    public SiteConfig Site { get; } = site;
    public Authors Authors { get; } = authors;
    public TagIdentities Identities { get; } = identities;

    /// <summary>
    /// The story <paramref name="key"/> as made, if it was, from its files <paramref name="articles"/>[<paramref name="start"/>..<paramref name="end"/>)
    /// (the very articles: the held article cache hands them out again for files it found unchanged), with the warnings
    /// said then.
    /// </summary>
    public Story? Made(string key, IReadOnlyList<Content.Article> articles, int start, int end, out Diagnostic[] said)
    {
        said = [];
        if (!stories.TryGetValue(key, out var story) || story.Versions.Count != end - start) return null;
        // Versions are in the site's language order and the files in their names' order.
        foreach (var version in story.Versions)
        {
            var found = false;
            for (var i = start; i < end && !found; i++) found = ReferenceEquals(articles[i], version.Article);
            if (!found) return null;
        }
        said = warnings.GetValueOrDefault(key) ?? [];
        return story;
    }
}
