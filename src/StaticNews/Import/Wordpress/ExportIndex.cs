using System.Globalization;

namespace StaticNews.Import.Wordpress;

/// <summary>What the first pass keeps of a post: enough to group translations, name folders and map old links, never its body.</summary>
public sealed record PostEntry(
    long Id, int Line, string Title, string Status, bool Password, string? Language, string? Group, string PostName,
    string Link, string Guid, string DateGmt, string Date, string Creator, IReadOnlyList<WxrTerm> Categories, string? PrimaryCategory, string? Thumbnail);

/// <summary>An item the import does not make a story of, and why.</summary>
public sealed record SkippedItem(long Id, int Line, string What, string Reason);

/// <summary>
/// The first pass over an export: the whole file is read (so a broken or truncated one is refused before anything
/// is written), and what the second pass needs to know ahead is kept: every post's grouping facts, every
/// attachment, and the pages and other items that are not imported. Bodies are not kept.
/// </summary>
public sealed class ExportIndex
{
    public required WxrChannel Channel { get; init; }
    public List<PostEntry> Posts { get; } = [];
    public Dictionary<long, Attachment> Attachments { get; } = [];
    /// <summary>Attachments by the post they were uploaded to, in gallery order.</summary>
    public Dictionary<long, List<Attachment>> AttachmentsOf { get; } = [];
    public List<SkippedItem> Pages { get; } = [];
    /// <summary>Items of other types (menu items, revisions, custom post types), counted by type.</summary>
    public SortedDictionary<string, int> OtherTypes { get; } = new(StringComparer.Ordinal);
    public int Comments { get; private set; }

    public static ExportIndex Read(string path, string file)
    {
        using var reader = new WxrReader(path, file, withBodies: false);
        var index = new ExportIndex { Channel = reader.Channel };
        foreach (var item in reader.Items()) index.Add(item);
        foreach (var list in index.AttachmentsOf.Values) list.Sort((a, b) => a.MenuOrder != b.MenuOrder ? a.MenuOrder.CompareTo(b.MenuOrder) : a.Id.CompareTo(b.Id));
        return index;
    }

    private void Add(WxrItem item)
    {
        Comments += item.Comments;
        switch (item.PostType)
        {
            case "post":
                var (language, group) = Multilingual.Of(item);
                Posts.Add(new PostEntry(
                    item.Id, item.Line, Texts.Plain(item.Title), item.Status, item.Password.Length > 0, language, group, item.PostName,
                    item.Link.Trim(), item.Guid.Trim(), item.PostDateGmt.Trim(), item.PostDate.Trim(), item.Creator.Trim(),
                    item.Terms.Where(t => t.Domain == "category").ToList(), item.MetaValue(WordpressMeta.PrimaryCategory), item.MetaValue(WordpressMeta.Thumbnail)));
                break;
            case "attachment":
                var attachment = new Attachment(item.Id, item.Parent, item.MetaValue(WordpressMeta.AttachedFile) ?? "", item.AttachmentUrl.Trim(),
                    Texts.Plain(item.Title), Texts.Plain(item.Excerpt), Texts.Plain(item.MetaValue(WordpressMeta.ImageAlt) ?? ""), item.MenuOrder);
                Attachments[item.Id] = attachment;
                if (item.Parent > 0)
                {
                    if (!AttachmentsOf.TryGetValue(item.Parent, out var list)) AttachmentsOf[item.Parent] = list = [];
                    list.Add(attachment);
                }
                break;
            case "page":
                Pages.Add(new SkippedItem(item.Id, item.Line, $"page {item.Id} \"{Texts.Plain(item.Title)}\"",
                    $"pages are not imported: StaticNews publishes stories{(item.Link.Length > 0 ? $" (it was at {item.Link.Trim()})" : "")}"));
                break;
            default:
                var type = item.PostType.Length == 0 ? "(no type)" : item.PostType;
                OtherTypes[type] = OtherTypes.GetValueOrDefault(type) + 1;
                break;
        }
    }
}

/// <summary>Language and translation group of a post, from Polylang's taxonomies or the WPML Export and Import fields.</summary>
public static class Multilingual
{
    public static (string? Language, string? Group) Of(WxrItem item)
    {
        string? language = null, group = null;
        foreach (var term in item.Terms)
        {
            // Polylang files every post under a 'language' term (its slug is the code) and every translated post under one 'post_translations' term per group.
            if (term.Domain == "language") language ??= term.Nicename.Length > 0 ? term.Nicename : term.Name;
            else if (term.Domain == "post_translations") group ??= "polylang:" + term.Nicename;
        }
        language ??= item.MetaValue(WordpressMeta.WpmlLanguage);
        if (group is null && item.MetaValue(WordpressMeta.WpmlGroup) is { } wpml) group = "wpml:" + wpml;
        return (language?.Trim(), group);
    }
}

/// <summary>WordPress's dates: "2019-05-14 08:20:00", in UTC (<c>_gmt</c>) or in the old site's time.</summary>
public static class WordpressDates
{
    /// <summary>The moment of a post: its UTC date, else (drafts have none) its local date taken in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? Parse(string gmt, string local, TimeZoneInfo zone)
    {
        if (TryParse(gmt, out var utc)) return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone);
        if (TryParse(local, out var time)) return new DateTimeOffset(time, zone.GetUtcOffset(time));
        return null;
    }

    private static bool TryParse(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out value) && value.Year is >= 1000 and <= 9000;
}
