using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace StaticNews.Tests.Support;

/// <summary>Parsing and walking generated HTML.</summary>
public static class HtmlPages
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static IDocument Load(string output, string relative) => Parse(File.ReadAllText(Path.Combine(output, relative)));

    /// <summary>The output file a root-relative href points to ("/en/" -> en/index.html), or null if it is not a site path.</summary>
    public static string? FileForHref(string output, string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//")) return null;
        var path = Uri.UnescapeDataString(href.Split('#', '?')[0]);
        var relative = path.EndsWith('/') ? path + "index.html" : path;
        return Path.Combine(output, relative.TrimStart('/'));
    }

    /// <summary>The output file for an absolute URL on the site's base URL.</summary>
    public static string FileForUrl(string output, string baseUrl, string url)
    {
        Assert.StartsWith(baseUrl, url);
        return FileForHref(output, "/" + url[baseUrl.Length..])!;
    }

    public static IEnumerable<string> HtmlFiles(string output) =>
        Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Story pages: /{lang}/{yyyy}/{mm}/{slug}/index.html (not the pages left at a story's old addresses, which redirect).</summary>
    public static IEnumerable<string> StoryPages(string output) => HtmlFiles(output)
        .Where(f => Path.GetRelativePath(output, f).Split(Path.DirectorySeparatorChar) is [_, var y, _, _, "index.html"] && y.All(char.IsDigit))
        .Where(f => !IsRedirect(f));

    /// <summary>True for a page left at an old address: it refreshes to the story's new one.</summary>
    public static bool IsRedirect(string file) => Load(Path.GetDirectoryName(file)!, Path.GetFileName(file)).QuerySelector("meta[http-equiv=refresh]") is not null;
}
