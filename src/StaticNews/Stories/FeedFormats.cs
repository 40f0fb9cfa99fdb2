using StaticNews.Configuration;

namespace StaticNews.Stories;

public enum FeedFormat { Rss, Atom, Json }

/// <summary>
/// The feed formats of the URL contract: what each is called, served as, and named in a feed folder.
/// The one place that knows these names (pages link them, the CDN rules and the preview server type them).
/// </summary>
public static class FeedFormats
{
    public static readonly IReadOnlyList<FeedFormat> All = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json];

    public static string Name(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "RSS",
        FeedFormat.Atom => "Atom",
        _ => "JSON Feed",
    };

    public static string MediaType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml",
        FeedFormat.Atom => "application/atom+xml",
        _ => "application/feed+json",
    };

    /// <summary>The file name of this format in a feed folder.</summary>
    public static string FileName(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss.xml",
        FeedFormat.Atom => "atom.xml",
        _ => "feed.json",
    };

    /// <summary>The format a file of that name is, or null if it is no feed.</summary>
    public static FeedFormat? ForFileName(string fileName) => All.Cast<FeedFormat?>().FirstOrDefault(f => FileName(f!.Value) == fileName);

    /// <summary>True if an output path is a feed file (by its name).</summary>
    public static bool IsFeedFile(string path) => ForFileName(path[(path.LastIndexOf('/') + 1)..]) is not null;

    /// <summary>The site-relative path of the feed file of this format in <paramref name="folder"/>.</summary>
    public static string FilePath(string folder, FeedFormat format) => folder + FileName(format);

    /// <summary>The absolute URL of the feed file of this format in <paramref name="folder"/>.</summary>
    public static string Url(SiteConfig site, string folder, FeedFormat format) => site.AbsoluteUrl(FilePath(folder, format));
}
