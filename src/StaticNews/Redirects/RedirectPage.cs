using Scriban.Runtime;
using StaticNews.Configuration;
using StaticNews.Pages;
using StaticNews.Stories;

namespace StaticNews.Redirects;

/// <summary>
/// The page left at an old address for hosts that do not read <c>_redirects</c>: the theme's <c>redirect.sbn</c>, a
/// canonical link and an immediate refresh to the story's address, kept out of search engines.
/// </summary>
public static class RedirectPage
{
    /// <summary>
    /// The file that answers <paramref name="urlPath"/> on a static host: a folder's index.html (also for an address
    /// without a final '/', which hosts answer by the folder), or the file itself for an old .html page.
    /// </summary>
    public static string FileFor(string urlPath) =>
        urlPath.EndsWith('/') || urlPath.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || urlPath.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
            ? Permalinks.FileFor(urlPath)
            : Permalinks.FileFor(urlPath + "/");

    public static string Html(SiteConfig site, Theme theme, StoryVersion target)
    {
        var model = new ScriptObject
        {
            ["lang"] = target.Language.Hreflang,
            ["dir"] = target.Language.Dir,
            ["title"] = target.Title,
            ["url"] = site.AbsoluteUrl(target.Url),
            ["t"] = theme.Strings(target.Language.Code).ToScriptObject(),
        };
        return TemplateRenderer.Render(theme.Layout("redirect"), model);
    }
}
