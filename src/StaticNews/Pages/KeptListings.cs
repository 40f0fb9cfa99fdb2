using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// Which listing pages of a build are as published, told from each listing's <see cref="ListingSums"/> and those recorded
/// with the published site. A page is if the build knows which stories' folders changed (<see cref="StoryChanges"/>), its
/// listing's <see cref="ListingSums.Whole"/> is the one recorded, and in every language that has the listing the page's
/// sum is the one recorded and it lists no story whose folder changed: then it lists the same versions in the same order
/// under the same links, and is kept without being planned or fingerprinted. A large archive's listings have a hundred
/// thousand pages, and a new story changes the first URL and the newest stable page of a few of them.
/// </summary>
public sealed class KeptListings
{
    private readonly ListingSums[] _sums;
    // By listing: what was recorded of it, and each of its pages whether it lists a story whose folder changed. Null
    // when the build cannot tell what changed.
    private readonly ListingSums?[]? _published;
    private readonly bool[][]? _touched;
    // By listing: the listing in each language that has it (itself too), by its place in the build's listings.
    private readonly int[][] _places;

    private KeptListings(ListingSums[] sums, ListingSums?[]? published, bool[][]? touched, int[][] places, IReadOnlyDictionary<string, ListingSums> byFirst)
    {
        _sums = sums;
        _published = published;
        _touched = touched;
        _places = places;
        Sums = byFirst;
    }

    /// <summary>Every listing of the build summed up, by its first URL: recorded with the site for the next build.</summary>
    public IReadOnlyDictionary<string, ListingSums> Sums { get; }

    /// <summary>Sums up <paramref name="listings"/> (every listing of the build, in every language) on every core, and compares them with what <paramref name="changes"/> says was published.</summary>
    public static KeptListings Of(IReadOnlyList<Listing> listings, SiteConfig site, PageFingerprints fingerprints, StoryChanges? changes, StoryIndex index, PipelineContext context)
    {
        var sums = new ListingSums[listings.Count];
        var changed = changes?.ChangedIn(index);
        var touched = changed is null ? null : new bool[listings.Count][];
        context.ForEach(listings.Count, i =>
        {
            var listing = listings[i];
            var stable = ListingPage.StableCount(listing.Versions.Count, site.PageSize);
            var pages = new Fingerprint[stable + 1];
            var touchedPages = changed is null ? null : new bool[stable + 1];
            for (var number = 0; number <= stable; number++)
            {
                var versions = ListingPage.On(listing.Versions, number, site.PageSize);
                pages[number] = PageFingerprints.ListingPageSum(versions, number, stable);
                if (touchedPages is not null)
                    foreach (var version in versions) touchedPages[number] |= changed!.Contains(version);
            }
            sums[i] = new ListingSums(fingerprints.ListingWhole(listing, listing.Places(site)), pages);
            if (touched is not null) touched[i] = touchedPages!;
        });
        var byFirst = new Dictionary<string, int>(listings.Count, StringComparer.Ordinal);
        for (var i = 0; i < listings.Count; i++) byFirst[listings[i].First] = i;
        var places = new int[listings.Count][];
        for (var i = 0; i < listings.Count; i++) places[i] = [.. listings[i].Places(site).Select(place => byFirst[place.First])];
        var published = changes is null ? null : listings.Select(listing => changes.Published.Listings.GetValueOrDefault(listing.First)).ToArray();
        return new KeptListings(sums, published, touched, places, byFirst.ToDictionary(e => e.Key, e => sums[e.Value], StringComparer.Ordinal));
    }

    /// <summary>True if page <paramref name="number"/> of listing <paramref name="listing"/> (its place in the build's listings) is as published.</summary>
    public bool AsPublished(int listing, int number)
    {
        if (_published?[listing] is not { } recorded || recorded.Whole != _sums[listing].Whole) return false;
        foreach (var place in _places[listing])
        {
            var now = _sums[place].Page(number);
            if (_published[place]?.Page(number) != now) return false;
            if (now is not null && _touched![place][number]) return false;
        }
        return true;
    }
}
