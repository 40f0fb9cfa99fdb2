using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// One page of a listing as it is published: its first URL (<see cref="Number"/> 0), which shows the newest
/// <c>pageSize</c> stories, or one of its stable pages, numbered from the oldest as the feed archives are (RFC 5005):
/// <c>page/1/</c> holds the oldest <c>pageSize</c> stories, <c>page/2/</c> the next, and the highest-numbered page the
/// remainder (1 to <c>pageSize</c>). A new story only joins the first URL and the newest stable page (or starts the next
/// one, which the page before it then links), so every older page keeps its stories and its HTML, and an incremental
/// build keeps its file. Nothing a stable page shows depends on how many pages follow it: it links its neighbours (the
/// newest one links the first URL as newer), the first URL and page 1, never a row of page numbers.
/// <para>
/// A listing that fits on its first URL has no stable pages; past <c>pageSize</c> stories pages 1 and 2 appear
/// together. The first URL's "older" link leads to the newest stable page whose stories are not all on the first
/// URL: the newest stable page never is (its one to <c>pageSize</c> stories are the newest ones), so it is the one
/// before it, which shares <c>pageSize</c> minus the remainder of its newest stories with the first URL. (Linking the
/// newest stable page instead would show the reader nothing but stories they just saw.)
/// </para>
/// <para>
/// hreflang: the first URL's alternates are the listing's first URL in every language that has the listing. Page
/// <c>k</c>'s are page <c>k</c> of the listing in each other language whose page <c>k</c> lists the same stories in the
/// same order (translations of them); a page no other language matches has none. The language switcher leads to the
/// same page where it is an alternate, else to the other language's first URL.
/// </para>
/// </summary>
public sealed record ListingPage(
    Listing Listing,
    int Number,
    string Url,
    IReadOnlyList<StoryVersion> Versions,
    string? NewestUrl,
    string? NewerUrl,
    string? OlderUrl,
    string? OldestUrl,
    IReadOnlyList<(LanguageConfig Language, string Url)> Alternates,
    string? XDefaultUrl,
    IReadOnlyList<(LanguageConfig Language, string Url)> Switcher)
{
    /// <summary>How many stable pages a listing of <paramref name="stories"/> has: none while its first URL shows them all.</summary>
    public static int StableCount(int stories, int pageSize) => stories > pageSize ? (stories + pageSize - 1) / pageSize : 0;

    /// <summary>The share of <paramref name="newestFirst"/> on stable page <paramref name="page"/> (1 = the oldest), newest first.</summary>
    public static IReadOnlyList<T> OnStablePage<T>(IReadOnlyList<T> newestFirst, int page, int pageSize)
    {
        var (start, end) = StableRange(newestFirst.Count, page, pageSize);
        var slice = new T[end - start];
        for (var i = start; i < end; i++) slice[i - start] = newestFirst[i];
        return slice;
    }

    /// <summary>Where stable page <paramref name="page"/> is in a newest-first list of <paramref name="count"/>: from start to end (exclusive).</summary>
    private static (int Start, int End) StableRange(int count, int page, int pageSize)
    {
        var end = count - (page - 1) * pageSize;
        return (Math.Max(0, end - pageSize), end);
    }

    /// <summary>
    /// Page <paramref name="number"/> of <paramref name="listing"/> in <paramref name="language"/>: 0 for its first URL, else
    /// a stable page (1 to <see cref="StableCount"/>). Planned when it is rendered, not all at once: a large archive has
    /// tens of thousands of listing pages.
    /// </summary>
    public static ListingPage Of(Listing listing, LanguageConfig language, SiteConfig site, int number)
    {
        var size = site.PageSize;
        var first = listing.First;
        var stable = StableCount(listing.Versions.Count, size);
        var elsewhere = site.Languages
            .Select(l => (Language: l, Place: l == language ? (listing.First, listing.Versions) : listing.InLanguage(l.Code)))
            .Where(x => x.Place is not null)
            .Select(x => (x.Language, x.Place!.Value.First, x.Place.Value.Versions))
            .ToList();

        if (number == 0)
        {
            var firsts = elsewhere.Select(x => (x.Language, x.First)).ToList();
            return new ListingPage(listing, 0, first, listing.Versions.Take(size).ToList(),
                NewestUrl: null, NewerUrl: null,
                OlderUrl: stable > 1 ? Permalinks.Paged(first, stable - 1) : null,
                OldestUrl: stable > 2 ? Permalinks.Paged(first, 1) : null,
                firsts, listing.Kind == "home" ? XDefault.Homes : XDefault.Listing(site, firsts), firsts);
        }

        var versions = OnStablePage(listing.Versions, number, size);
        var same = elsewhere
            .Where(x => x.Language == language || (StableCount(x.Versions.Count, size) >= number && SameStories(x.Versions, number, size, versions)))
            .Select(x => x.Language)
            .ToHashSet();
        IReadOnlyList<(LanguageConfig, string)> alternates = same.Count < 2 ? []
            : elsewhere.Where(x => same.Contains(x.Language)).Select(x => (x.Language, Permalinks.Paged(x.First, number))).ToList();
        return new ListingPage(listing, number, Permalinks.Paged(first, number), versions,
            NewestUrl: number < stable ? first : null,
            NewerUrl: number < stable ? Permalinks.Paged(first, number + 1) : first,
            OlderUrl: number > 1 ? Permalinks.Paged(first, number - 1) : null,
            OldestUrl: number > 2 ? Permalinks.Paged(first, 1) : null,
            alternates, alternates.Count == 0 ? null : XDefault.Listing(site, alternates),
            elsewhere.Select(x => (x.Language, same.Contains(x.Language) ? Permalinks.Paged(x.First, number) : x.First)).ToList());
    }

    /// <summary>
    /// True if stable page <paramref name="number"/> of <paramref name="newestFirst"/> lists translations of the stories of
    /// <paramref name="page"/> in the same order. Compared where they stand: every listing page asks it of every other language.
    /// </summary>
    private static bool SameStories(IReadOnlyList<StoryVersion> newestFirst, int number, int pageSize, IReadOnlyList<StoryVersion> page)
    {
        var (start, end) = StableRange(newestFirst.Count, number, pageSize);
        if (end - start != page.Count) return false;
        for (var i = 0; i < page.Count; i++)
            if (!ReferenceEquals(newestFirst[start + i].Story, page[i].Story)) return false;
        return true;
    }

    /// <summary>Everything the page links to, for its fingerprint.</summary>
    public IEnumerable<string?> Links() =>
        [NewestUrl, NewerUrl, OlderUrl, OldestUrl, XDefaultUrl,
         .. Alternates.SelectMany(a => new[] { a.Language.Code, a.Url }), "|", .. Switcher.SelectMany(s => new[] { s.Language.Code, s.Url })];
}
