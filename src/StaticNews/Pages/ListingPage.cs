using System.Runtime.InteropServices;
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
    public static T[] OnStablePage<T>(IReadOnlyList<T> newestFirst, int page, int pageSize) => On(newestFirst, page, pageSize).ToArray();

    /// <summary>What page <paramref name="number"/> of a listing of <paramref name="newestFirst"/> lists (0: its first URL, the newest), newest first, in place.</summary>
    public static ReadOnlySpan<T> On<T>(IReadOnlyList<T> newestFirst, int number, int pageSize)
    {
        var all = AsSpan(newestFirst);
        if (number == 0) return all[..Math.Min(pageSize, all.Length)];
        // Stable pages are numbered from the oldest, the end of the list.
        var end = all.Length - (number - 1) * pageSize;
        return all[Math.Max(0, end - pageSize)..end];
    }

    /// <summary>The URL of page <paramref name="number"/> of the listing whose first URL is <paramref name="first"/>.</summary>
    public static string UrlOf(string first, int number) => number == 0 ? first : Permalinks.Paged(first, number);

    /// <summary>
    /// <paramref name="list"/> as a span, not copied where it is an array or a list (as listings are): the pages of every
    /// listing read and compare slices of them, and an element read through the interface is a call each.
    /// </summary>
    private static ReadOnlySpan<T> AsSpan<T>(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> listed => CollectionsMarshal.AsSpan(listed),
        _ => list.ToArray(),
    };

    /// <summary>
    /// Page <paramref name="number"/> of <paramref name="listing"/>: 0 for its first URL, else
    /// a stable page (1 to <see cref="StableCount"/>). Planned when it is rendered, not all at once: a large archive has
    /// tens of thousands of listing pages.
    /// </summary>
    public static ListingPage Of(Listing listing, SiteConfig site, int number)
    {
        var size = site.PageSize;
        var first = listing.First;
        var stable = StableCount(listing.Versions.Count, size);
        var places = listing.Places(site);

        if (number == 0)
        {
            var firsts = new (LanguageConfig, string)[places.Count];
            for (var i = 0; i < places.Count; i++) firsts[i] = (places[i].Language, places[i].First);
            return new ListingPage(listing, 0, first, On(listing.Versions, 0, size).ToArray(),
                NewestUrl: null, NewerUrl: null,
                OlderUrl: stable > 1 ? Permalinks.Paged(first, stable - 1) : null,
                OldestUrl: stable > 2 ? Permalinks.Paged(first, 1) : null,
                firsts, listing.Kind == "home" ? XDefault.Homes : XDefault.Listing(site, firsts), firsts);
        }

        // Asked of every stable page of every listing (tens of thousands in a large archive, most of them kept
        // unrendered): plain arrays, each other language's page URL made once.
        var versions = OnStablePage(listing.Versions, number, size);
        var switcher = new (LanguageConfig, string)[places.Count];
        Span<bool> same = places.Count <= 64 ? stackalloc bool[places.Count] : new bool[places.Count];
        var matching = 0;
        for (var i = 0; i < places.Count; i++)
        {
            var (language, placeFirst, placeVersions) = places[i];
            same[i] = language == listing.Language
                || (StableCount(placeVersions.Count, size) >= number && SameStories(placeVersions, number, size, versions));
            switcher[i] = (language, same[i] ? Permalinks.Paged(placeFirst, number) : placeFirst);
            if (same[i]) matching++;
        }
        // A page no other language matches has no alternates (it would list only itself).
        var alternates = matching < 2 ? [] : new (LanguageConfig, string)[matching];
        if (matching >= 2)
            for (int i = 0, a = 0; i < places.Count; i++)
                if (same[i]) alternates[a++] = switcher[i];
        return new ListingPage(listing, number, UrlOf(first, number), versions,
            NewestUrl: number < stable ? first : null,
            NewerUrl: number < stable ? Permalinks.Paged(first, number + 1) : first,
            OlderUrl: number > 1 ? Permalinks.Paged(first, number - 1) : null,
            OldestUrl: number > 2 ? Permalinks.Paged(first, 1) : null,
            alternates, alternates.Length == 0 ? null : XDefault.Listing(site, alternates), switcher);
    }

    /// <summary>
    /// True if stable page <paramref name="number"/> of <paramref name="newestFirst"/> lists translations of the stories of
    /// <paramref name="page"/> in the same order. Compared where they stand: every listing page asks it of every other language.
    /// </summary>
    private static bool SameStories(IReadOnlyList<StoryVersion> newestFirst, int number, int pageSize, StoryVersion[] page)
    {
        var theirs = On(newestFirst, number, pageSize);
        if (theirs.Length != page.Length) return false;
        for (var i = 0; i < page.Length; i++)
            if (!ReferenceEquals(theirs[i].Story, page[i].Story)) return false;
        return true;
    }
}
