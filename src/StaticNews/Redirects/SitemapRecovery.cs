using System.Xml;
using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Redirects;

/// <summary>What <see cref="SitemapRecovery"/> found: the record to keep, and how its addresses were told apart.</summary>
public sealed record RecoveredUrls(PublishedUrls Record, int Read, int Current, int Moved, int Gone, int Listings, int Kept);

/// <summary>
/// Rebuilds the record of published addresses (<see cref="PublishedUrls"/>) from a deployed site's sitemaps, for when
/// the state folder was lost: every story page a sitemap lists, with its hreflang alternates, is given to a story of the
/// input. An address that is a story's page today is that story's; the others of its hreflang set belong to the same
/// story, in their language; a set with no address of today's is matched by its slug (the last segment) in its
/// language, which finds stories whose permalink pattern or date changed. What matches no story was a story since
/// removed: it is recorded as gone. Listings (language homes, categories, tags) are not story pages and are left out.
/// Entries already in the record are kept as they are.
/// </summary>
public sealed class SitemapRecovery(SiteConfig site, StoryIndex index, Func<string, CancellationToken, Task<Stream>> open)
{
    /// <summary>Sitemaps are at most 50 MB (sitemaps.org); more is not a sitemap.</summary>
    private const long MaxBytes = 50L * 1024 * 1024;

    public async Task<RecoveredUrls> RecoverAsync(PublishedUrls existing, CancellationToken cancel)
    {
        var groups = new List<List<(string? Hreflang, string Path)>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["sitemap.xml"]);
        while (queue.Count > 0)
        {
            var relative = queue.Dequeue();
            if (!seen.Add(relative)) continue;
            await using var stream = await open(relative, cancel);
            foreach (var entry in Read(stream, relative))
            {
                if (entry.IsSitemap) { if (Relative(entry.Loc) is { } next) queue.Enqueue(next.TrimStart('/')); }
                else groups.Add([(null, entry.Loc), .. entry.Alternates]);
            }
        }

        var current = index.Versions.ToDictionary(v => v.Url, StringComparer.Ordinal);
        var bySlug = index.Versions.GroupBy(v => (v.Language.Code, Slug(v.Url))).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var owners = new Dictionary<string, UrlOwner>(existing.Owners, StringComparer.Ordinal);
        var pages = new HashSet<string>(StringComparer.Ordinal);
        int read = 0, currentCount = 0, moved = 0, gone = 0, listings = 0, kept = 0;
        foreach (var group in groups)
        {
            var members = group.Where(m => m.Hreflang != "x-default").Select(m => (m.Hreflang, Path: Relative(m.Path))).Where(m => m.Path is not null).Distinct().ToList();
            // The story of the set: by an address it has today, else by a slug it has today in the same language.
            var story = members.Select(m => current.GetValueOrDefault(m.Path!)?.Story).FirstOrDefault(s => s is not null)
                ?? members.Select(m => LanguageOf(m.Hreflang, m.Path!) is { } language ? bySlug.GetValueOrDefault((language, Slug(m.Path!)))?.Story : null)
                    .FirstOrDefault(s => s is not null);
            foreach (var (hreflang, path) in members)
            {
                if (!pages.Add(path!)) continue;
                read++;
                if (IsListing(path!)) { listings++; continue; }
                if (owners.ContainsKey(path!)) { kept++; continue; }
                var language = LanguageOf(hreflang, path!) ?? site.DefaultLanguage;
                if (current.TryGetValue(path!, out var version)) { owners[path!] = new UrlOwner(version.Story.Key, version.Language.Code); currentCount++; }
                else if (story is not null) { owners[path!] = new UrlOwner(story.Key, language); moved++; }
                else { owners[path!] = new UrlOwner(null, language); gone++; }
            }
        }
        return new RecoveredUrls(new PublishedUrls(owners), read, currentCount, moved, gone, listings, kept);
    }

    private sealed record Entry(bool IsSitemap, string Loc, IReadOnlyList<(string? Hreflang, string Path)> Alternates);

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    /// <summary>The entries of a sitemap index (sitemaps) or a urlset (pages with their alternates), read without DTDs.</summary>
    private static List<Entry> Read(Stream stream, string name)
    {
        var entries = new List<Entry>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var limited = new LimitedStream(stream, MaxBytes, name);
        using var reader = XmlReader.Create(limited, settings);
        string? loc = null;
        var alternates = new List<(string?, string)>();
        var inSitemap = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == SitemapNamespace && reader.LocalName is "url" or "sitemap")
            {
                loc = null;
                alternates.Clear();
                inSitemap = reader.LocalName == "sitemap";
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == SitemapNamespace && reader.LocalName == "loc")
                loc = reader.ReadElementContentAsString().Trim();
            else if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == XhtmlNamespace && reader.LocalName == "link"
                     && reader.GetAttribute("rel") == "alternate" && reader.GetAttribute("href") is { } href)
                alternates.Add((reader.GetAttribute("hreflang"), href.Trim()));
            else if (reader.NodeType == XmlNodeType.EndElement && reader.NamespaceURI == SitemapNamespace && reader.LocalName is "url" or "sitemap" && loc is not null)
                entries.Add(new Entry(inSitemap, loc, [.. alternates]));
        }
        return entries;
    }

    /// <summary>An absolute URL of the site as a site path (/en/2026/10/kopi/, escapes decoded as story URLs are kept), or null for another site's.</summary>
    private string? Relative(string url)
    {
        var root = site.BaseUrl.AbsoluteUri;
        if (!url.StartsWith(root, StringComparison.OrdinalIgnoreCase)) return null;
        var path = "/" + Uri.UnescapeDataString(url[root.Length..].Split('?', '#')[0]);
        return path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? null : path;
    }

    private string? LanguageOf(string? hreflang, string path) =>
        site.Languages.FirstOrDefault(l => string.Equals(l.Hreflang, hreflang, StringComparison.OrdinalIgnoreCase))?.Code
        ?? site.Languages.FirstOrDefault(l => path.StartsWith("/" + l.Code + "/", StringComparison.Ordinal))?.Code;

    /// <summary>The chooser, language homes and category, tag and author listings: pages of the site, not of a story.</summary>
    private bool IsListing(string path) =>
        path == "/" || site.Languages.Any(l => path == Permalinks.Home(l.Code)
            || new[] { "category", "tag", "author", "page" }.Any(kind => path.StartsWith($"/{l.Code}/{kind}/", StringComparison.Ordinal)));

    private static string Slug(string url) => url.TrimEnd('/').Split('/')[^1];

    /// <summary>A stream that fails past <c>max</c> bytes, naming the file.</summary>
    private sealed class LimitedStream(Stream inner, long max, string name) : Stream
    {
        private long _read;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if ((_read += n) > max) throw new InvalidDataException($"{name} is larger than a sitemap may be ({max / (1024 * 1024)} MB)");
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
