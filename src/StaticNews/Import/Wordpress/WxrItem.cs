namespace StaticNews.Import.Wordpress;

/// <summary>A term an item is filed under: <c>&lt;category domain="post_tag" nicename="korea-utara"&gt;Korea Utara&lt;/category&gt;</c>.</summary>
public sealed record WxrTerm(string Domain, string Nicename, string Name);

/// <summary>
/// One &lt;item&gt; of a WordPress export (a post, page, attachment, menu item...), as written: every field is
/// the export's text, nothing interpreted yet. <see cref="Line"/> is where the item starts in the file.
/// </summary>
public sealed class WxrItem
{
    public required int Line { get; init; }
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    public string Guid { get; set; } = "";
    public string Creator { get; set; } = "";
    /// <summary>The post content (classic HTML or block markup); empty when the reader was asked for no bodies.</summary>
    public string Content { get; set; } = "";
    public string Excerpt { get; set; } = "";
    public long Id { get; set; }
    public string PostDate { get; set; } = "";
    public string PostDateGmt { get; set; } = "";
    public string PostModified { get; set; } = "";
    public string PostModifiedGmt { get; set; } = "";
    public string PostName { get; set; } = "";
    public string Status { get; set; } = "";
    public long Parent { get; set; }
    public int MenuOrder { get; set; }
    public string PostType { get; set; } = "";
    public string Password { get; set; } = "";
    public string AttachmentUrl { get; set; } = "";
    public List<WxrTerm> Terms { get; } = [];
    /// <summary>The post meta the importer reads (see <see cref="WxrReader"/>); other keys are not kept.</summary>
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);
    public int Comments { get; set; }
    /// <summary>A field longer than an article may be (<see cref="WxrReader.MaxFieldChars"/>): its name; the item is not imported.</summary>
    public string? Oversized { get; set; }
    /// <summary>Control characters XML cannot carry were removed from a field.</summary>
    public bool HadInvalidCharacters { get; set; }

    public string? MetaValue(string key) => Meta.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}

/// <summary>A user listed in the export's header (<c>wp:author</c>).</summary>
public sealed record WxrAuthor(string Login, string DisplayName, string FirstName, string LastName);

/// <summary>A category of the export's header: its term id, slug, name, parent slug and description.</summary>
public sealed record WxrCategory(long TermId, string Nicename, string Name, string Parent, string Description);

/// <summary>What the export says about the site before its items: version, addresses, authors, categories.</summary>
public sealed class WxrChannel
{
    public string? Version { get; set; }
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    public string Language { get; set; } = "";
    public string BaseSiteUrl { get; set; } = "";
    public string BaseBlogUrl { get; set; } = "";
    public Dictionary<string, WxrAuthor> Authors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, WxrCategory> Categories { get; } = new(StringComparer.Ordinal);

    /// <summary>The old site's address: the blog URL, else the channel link.</summary>
    public string SiteUrl => BaseBlogUrl.Length > 0 ? BaseBlogUrl : Link;
}
