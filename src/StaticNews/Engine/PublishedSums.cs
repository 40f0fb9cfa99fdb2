using StaticNews.Publish;

namespace StaticNews.Pages;

/// <summary>
/// What the published site's pages showed beyond their stories' own folders, recorded with it (Engine.LastBuild): the
/// site-wide part of every story page (<see cref="PageFingerprints.SiteWide"/>) and each listing in each language page
/// by page, by its first URL (<see cref="ListingSums"/>). The next build, told which stories' folders changed
/// (Engine.StoryChanges), keeps the story and listing pages these say are as published without summing up their inputs.
/// </summary>
public sealed class PagesShown(Fingerprint siteWide, IReadOnlyDictionary<string, ListingSums> listings)
{
    public Fingerprint SiteWide { get; } = siteWide;

    /// <summary>Each listing in each language, by its first URL.</summary>
    public IReadOnlyDictionary<string, ListingSums> Listings { get; } = listings;

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static PagesShown Read(BinaryReader reader)
    {
        var siteWide = Fingerprint.Read(reader);
        var count = reader.ReadInt32();
        if (count < 0) throw new FormatException("a garbled count of listings");
        var listings = new Dictionary<string, ListingSums>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++) listings[reader.ReadString()] = ListingSums.Read(reader);
        return new PagesShown(siteWide, listings);
    }

    public void Write(BinaryWriter writer)
    {
        SiteWide.Write(writer);
        writer.Write(Listings.Count);
        foreach (var (first, sums) in Listings.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(first);
            sums.Write(writer);
        }
    }
}
