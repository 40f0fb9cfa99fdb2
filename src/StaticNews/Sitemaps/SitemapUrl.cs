using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Sitemaps;

/// <summary>One indexable page in a language sitemap: its absolute URL, when its content last changed, its hreflang set.</summary>
public sealed record SitemapUrl(string Loc, DateTimeOffset? LastModified, IReadOnlyList<SitemapAlternate> Alternates);

/// <summary>One <c>xhtml:link rel="alternate"</c>: a version of the page (or x-default) and its absolute URL.</summary>
public sealed record SitemapAlternate(string Hreflang, string Href);

/// <summary>
/// The pages search engines should index, per language: the language home, every story version and
/// the first page of each category and tag listing. Their hreflang sets are the ones the pages carry
/// in their own <c>&lt;link rel=alternate&gt;</c> (see PageBuilder): every existing version of the
/// same page plus x-default, the original (for listings: the default language's listing, where it exists).
/// Later listing pages (/page/2/) are left out: they are reachable from page 1 and have no alternates.
/// 404 pages and the chooser (redirected by language on the CDN) are not indexable.
/// </summary>
public static class SitemapUrls
{
    public static IReadOnlyList<SitemapUrl> For(LanguageConfig language, StoryIndex index, SiteConfig site)
    {
        var code = language.Code;
        var urls = new List<SitemapUrl>
        {
            Listing(site, index.ByLanguage[code], site.Languages.Select(l => (l, Permalinks.Home(l.Code))), Permalinks.Home(code)),
        };
        foreach (var version in index.ByLanguage[code])
            urls.Add(new SitemapUrl(site.AbsoluteUrl(version.Url), version.LastModified, Alternates(site,
                version.Story.Versions.Select(v => (v.Language, v.Url)), version.Story.Original.Url)));
        foreach (var (key, versions) in index.ByCategory[code])
            urls.Add(Listing(site, versions, site.Languages.Where(l => index.ByCategory[l.Code].ContainsKey(key))
                .Select(l => (l, Permalinks.Category(l.Code, key))), Permalinks.Category(code, key)));
        foreach (var (key, versions) in index.ByTag[code])
            urls.Add(Listing(site, versions, site.Languages.Where(l => index.ByTag[l.Code].ContainsKey(key))
                .Select(l => (l, Permalinks.Tag(l.Code, key))), Permalinks.Tag(code, key)));
        return urls;
    }

    /// <summary>
    /// A listing's first page. Its lastmod is the newest change among the stories it shows, so it moves
    /// when a story appears on it or one of them is updated, and never with the build clock.
    /// </summary>
    private static SitemapUrl Listing(SiteConfig site, IReadOnlyList<StoryVersion> versions,
        IEnumerable<(LanguageConfig Language, string Url)> existing, string url)
    {
        var shown = versions.Take(site.PageSize).ToList();
        DateTimeOffset? lastModified = shown.Count == 0 ? null : shown.Max(v => v.LastModified);
        var all = existing.ToList();
        var xDefault = all.Where(e => e.Language.Code == site.DefaultLanguage).Select(e => e.Url).FirstOrDefault();
        return new SitemapUrl(site.AbsoluteUrl(url), lastModified, Alternates(site, all, xDefault));
    }

    private static IReadOnlyList<SitemapAlternate> Alternates(SiteConfig site, IEnumerable<(LanguageConfig Language, string Url)> versions, string? xDefault)
    {
        var list = versions.Select(v => new SitemapAlternate(v.Language.Hreflang, site.AbsoluteUrl(v.Url))).ToList();
        if (xDefault is not null) list.Add(new SitemapAlternate("x-default", site.AbsoluteUrl(xDefault)));
        return list;
    }
}
