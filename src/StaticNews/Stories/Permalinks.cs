using System.Globalization;
using System.Runtime.CompilerServices;
using StaticNews.Configuration;

namespace StaticNews.Stories;

/// <summary>Site-relative URL paths of every kind of page, and their files in the output. One place for the URL contract.</summary>
public static class Permalinks
{
    public static string Story(SiteConfig site, string language, string slug, DateTimeOffset date)
    {
        var local = TimeZoneInfo.ConvertTime(date, site.TimeZone);
        // One pass over the pattern and one string made (a Replace per placeholder made five): asked for every version
        // of the site in every build. A placeholder's value is not looked into again.
        var url = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        var rest = site.Permalink.AsSpan();
        for (var brace = rest.IndexOf('{'); brace >= 0; brace = rest.IndexOf('{'))
        {
            url.AppendFormatted(rest[..brace]);
            rest = rest[brace..];
            if (rest.StartsWith("{lang}")) url.AppendFormatted(language);
            else if (rest.StartsWith("{yyyy}")) url.AppendFormatted(local.Year, "D4");
            else if (rest.StartsWith("{mm}")) url.AppendFormatted(local.Month, "D2");
            else if (rest.StartsWith("{dd}")) url.AppendFormatted(local.Day, "D2");
            else if (rest.StartsWith("{slug}")) url.AppendFormatted(slug);
            else
            {
                url.AppendFormatted(rest[..1]);
                rest = rest[1..];
                continue;
            }
            rest = rest[(rest.IndexOf('}') + 1)..];
        }
        url.AppendFormatted(rest);
        return url.ToStringAndClear();
    }

    /// <summary>The language chooser at the site root (the CDN sends visitors on to their language's home).</summary>
    public const string Chooser = "/";

    public static string Home(string language) => $"/{language}/";
    public static string Category(string language, string key) => $"/{language}/category/{key}/";
    public static string Tag(string language, string key) => $"/{language}/tag/{key}/";
    public static string Author(string language, string key) => $"/{language}/author/{key}/";

    public static string NotFound(string language) => $"/{language}/404.html";

    /// <summary>Stable page <paramref name="page"/> of the listing whose first URL is <paramref name="first"/>, counted from 1 for its oldest stories (see Pages.ListingPage).</summary>
    public static string Paged(string first, int page) => $"{first}page/{page.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>A story file other than an image (a PDF) as served beside one version's page; images live under /images/.</summary>
    public static string Asset(string versionUrl, string fileName) => versionUrl + Uri.EscapeDataString(fileName);

    /// <summary>The folder of one language's RFC 5005 archive page, counted from 1 for its oldest stories, e.g. /en/archive/3/.</summary>
    public static string FeedArchive(string language, int page) => FeedArchive(language, page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The same with the page as written, e.g. a CDN rule's placeholder (/en/archive/:page/).</summary>
    public static string FeedArchive(string language, string page) => $"/{language}/archive/{page}/";

    /// <summary>The readable page listing one language's feeds.</summary>
    public static string FeedsPage(string language) => $"/{language}/feeds/";
    public static string CorrectionsPage(string language) => $"/{language}/corrections/";

    public const string Opml = "/feeds.opml";

    /// <summary>One language's search page (site.yml <c>search: true</c>).</summary>
    public static string SearchPage(string language) => $"/{language}/search/";

    /// <summary>The folder of the Pagefind index and its scripts: one for all languages (Pagefind keeps one index per language in it).</summary>
    public const string SearchIndex = "/pagefind/";

    /// <summary>
    /// The names of the files listings are published as (a page, the 404 page, each feed format): a story's folder of
    /// that name would take the place of a language's home page or feed, so no slug may be one (in any case, for the
    /// file systems that ignore it).
    /// </summary>
    public static IReadOnlyList<string> ListingFileNames { get; } = ["index.html", "404.html", .. FeedFormats.All.Select(FeedFormats.FileName)];

    /// <summary>
    /// <see cref="FileFor(string)"/> written into <paramref name="buffer"/> (at least <see cref="MaxFileLength"/> of the
    /// path long), no string made: for a page looked up among the published files and kept as it is.
    /// </summary>
    public static ReadOnlySpan<char> FileFor(string urlPath, Span<char> buffer)
    {
        var relative = urlPath.AsSpan().TrimStart('/');
        relative.CopyTo(buffer);
        if (!urlPath.EndsWith('/')) return buffer[..relative.Length];
        "index.html".CopyTo(buffer[relative.Length..]);
        return buffer[..(relative.Length + "index.html".Length)];
    }

    /// <summary>The longest <see cref="FileFor(string)"/> of <paramref name="urlPath"/> can be.</summary>
    public static int MaxFileLength(string urlPath) => urlPath.Length + "index.html".Length;

    /// <summary>The output file for a URL path: directories get index.html.</summary>
    public static string FileFor(string urlPath)
    {
        // One string made, not two: asked for every page of the site in every build.
        var relative = urlPath.AsSpan().TrimStart('/');
        return urlPath.EndsWith('/') ? string.Concat(relative, "index.html")
            : relative.Length == urlPath.Length ? urlPath : relative.ToString();
    }
}
