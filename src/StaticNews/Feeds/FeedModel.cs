using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Feeds;

// The format-neutral model of a feed. Every text in it is already cleaned of what XML 1.0 forbids
// and every URL is absolute; the RSS, Atom and JSON Feed builders only place values.

/// <summary>A category or tag of an entry: its name in the feed's language, and the listing page it leads to.</summary>
public sealed record FeedTerm(string Label, string Listing);

/// <summary>One file of an entry's image: absolute URL, size in pixels and bytes, media type.</summary>
public sealed record FeedImageFile(string Url, int Width, int Height, long Length, string MediaType);

/// <summary>
/// An entry's lead image: a large file (the enclosure, Media RSS content, JSON Feed image) and a thumbnail, both in
/// the format every reader shows (JPEG, or PNG for graphics), with what the version says of it.
/// </summary>
public sealed record FeedImage(FeedImageFile Large, FeedImageFile Thumbnail, string? Description, string? Credit);

/// <summary>A byline of an entry: the name in the feed's language, and the author's page where they have one.</summary>
public sealed record FeedPerson(string Name, string? Url);

/// <summary>Another language version of an entry's story: its language tag and its page.</summary>
public sealed record FeedVersionLink(string Hreflang, string Url);

/// <summary>One story version as a feed entry.</summary>
public sealed record FeedEntry
{
    /// <summary>The entry's id (see <see cref="EntryId"/>): the same whatever the version's address becomes.</summary>
    public required string Id { get; init; }
    /// <summary>The absolute permalink.</summary>
    public required string Url { get; init; }
    public required string Hreflang { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    /// <summary>The notice (on translations) and the body, with every URL absolute.</summary>
    public required string ContentHtml { get; init; }
    /// <summary>
    /// What archive documents carry instead of the content (see <see cref="FeedCatalog"/>): the summary, then the notice
    /// and the correction box as in the content, in the same element giving the entry's language and direction.
    /// </summary>
    public required string SummaryHtml { get; init; }
    /// <summary>The bylines; none means the feed's publisher.</summary>
    public IReadOnlyList<FeedPerson> Authors { get; init; } = [];
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset Updated { get; init; }
    public FeedTerm? Category { get; init; }
    public required IReadOnlyList<FeedTerm> Tags { get; init; }
    public FeedImage? Image { get; init; }
    /// <summary>The story's other language versions, in site language order (linked as rel="related", see SyndicationFeeds).</summary>
    public required IReadOnlyList<FeedVersionLink> OtherVersions { get; init; }
}

/// <summary>
/// One feed, whatever its format: where it lives (a folder such as /en/ or /en/category/ekonomi/,
/// the file name comes from the format), what it says about itself, and its entries newest first.
/// </summary>
public sealed record FeedChannel
{
    public required LanguageConfig Language { get; init; }
    /// <summary>Site-relative folder; the feed files are rss.xml, atom.xml and feed.json in it.</summary>
    public required string Folder { get; init; }
    public required IReadOnlyList<FeedFormat> Formats { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>The HTML page the feed mirrors (absolute).</summary>
    public required string HomeUrl { get; init; }
    /// <summary>Who the feed is by when an entry names no author: the site.</summary>
    public required string Publisher { get; init; }
    /// <summary>The story versions the feed carries, newest first.</summary>
    public IReadOnlyList<StoryVersion> Versions { get; init; } = [];
    /// <summary>
    /// The entries, made from <see cref="Versions"/> only when the feed is written (see FeedsPipeline): a whole
    /// site's entries — every body again, made absolute — would otherwise sit in memory at once.
    /// </summary>
    public IReadOnlyList<FeedEntry> Entries { get; init; } = [];
    /// <summary>The newest change among the entries: the feed's updated date (never the clock).</summary>
    public required DateTimeOffset Updated { get; init; }
    /// <summary>WebSub hubs (none on archives: they never change).</summary>
    public required IReadOnlyList<Uri> Hubs { get; init; }
    /// <summary>RFC 5005: the folder of the archive page before this document's entries, if there is one.</summary>
    public string? PrevArchiveFolder { get; init; }
    /// <summary>RFC 5005: on archives, the folder of the next archive page, once there is one (see <see cref="FeedCatalog"/>).</summary>
    public string? NextArchiveFolder { get; init; }
    /// <summary>RFC 5005: set on archive documents, the folder of the live feed they belong to.</summary>
    public string? CurrentFolder { get; init; }
    public bool IsArchive => CurrentFolder is not null;
    /// <summary>
    /// Listed on the language's feeds page and in the OPML: the live feeds and the category feeds. A tag's or an
    /// author's feed is linked from its listing only; a newsroom has thousands of tags.
    /// </summary>
    public bool Listed { get; init; } = true;
}
