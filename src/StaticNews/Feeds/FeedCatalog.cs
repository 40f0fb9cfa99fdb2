using StaticNews.Configuration;
using StaticNews.Pages;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Every feed of the site, planned from the story index: per language the live feed (newest
/// <see cref="SiteConfig.FeedSize"/> entries), one live feed per category, and the RFC 5005 monthly
/// archives.
/// <para>
/// Archives: the month of a language's newest story is still open and gets no archive yet (its
/// entries are in the live feed); every earlier month with stories is archived with exactly its own
/// stories (by date in the site's time zone, as in the permalinks). An archive never changes once
/// written, so its links are fixed when it is first written: <c>current</c> to the live feed,
/// <c>prev-archive</c> to the nearest earlier month with stories and <c>next-archive</c> to the next
/// month with stories — the one whose first story closed this month, so it is known. That next
/// archive is itself published when its own month closes; until then the newest archive's
/// <c>next-archive</c> leads nowhere (readers walk backwards from the live feed's <c>prev-archive</c>,
/// as RFC 5005 describes). Empty months get no archive.
/// </para>
/// </summary>
public sealed class FeedCatalog
{
    public static readonly IReadOnlyList<FeedFormat> LiveFormats = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json];
    /// <summary>RFC 5005 defines archives for Atom (and RSS through the atom namespace); JSON Feed has no such notion.</summary>
    public static readonly IReadOnlyList<FeedFormat> ArchiveFormats = [FeedFormat.Rss, FeedFormat.Atom];

    public FeedCatalog(SiteConfig site, Theme theme, StoryIndex index, Func<StoryVersion, FeedEntry> entry)
    {
        var channels = new List<FeedChannel>();
        var warnings = new List<string>();
        var siteNewest = index.Stories.SelectMany(s => s.Versions).Select(v => v.LastModified).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
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
                var entries = items.Select(entry).ToList();
                return new FeedChannel
                {
                    Language = language, Folder = folder, Formats = formats, Title = title, Description = description,
                    HomeUrl = homeUrl, Publisher = siteTitle, Entries = entries,
                    Updated = entries.Select(e => e.Updated).DefaultIfEmpty(siteNewest).Max(),
                    Hubs = hubs, PrevArchiveFolder = previous, NextArchiveFolder = next, CurrentFolder = current,
                };
            }

            // Months with stories, newest first; the first one is open, the others are archived.
            var months = versions.GroupBy(v => Month(v.Date, site)).ToList();
            var archived = months.Skip(1).ToList();
            string? Folder(int i) => i < archived.Count ? Permalinks.FeedArchive(code, archived[i].Key.Year, archived[i].Key.Month) : null;
            // archived[i] is months[i + 1]: the month after it is months[i].
            string NextFolder(int i) => Permalinks.FeedArchive(code, months[i].Key.Year, months[i].Key.Month);
            channels.Add(Channel(Permalinks.Home(code), siteTitle, home, versions.Take(site.FeedSize).ToList(), LiveFormats, site.Hubs,
                previous: Folder(0)));
            for (var i = 0; i < archived.Count; i++)
            {
                var (year, month) = archived[i].Key;
                var monthName = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString(language.Culture.DateTimeFormat.YearMonthPattern, language.Culture);
                channels.Add(Channel(Folder(i)!, $"{siteTitle} — {FeedEntries.Clean(monthName)}", home, archived[i].ToList(), ArchiveFormats, [],
                    previous: Folder(i + 1), next: NextFolder(i), current: Permalinks.Home(code)));
            }
            if (months.Count > 0 && months[0].Count() > site.FeedSize)
                warnings.Add($"{months[0].Count()} {code} stories are dated {months[0].Key.Year:D4}-{months[0].Key.Month:D2}, more than feedSize ({site.FeedSize}): " +
                    "the oldest of them are in no feed until that month is archived (when a later story is published); raise feedSize");

            foreach (var (key, inCategory) in index.ByCategory[code])
            {
                var title = $"{siteTitle} — {FeedEntries.Clean(strings.Get("category_title", ("name", strings.CategoryName(key))))}";
                channels.Add(Channel(Permalinks.Category(code, key), title, site.AbsoluteUrl(Permalinks.Category(code, key)),
                    Newest(inCategory).Take(site.FeedSize).ToList(), LiveFormats, site.Hubs));
            }
        }
        Channels = channels;
        Warnings = warnings;
    }

    /// <summary>All feeds: per language the live feed, its archives (newest first), then the category feeds.</summary>
    public IReadOnlyList<FeedChannel> Channels { get; }

    /// <summary>Configuration problems worth telling the editor (the build still succeeds).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>By date of this version, newest first; ties by URL so the order never depends on anything else.</summary>
    private static List<StoryVersion> Newest(IEnumerable<StoryVersion> versions) =>
        versions.OrderByDescending(v => v.Date).ThenBy(v => v.Url, StringComparer.Ordinal).ToList();

    private static (int Year, int Month) Month(DateTimeOffset date, SiteConfig site)
    {
        var local = TimeZoneInfo.ConvertTime(date, site.TimeZone);
        return (local.Year, local.Month);
    }
}
