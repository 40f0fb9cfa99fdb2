namespace StaticNews.Content;

/// <summary>A kind of file a story folder may publish: its media type, and how the site serves it.</summary>
/// <param name="IsImage">A raster image a page may show.</param>
/// <param name="AsAttachment">Served for download (<c>Content-Disposition: attachment</c>), never shown in the site's origin.</param>
public sealed record StoryMediaType(string MediaType, bool IsImage, bool AsAttachment);

/// <summary>
/// The allow-list of files a story folder publishes beside its Markdown: raster images, and PDF documents served as
/// downloads. Story folders are filled by many hands (reporters, CMS imports, translation tools) and what they publish
/// is served from the site's own origin, which its pages trust: an HTML page with a script there runs as the site
/// (the Content-Security-Policy allows 'self'), and an SVG is a document that can carry script, event handlers and
/// references to other hosts. Anything else is a warning naming the file and is not published. input/static/ is the
/// site owner's folder and is published as it is. The one list: the image stage and the feeds read it too.
/// </summary>
public static class StoryMedia
{
    private static readonly StoryMediaType Jpeg = new("image/jpeg", IsImage: true, AsAttachment: false);

    private static readonly Dictionary<string, StoryMediaType> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".png"] = new("image/png", IsImage: true, AsAttachment: false),
        [".gif"] = new("image/gif", IsImage: true, AsAttachment: false),
        [".webp"] = new("image/webp", IsImage: true, AsAttachment: false),
        [".avif"] = new("image/avif", IsImage: true, AsAttachment: false),
        // Court rulings, reports, press releases: downloaded, so that a PDF viewer's scripting never runs in a page of the site.
        [".pdf"] = new("application/pdf", IsImage: false, AsAttachment: true),
    };

    /// <summary>What a story file of this name is, or null if story folders do not publish it.</summary>
    public static StoryMediaType? Of(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName));

    /// <summary>True for a raster image a story folder publishes.</summary>
    public static bool IsImage(string fileName) => Of(fileName)?.IsImage == true;

    /// <summary>Why a file of this name is not published from a story folder (the warning); null if it is.</summary>
    public static string? Refusal(string fileName) => Of(fileName) is not null ? null
        : Path.GetExtension(fileName).Equals(".svg", StringComparison.OrdinalIgnoreCase)
            ? "not published: an SVG can carry script that would run as the site; export it as PNG or WebP, or put it in input/static/ if you vouch for it"
            : "not published: a story folder publishes only images (JPEG, PNG, GIF, WebP, AVIF) and PDF documents; put other files the site should serve in input/static/";
}
