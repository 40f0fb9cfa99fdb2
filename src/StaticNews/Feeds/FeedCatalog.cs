using StaticNews.Configuration;
using StaticNews.Pages;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Every feed of the site, planned from the story index: per language the live feed and its RFC 5005
/// archive pages, then one live feed per category, per tag and per author.
/// <para>
/// Archives (RFC 5005 section 4: once published, an archive document keeps its entries). A language's
/// stories, oldest first, are cut into pages of <see cref="SiteConfig.FeedSize"/>; a page becomes an archive
/// once it is full and at least <c>feedSize</c> newer stories follow it (the first two together, see
/// <see cref="ArchivePages"/>). The live feed holds every story not in an archive, newest first: never fewer
/// than <c>feedSize</c> (when the language has that many), and once archives began never more than twice
/// that minus one. So a story arriving later only ever adds to the live feed, and a new
/// archive page only ever takes the live feed's oldest entries: published archives keep their entries,
/// the newest of them only gains its <c>next-archive</c> link when the next one appears, every link leads
/// to a file that exists, and the live feed with its archives holds each story exactly once however many
/// are published in a month. (Pages counted by month instead would make the live feed either repeat an
/// archived month's stories or hold a single story on the 1st; and a busy month's archive would run to
/// thousands of entries.)
/// </para>
/// <para>
/// Archives carry each entry's summary with its notices (<see cref="FeedEntry.SummaryHtml"/>), not the whole story: they
/// are read to catch up or to complete a list of entries, the story is one click away, and with every body again
/// they would weigh as much as the story pages. The live feeds carry the whole story, which readers show as is.
/// </para>
/// </summary>
public sealed class FeedCatalog
{
    public static readonly IReadOnlyList<FeedFormat> LiveFormats = FeedFormats.All;
    /// <summary>RFC 5005 defines archives for Atom (and RSS through the atom namespace); JSON Feed has no such notion.</summary>
    public static readonly IReadOnlyList<FeedFormat> ArchiveFormats = [FeedFormat.Rss, FeedFormat.Atom];

    public FeedCatalog(SiteConfig site, Theme theme, StoryIndex index)
    {
        var channels = new List<FeedChannel>();
        foreach (var language in site.Languages)
        {
            var code = language.Code;
            var strings = theme.Strings(code);
            var siteTitle = FeedEntries.Clean(site.TitleFor(code));
            var description = FeedEntries.Clean(site.Description.Get(code, site.DefaultLanguage) ?? siteTitle);
            var home = site.AbsoluteUrl(Permalinks.Home(code));
            var versions = Newest(index.ByLanguage[code]);

            FeedChannel Channel(string folder, string title, string homeUrl, IReadOnlyList<StoryVersion> items, IReadOnlyList<FeedFormat> formats,
                IReadOnlyList<Uri> hubs, string? previous = null, string? next = null, string? current = null)
            {
                return new FeedChannel
                {
                    Language = language, Folder = folder, Formats = formats, Title = title, Description = description,
                    HomeUrl = homeUrl, Publisher = siteTitle, Versions = items,
                    Updated = NewestChange(items) ?? DateTimeOffset.MinValue,
                    Hubs = hubs, PrevArchiveFolder = previous, NextArchiveFolder = next, CurrentFolder = current,
                };
            }

            var size = site.FeedSize;
            var archived = ArchivePages(versions.Count, size);
            string Folder(int page) => Permalinks.FeedArchive(code, page);
            channels.Add(Channel(Permalinks.Home(code), siteTitle, home, versions.Take(versions.Count - archived * size).ToList(), LiveFormats, site.Hubs,
                previous: archived > 0 ? Folder(archived) : null));
            for (var page = archived; page >= 1; page--)
            {
                // Page 1 holds the oldest stories; each page lists its own newest first, as the live feed does.
                var items = versions.GetRange(versions.Count - page * size, size);
                var span = Localization.DaySpan(items[^1].Date, items[0].Date, site, language, strings);
                channels.Add(Channel(Folder(page), $"{siteTitle} — {FeedEntries.Clean(span)}", home, items, ArchiveFormats, [],
                    previous: page > 1 ? Folder(page - 1) : null, next: page < archived ? Folder(page + 1) : null, current: Permalinks.Home(code)));
            }

            var taxonomy = index.Taxonomy;
            foreach (var (key, inCategory) in index.ByCategory[code])
                Listing(strings.Get("category_title", ("name", taxonomy.Category(key).Label(code))), taxonomy.CategoryUrl(code, key), inCategory, listed: true);
            foreach (var (key, tagged) in index.ByTag[code])
                Listing(strings.Get("tag_title", ("name", taxonomy.Tag(key).Label(code))), taxonomy.TagUrl(code, key), tagged, listed: false);

            foreach (var (key, byAuthor) in index.ByAuthor[code])
                Listing(index.Authors.ByKey[key].NameIn(code, site.DefaultLanguage), Permalinks.Author(code, key), byAuthor, listed: false);

            // The live feed of a category, tag or author listing, in its folder.
            void Listing(string heading, string folder, IReadOnlyList<StoryVersion> items, bool listed) =>
                channels.Add(Channel(folder, $"{siteTitle} — {FeedEntries.Clean(heading)}", site.AbsoluteUrl(folder),
                    Newest(items, site.FeedSize), LiveFormats, site.Hubs) with { Listed = listed });
        }
        // A feed with no entries is as new as the site: the newest change of all, which the languages' feeds and their
        // archives hold between them (every version is in one of them), found from theirs rather than from every version again.
        DateTimeOffset? siteNewest = null;
        foreach (var channel in channels)
            if (channel.Versions.Count > 0 && (siteNewest is null || channel.Updated > siteNewest)) siteNewest = channel.Updated;
        for (var i = 0; i < channels.Count; i++)
            if (channels[i].Versions.Count == 0) channels[i] = channels[i] with { Updated = siteNewest ?? DateTimeOffset.UnixEpoch };
        Channels = channels;
    }

