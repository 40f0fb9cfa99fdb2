using StaticNews.Pages;
using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// What the published site's pages and feeds showed beyond their stories' own folders, summed up and recorded with it
/// (<see cref="LastBuild"/>): the site-wide part of every story page (Pages.PageFingerprints.SiteWide), each listing in
/// each language page by page, by its first URL (<see cref="ListingSums"/>), each feed archive by its folder (its
/// settings and links, and its versions, see <see cref="AddListed"/>), and each sitemap file of stories by its path (its
/// versions likewise). The next build, told which stories' folders changed (<see cref="StoryChanges"/>),
/// keeps the pages, archives and sitemap files these say are as published without summing up their inputs.
/// </summary>
public sealed class PublishedSums(Fingerprint siteWide, IReadOnlyDictionary<string, ListingSums> listings, IReadOnlyDictionary<string, Fingerprint> feedArchives,
    IReadOnlyDictionary<string, Fingerprint> storySitemaps)
{
    public Fingerprint SiteWide { get; } = siteWide;

    /// <summary>
    /// Adds <paramref name="version"/> to <paramref name="sum"/> as the sums take a version they list: its story (the name
    /// of the folder it is read from) and its file's content hash. Not the hash alone: two stories' files can be the same
    /// bytes (a wire item filed twice), and a page that came to list the one in the other's place would sum up as before.
    /// </summary>
    public static FingerprintBuilder AddListed(FingerprintBuilder sum, Stories.StoryVersion version) =>
        sum.Add(version.Story.Key).Add(version.Article.ContentHash);

    /// <summary>Each listing in each language, by its first URL.</summary>
    public IReadOnlyDictionary<string, ListingSums> Listings { get; } = listings;

    /// <summary>Each feed archive, by its folder.</summary>
    public IReadOnlyDictionary<string, Fingerprint> FeedArchives { get; } = feedArchives;

    /// <summary>Each sitemap file of stories, by its path.</summary>
    public IReadOnlyDictionary<string, Fingerprint> StorySitemaps { get; } = storySitemaps;

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static PublishedSums Read(BinaryReader reader)
    {
        var siteWide = Fingerprint.Read(reader);
        var listings = new Dictionary<string, ListingSums>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--) listings[reader.ReadString()] = ListingSums.Read(reader);
        return new PublishedSums(siteWide, listings, ReadSums(reader), ReadSums(reader));
    }

    private static Dictionary<string, Fingerprint> ReadSums(BinaryReader reader)
    {
        var sums = new Dictionary<string, Fingerprint>(StringComparer.Ordinal);
        for (var n = Count(reader); n > 0; n--) sums[reader.ReadString()] = Fingerprint.Read(reader);
        return sums;
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
        WriteSums(writer, FeedArchives);
        WriteSums(writer, StorySitemaps);
    }

    private static void WriteSums(BinaryWriter writer, IReadOnlyDictionary<string, Fingerprint> sums)
    {
        writer.Write(sums.Count);
        foreach (var (name, sum) in sums.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            sum.Write(writer);
        }
    }
}
