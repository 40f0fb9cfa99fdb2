using StaticNews.Pages;
using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// What the published site's pages and feeds showed beyond their stories' own folders, summed up and recorded with it
/// (<see cref="LastBuild"/>): the site-wide part of every story page (Pages.PageFingerprints.SiteWide), each listing in
/// each language page by page, by its first URL (<see cref="ListingSums"/>), and each feed archive by its folder (its
/// settings and links, and its versions by their content hashes). The next build, told which stories' folders changed
/// (<see cref="StoryChanges"/>), keeps the pages and archives these say are as published without summing up their inputs.
/// </summary>
public sealed class PublishedSums(Fingerprint siteWide, IReadOnlyDictionary<string, ListingSums> listings, IReadOnlyDictionary<string, Fingerprint> feedArchives)
{
    public Fingerprint SiteWide { get; } = siteWide;

    /// <summary>Each listing in each language, by its first URL.</summary>
    public IReadOnlyDictionary<string, ListingSums> Listings { get; } = listings;

    /// <summary>Each feed archive, by its folder.</summary>
    public IReadOnlyDictionary<string, Fingerprint> FeedArchives { get; } = feedArchives;

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static PublishedSums Read(BinaryReader reader)
    {
        var siteWide = Fingerprint.Read(reader);
        var listings = new Dictionary<string, ListingSums>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--) listings[reader.ReadString()] = ListingSums.Read(reader);
        var feedArchives = new Dictionary<string, Fingerprint>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--) feedArchives[reader.ReadString()] = Fingerprint.Read(reader);
        return new PublishedSums(siteWide, listings, feedArchives);
    }

    private static int Count(BinaryReader reader) => reader.ReadInt32() is >= 0 and var count ? count : throw new FormatException("a garbled count of sums");

    public void Write(BinaryWriter writer)
    {
        SiteWide.Write(writer);
        writer.Write(Listings.Count);
        foreach (var (first, sums) in Listings.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(first);
            sums.Write(writer);
        }
        writer.Write(FeedArchives.Count);
        foreach (var (folder, sum) in FeedArchives.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(folder);
            sum.Write(writer);
        }
    }
}
