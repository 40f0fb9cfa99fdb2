namespace StaticNews.Content;

/// <summary>An old address of a version, from its front matter's <c>aliases:</c>, with the line that gives it.</summary>
public sealed record Alias(string Path, int Line);

/// <summary>
/// What an alias may be: a clean site-relative path, such as an old WordPress permalink. It becomes a redirect rule
/// (a line of Netlify's <c>_redirects</c>, where a space, a <c>#</c> or a <c>:name</c> would mean something) and a
/// page at that path, so anything else is refused rather than escaped into another meaning.
/// </summary>
public static class AliasPath
{
    /// <summary>
    /// The path as the site's URLs are kept (percent-escapes decoded, as story URLs are written: <c>/2019/05/café/</c>),
    /// or null with <paramref name="problem"/> saying why it is not one.
    /// </summary>
    public static string? Normalize(string text, out string? problem)
    {
        problem = null;
        var path = text.Trim();
        if (path.Length == 0) { problem = "is empty"; return null; }
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            problem = "is not a site-relative path: write it from the site's root, starting with one '/' (/2019/05/old-slug/), without the scheme and host";
            return null;
        }
        if (path.AsSpan().IndexOfAny("?#") >= 0) { problem = "has a query or a fragment ('?', '#'): an alias is a path only"; return null; }
        // An escape that is not one stays a '%', which no segment may hold; one that is not UTF-8 decodes to U+FFFD, not a letter.
        var decoded = Uri.UnescapeDataString(path);
        if (decoded == "/") { problem = "is the site's front page"; return null; }
        var segments = decoded[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 && i == segments.Length - 1) continue; // the final '/'
            if (segment.Length == 0) { problem = "has an empty segment ('//')"; return null; }
            if (segment is "." or "..") { problem = "has a '.' or '..' segment"; return null; }
            if (!ArticleParser.IsSlug(segment.Replace('~', '-')))
            {
                problem = $"has the segment '{Shown(segment)}': a segment of an alias holds only letters, digits, '-', '_', '.' and '~' (no spaces, '!', ':', '*', quotes or line breaks)";
                return null;
            }
        }
        if (segments[0] is "_headers" or "_redirects") { problem = "is one of the files the CDN reads its rules from"; return null; }
        return decoded;
    }

    /// <summary>The path as it goes on the wire (in <c>_redirects</c>): every byte but unreserved characters and '/' percent-escaped.</summary>
    public static string Escape(string path) => PercentEscapes.Escape(path, "-._~/");

    private static string Shown(string segment) =>
        string.Concat(segment.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
