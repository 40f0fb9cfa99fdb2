using Microsoft.AspNetCore.StaticFiles;
using StaticNews.Stories;

namespace StaticNews.Serve;

/// <summary>
/// Maps a request target to a file of the output folder, refusing anything that could name a file
/// outside it: dot segments (plain or percent-encoded), encoded slashes, backslashes and NULs are
/// rejected on the raw target, before any decoding or normalisation could hide them.
/// </summary>
public static class SitePaths
{
    private static readonly string[] RefusedEncodings = ["%2f", "%5c", "%00", "%2e"];

    /// <summary>The decoded segments of a safe request path, or null if the target must be refused.</summary>
    public static IReadOnlyList<string>? Segments(string rawTarget)
    {
        var path = rawTarget;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0) path = path[..query];
        if (!path.StartsWith('/') || path.Contains('\\')) return null;
        // An encoded '.', '/', '\' or NUL has no business in a URL of this site; refusing them outright is simpler than proving them harmless.
        if (RefusedEncodings.Any(e => path.Contains(e, StringComparison.OrdinalIgnoreCase))) return null;
        var segments = new List<string>();
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            string segment;
            try { segment = Uri.UnescapeDataString(parts[i]); }
            catch (UriFormatException) { return null; }
            if (segment is "." or ".." || segment.Contains('\0') || segment.Contains('/') || segment.Contains('\\')) return null;
            if (segment.Length == 0 && i < parts.Length - 1) return null; // '//' 
            segments.Add(segment);
        }
        return segments;
    }

    /// <summary>The full path under <paramref name="root"/> for the segments, checked to stay inside it.</summary>
    public static string? Resolve(string root, IReadOnlyList<string> segments)
    {
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine([fullRoot, .. segments.Where(s => s.Length > 0)]));
        if (!(full + Path.DirectorySeparatorChar).StartsWith(fullRoot, StringComparison.Ordinal)) return null;
        return full;
    }

    private static readonly FileExtensionContentTypeProvider Types = CreateTypes();

    private static FileExtensionContentTypeProvider CreateTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".xml"] = "application/xml";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".opml"] = "text/x-opml";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        return provider;
    }

    /// <summary>The content type of an output file, by the site's naming contract first (feeds), then by extension.</summary>
    public static string ContentType(string fileName)
    {
        var type = FeedFormats.ForFileName(fileName) is { } feed ? FeedFormats.MediaType(feed)
            : Types.TryGetContentType(fileName, out var t) ? t : "application/octet-stream";
        return IsText(type) && !type.Contains("charset", StringComparison.Ordinal) ? type + "; charset=utf-8" : type;
    }

    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal) || type.EndsWith("json", StringComparison.Ordinal)
        || type == "application/javascript";
}
