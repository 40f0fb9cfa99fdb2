using StaticNews.Configuration;

namespace StaticNews.Stories;

/// <summary>
/// The hreflang x-default of each kind of page — where a visitor none of whose languages the site has should land —
/// one rule for the pages' own alternate links and the sitemaps: a story's is its original; the language homes'
/// (and the chooser's own) is the language chooser at the site root, which lets the visitor choose; any other
/// listing's (a category, a tag, the feeds page) is its version in the default language, where there is one.
/// </summary>
public static class XDefault
{
    public static string Story(Story story) => story.Original.Url;

    public const string Homes = Permalinks.Chooser;

    /// <summary>A listing other than the homes, given its versions: the default language's, or none (then the set has no x-default).</summary>
    public static string? Listing(SiteConfig site, IEnumerable<(LanguageConfig Language, string Url)> versions)
    {
        // A plain loop: asked for every listing page that has alternates.
        foreach (var (language, url) in versions)
            if (language.Code == site.DefaultLanguage) return url;
        return null;
    }
}
