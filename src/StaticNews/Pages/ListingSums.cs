using StaticNews.Publish;

namespace StaticNews.Pages;

/// <summary>
/// One listing in one language summed up page by page, recorded with the published site (see Engine.PublishedSums).
/// <see cref="Whole"/> is what each of its pages shows beyond its stories: its heading and description, its language's
/// header, and the languages that have the listing with their first URLs. <see cref="Pages"/> holds one fingerprint for
/// its first URL (0) and one for each stable page: the versions the page lists, in their order (see Engine.PublishedSums.AddListed), and
/// where its links lead (how many stable pages there are, on the first URL; whether it is the newest, on a stable page).
/// A page whose sums are the ones recorded in every language that has the listing, and none of whose stories' folders
/// changed (Engine.StoryChanges), lists the same versions in the same order under the same links as when it was
/// published: the build keeps it without its fingerprint made.
/// </summary>
public sealed record ListingSums(Fingerprint Whole, Fingerprint[] Pages)
{
    /// <summary>The sum of page <paramref name="number"/>; null where the listing has no such page.</summary>
    public Fingerprint? Page(int number) => (uint)number < (uint)Pages.Length ? Pages[number] : null;

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static ListingSums Read(BinaryReader reader)
    {
        var whole = Fingerprint.Read(reader);
        return new ListingSums(whole, Fingerprint.ReadAll(reader, "listing pages"));
    }

    public void Write(BinaryWriter writer)
    {
        Whole.Write(writer);
        Fingerprint.WriteAll(writer, Pages);
    }
}
