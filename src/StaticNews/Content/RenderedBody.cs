namespace StaticNews.Content;

/// <summary>
/// A story body rendered once for the two places it is read. On its page, links stay as the author wrote them,
/// relative to the page; in a feed entry, read far from the page, every URL is absolute. Both come from one parse,
/// and from one cleaning when the body holds raw HTML; when nothing is relative they are the same string.
/// </summary>
public sealed record RenderedBody(string PageHtml, string FeedHtml)
{
    /// <summary>A body given as finished HTML, the same on the page and in feeds.</summary>
    public static RenderedBody Fixed(string html) => new(html, html);

    /// <summary>Characters held: what <see cref="RecentBodies"/> counts against its budget.</summary>
    public long Length => ReferenceEquals(PageHtml, FeedHtml) ? PageHtml.Length : PageHtml.Length + FeedHtml.Length;
}