    /// <summary>The latest change among <paramref name="versions"/>; null if there are none.</summary>
    private static DateTimeOffset? NewestChange(IReadOnlyList<StoryVersion> versions)
    {
        DateTimeOffset? newest = null;
        for (var i = 0; i < versions.Count; i++)
            if (versions[i].LastModified is var changed && (newest is null || changed > newest)) newest = changed;
        return newest;
    }

    /// <summary>
    /// How many archive pages of <paramref name="size"/> stories a language of <paramref name="stories"/> has: the full
    /// pages, counted from the oldest story, that leave at least <paramref name="size"/> newer ones to the live feed.
    /// The first two are published together, so that every archive links another (validators flag an archive
    /// document with neither <c>prev-archive</c> nor <c>next-archive</c>): until then the live feed holds up to
    /// three times <paramref name="size"/> less one.
    /// </summary>
    public static int ArchivePages(int stories, int size) => stories / size - 1 is var full and >= 2 ? full : 0;

    /// <summary>All feeds: per language the live feed, its archives (newest first), then the category, tag and author feeds.</summary>
    public IReadOnlyList<FeedChannel> Channels { get; }

    /// <summary>By date of this version, newest first; ties by URL (no two versions share one), so the order never depends on anything else.</summary>
    private static readonly Comparison<StoryVersion> NewestFirst = (a, b) => b.Date.CompareTo(a.Date) is var c and not 0 ? c : string.CompareOrdinal(a.Url, b.Url);

    /// <summary>All of <paramref name="versions"/>, newest first.</summary>
    private static List<StoryVersion> Newest(IReadOnlyList<StoryVersion> versions)
    {
        var sorted = new List<StoryVersion>(versions);
        sorted.Sort(NewestFirst);
        return sorted;
    }

    /// <summary>
    /// The <paramref name="count"/> newest of <paramref name="versions"/>, newest first. Picked in one pass, keeping only
    /// those: a listing's feed shows a few dozen of its thousands, and sorting them all would copy each listing, with its
    /// dates and URLs, into arrays large enough to bring on full collections.
    /// </summary>
    private static StoryVersion[] Newest(IReadOnlyList<StoryVersion> versions, int count)
    {
        // Its first to leave the oldest of those kept so far.
        var kept = new PriorityQueue<StoryVersion, StoryVersion>(Math.Min(count, versions.Count) + 1, Comparer<StoryVersion>.Create((a, b) => NewestFirst(b, a)));
        foreach (var version in versions)
            if (kept.Count < count) kept.Enqueue(version, version);
            else kept.EnqueueDequeue(version, version);
        var newest = new StoryVersion[kept.Count];
        for (var i = newest.Length - 1; i >= 0; i--) newest[i] = kept.Dequeue();
        return newest;
    }
}
