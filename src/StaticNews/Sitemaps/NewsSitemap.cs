using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>
/// Google News sitemap rules: only articles published in the two days before the build, at most
/// 1,000 per file. This is the one output that changes with the build clock by design: the same
/// content built later lists fewer articles.
/// </summary>
public static class NewsSitemap
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(2);
    public const int MaxUrls = 1_000;

    /// <summary>Every version published in (now - 2 days, now], newest first (ties by URL, so the order is stable).</summary>
    public static IReadOnlyList<NewsItem> Items(StoryIndex index, SiteConfig site, DateTimeOffset now) =>
        index.Versions
            .Where(v => v.IsIndexed && v.Date > now - Window && v.Date <= now)
            .OrderByDescending(v => v.Date).ThenBy(v => v.Url, StringComparer.Ordinal)
            .Select(v => new NewsItem(site.AbsoluteUrl(v.Url), site.TitleFor(v.Language.Code), Language(v.Language), v.Date, v.Title))
            .ToList();

    /// <summary>
    /// The language code Google News expects: ISO 639 (the primary subtag), except Chinese, which it
    /// names zh-cn (Simplified) or zh-tw (Traditional) where hreflang says zh-Hans or zh-Hant.
    /// </summary>
    public static string Language(LanguageConfig language)
    {
        var subtags = language.Hreflang.ToLowerInvariant().Split('-');
        if (subtags[0] != "zh") return subtags[0];
        return subtags.Skip(1).Any(s => s is "hant" or "tw" or "hk" or "mo") ? "zh-tw" : "zh-cn";
    }
}
