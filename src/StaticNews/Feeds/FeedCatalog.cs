using StaticNews.Configuration;
using StaticNews.Pages;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Every feed of the site, planned from the story index: per language the live feed (newest
/// <see cref="SiteConfig.FeedSize"/> entries), one live feed per category and per tag, and the RFC 5005 monthly
/// archives.
/// <para>
/// Archives: one per calendar month from a language's first story to its newest, the current month
/// included, each holding exactly that month's stories (by date in the site's time zone, as in the
/// permalinks) — so every story is in some feed however many are published in a month. A month's
/// links are fixed from the start: <c>current</c> to the live feed, <c>prev-archive</c> to the
/// month before (none for the first month) and <c>next-archive</c> to the month after. So a past
/// month's archive never changes; only the current month's grows as stories arrive, and its
/// <c>next-archive</c> leads nowhere until the next month begins. Months without stories in between
/// get an empty archive, so the chain never breaks. The live feed's <c>prev-archive</c> is the
/// current month's archive.
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
        var siteNewest = index.Versions.Select(v => v.LastModified).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
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
                    Updated = items.Select(v => v.LastModified).DefaultIfEmpty(siteNewest).Max(),
                    Hubs = hubs, PrevArchiveFolder = previous, NextArchiveFolder = next, CurrentFolder = current,
                };
            }

            var byMonth = versions.GroupBy(v => Month(v.Date, site)).ToDictionary(g => g.Key, g => (IReadOnlyList<StoryVersion>)g.ToList());
            var newestMonth = byMonth.Count == 0 ? ((int, int)?)null : byMonth.Keys.Max();
            var firstMonth = byMonth.Count == 0 ? ((int, int)?)null : byMonth.Keys.Min();
            string Folder((int Year, int Month) m) => Permalinks.FeedArchive(code, m.Year, m.Month);
            channels.Add(Channel(Permalinks.Home(code), siteTitle, home, versions.Take(site.FeedSize).ToList(), LiveFormats, site.Hubs,
                previous: newestMonth is { } n ? Folder(n) : null));
            for (var m = newestMonth; m is { } month && month.CompareTo(firstMonth!.Value) >= 0; m = Step(month, -1))
            {
                var monthName = new DateTime(month.Item1, month.Item2, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString(language.Culture.DateTimeFormat.YearMonthPattern, language.Culture);
                var previous = Step(month, -1);
                channels.Add(Channel(Folder(month), $"{siteTitle} — {FeedEntries.Clean(monthName)}", home, byMonth.GetValueOrDefault(month) ?? [], ArchiveFormats, [],
                    previous: previous.CompareTo(firstMonth.Value) >= 0 ? Folder(previous) : null, next: Folder(Step(month, 1)), current: Permalinks.Home(code)));
            }

            var taxonomy = index.Taxonomy;
            foreach (var (key, inCategory) in index.ByCategory[code])
                Listing(strings.Get("category_title", ("name", taxonomy.Category(key).Label(code))), taxonomy.CategoryUrl(code, key), inCategory, listed: true);
            foreach (var (key, tagged) in index.ByTag[code])
                Listing(strings.Get("tag_title", ("name", taxonomy.Tag(key).Label(code))), taxonomy.TagUrl(code, key), tagged, listed: false);

            // The live feed of a category or tag listing, in its folder.
            void Listing(string heading, string folder, IReadOnlyList<StoryVersion> items, bool listed) =>
                channels.Add(Channel(folder, $"{siteTitle} — {FeedEntries.Clean(heading)}", site.AbsoluteUrl(folder),
                    Newest(items).Take(site.FeedSize).ToList(), LiveFormats, site.Hubs) with { Listed = listed });
        }
        Channels = channels;
    }

    /// <summary>All feeds: per language the live feed, its archives (newest first), then the category feeds, then the tag feeds.</summary>
    public IReadOnlyList<FeedChannel> Channels { get; }

    /// <summary>By date of this version, newest first; ties by URL so the order never depends on anything else.</summary>
    private static List<StoryVersion> Newest(IEnumerable<StoryVersion> versions) =>
        versions.OrderByDescending(v => v.Date).ThenBy(v => v.Url, StringComparer.Ordinal).ToList();

    private static (int Year, int Month) Step((int Year, int Month) month, int by)
    {
        var index = month.Year * 12 + month.Month - 1 + by;
        return (index / 12, index % 12 + 1);
    }

    private static (int Year, int Month) Month(DateTimeOffset date, SiteConfig site)
    {
        var local = TimeZoneInfo.ConvertTime(date, site.TimeZone);
        return (local.Year, local.Month);
    }
}
