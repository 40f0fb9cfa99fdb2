using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Check;

/// <summary>
/// Finds links in story bodies to paths of this site that no file will have (a mistyped slug, a story
/// that was renamed). The files the site will have are known without rendering anything, from the same
/// plans the build writes them by: the model and the URL contract (<see cref="Permalinks"/>), every feed
/// and archive page (<see cref="FeedCatalog"/>), the sitemaps (<see cref="SitemapPlan"/>), the theme's assets, and with
/// search the search pages and their assets (<see cref="Search.SearchAssets"/>; not Pagefind's own files, which only Pagefind knows).
/// An old address the site redirects (an alias, an address in the record of published ones) is not broken: it
/// leads to the story.
/// </summary>
public sealed class LinkChecker
{
    private readonly SiteConfig _site;
    private readonly HashSet<string> _files;
    private readonly HashSet<string> _redirected = new(StringComparer.Ordinal);

    public LinkChecker(SiteConfig site, StoryIndex index, Images.ImageCatalog images, Theme theme, DateTimeOffset now, IEnumerable<string> staticFiles)
    {
        _site = site;
        _files = new HashSet<string>(staticFiles, StringComparer.Ordinal);
        foreach (var version in index.Versions)
        {
            Add(version.Url);
            // Images are published once, under /images/ (a Markdown image of one is its picture); other files beside every version.
            foreach (var asset in version.Story.Assets.Where(a => !Content.StoryMedia.IsImage(Path.GetFileName(a))))
                Add(version.Url + Path.GetFileName(asset));
        }
        foreach (var image in index.Stories.SelectMany(story => images.Of(story.Key).Values).Concat(images.AuthorPhotos))
            foreach (var variant in image.Shown) Add(image.PathOf(variant));
        foreach (var language in site.Languages)
        {
            var code = language.Code;
            AddPages(Permalinks.Home(code), index.ByLanguage[code].Count);
            foreach (var (key, versions) in index.ByCategory[code]) AddPages(index.Taxonomy.CategoryUrl(code, key), versions.Count);
            foreach (var (key, versions) in index.ByTag[code]) AddPages(index.Taxonomy.TagUrl(code, key), versions.Count);
            foreach (var (key, versions) in index.ByAuthor[code]) AddPages(Permalinks.Author(code, key), versions.Count);
            Add(Permalinks.NotFound(code));
            Add(Permalinks.FeedsPage(code));
            if (site.Search) Add(Permalinks.SearchPage(code));
            Add(Permalinks.CorrectionsPage(code));
        }
        if (site.Search)
            foreach (var asset in Search.SearchAssets.Of(theme).Values) Add("/" + asset.OutputPath);
        foreach (var channel in new FeedCatalog(site, theme, index).Channels)
            foreach (var format in channel.Formats) Add(FeedFormats.FilePath(channel.Folder, format));
        foreach (var path in SitemapPlan.Of(site, index, now).Paths) Add("/" + path);
        foreach (var (relative, path) in theme.Files("assets")) Add("/" + AssetsPipeline.PublishedPath(relative, path));
        foreach (var path in (string[])[Permalinks.Chooser, "/404.html", Permalinks.Opml]) Add(path);
    }

    private void Add(string url) => _files.Add(Permalinks.FileFor(url));

    /// <summary>True if a file of the site answers at <paramref name="path"/> (a site path: /en/2026/10/kopi/).</summary>
    public bool HasFile(string path) => Exists(path);

    /// <summary>Old addresses the site redirects to a story (aliases, recorded addresses): links to them are not broken.</summary>
    public void AddRedirected(IEnumerable<string> paths)
    {
        foreach (var path in paths) _redirected.Add(path.TrimEnd('/'));
    }

    private void AddPages(string first, int count)
    {
        Add(first);
        for (var page = 1; page <= ListingPage.StableCount(count, _site.PageSize); page++) Add(Permalinks.Paged(first, page));
    }

    private readonly HtmlParser _parser = new();

    /// <summary>The href and src values of a body's elements, read by an HTML parser (text that merely looks like one is text).</summary>
    private IEnumerable<string> Links(string html)
    {
        if (!html.Contains("href", StringComparison.OrdinalIgnoreCase) && !html.Contains("src", StringComparison.OrdinalIgnoreCase)) return [];
        using var document = _parser.ParseDocument("<!doctype html><html><body>" + html);
        return document.Body!.Descendants<IElement>()
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src") })
            .OfType<string>()
            .ToList();
    }

    /// <summary>Reports each broken internal link of <paramref name="version"/>'s body, with the line of the source file that has it.</summary>
    public void Check(StoryVersion version, string inputDirectory, DiagnosticBag diagnostics)
    {
        string[]? lines = null;
        foreach (var link in Links(version.Body(_site).PageHtml))
        {
            var path = SitePath(link, version.Url);
            if (path is null || Exists(path) || _redirected.Contains(path.TrimEnd('/'))) continue;
            lines ??= File.ReadAllLines(Path.Combine(inputDirectory, version.Article.SourcePath));
            var line = Array.FindIndex(lines, l => l.Contains(link, StringComparison.Ordinal));
            diagnostics.Warning($"broken link: '{link}' leads to {path}, which no page of the site will have",
                version.Article.SourcePath, line >= 0 ? line + 1 : null);
        }
    }

    /// <summary>The site path a link leads to, or null if it leaves the site (another host, mailto:, a fragment of this page).</summary>
    private string? SitePath(string link, string pageUrl)
    {
        if (link.Length == 0 || link.StartsWith('#')) return null;
        var page = new Uri(_site.BaseUrl, pageUrl.TrimStart('/'));
        if (!Uri.TryCreate(page, link, out var target)) return null;
        if (target.Scheme != page.Scheme || !string.Equals(target.Authority, page.Authority, StringComparison.OrdinalIgnoreCase)) return null;
        var root = _site.BaseUrl.AbsolutePath;
        var path = Uri.UnescapeDataString(target.AbsolutePath);
        return path.StartsWith(root, StringComparison.Ordinal) ? "/" + path[root.Length..] : path;
    }

    private bool Exists(string path) =>
        _files.Contains(Permalinks.FileFor(path)) || (!path.EndsWith('/') && _files.Contains(Permalinks.FileFor(path + "/")));
}
