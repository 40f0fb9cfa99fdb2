namespace StaticNews.Content;

/// <summary>
/// A URL written in a story body, which a browser resolves against the story's page, made absolute so that it
/// leads to the same place from a feed reader. The one resolution for Markdown links and raw HTML alike.
/// </summary>
public static class PageLinks
{
    /// <summary>
    /// <paramref name="url"/> resolved against <paramref name="page"/> as a browser resolves it (the URL Standard):
    /// control characters and spaces around it ignored, tabs and line breaks inside it removed, backslashes before the
    /// query and fragment read as slashes (<c>\\host\x</c> is <c>//host/x</c>). A URL with a scheme is returned as written (the renderer and the
    /// sanitizer have already kept only safe schemes); one that cannot be resolved leads to the page itself, as a
    /// browser's broken link would stay on it.
    /// </summary>
    public static string Absolute(string url, Uri page)
    {
        var cleaned = AsBrowsersRead(url);
        if (HasScheme(cleaned)) return url;
        var hash = cleaned.IndexOf('#');
        if (hash < 0) return Resolved(cleaned, page);
        // Resolved up to an empty fragment, which keeps the spaces before it (Uri trims them at the end of a string).
        return Resolved(cleaned[..(hash + 1)], page) + "#" + EscapedFragment(cleaned[(hash + 1)..]);
    }

    /// <summary><paramref name="url"/> resolved against <paramref name="page"/>, without its fragment (see <see cref="EscapedFragment"/>).</summary>
    private static string Resolved(string url, Uri page)
    {
        // '|' escaped first: Uri reads "y|..." as an old DOS drive ("c|"), and refuses what follows as a file path.
        try { return new Uri(page, SlashesInPath(url).Replace("|", "%7C")).GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped); }
        catch (UriFormatException) { return page.AbsoluteUri; }
    }

    /// <summary>
    /// A fragment as a URI holds it: each byte of its UTF-8 that RFC 3986 does not allow there escaped, escapes kept.
    /// Escaped here rather than by <see cref="Uri"/>, which drops a fragment's trailing escaped spaces (<c>#a%20</c>)
    /// when the URL has a character beyond ASCII.
    /// </summary>
    private static string EscapedFragment(string fragment) => PercentEscapes.Escape(fragment, AllowedInFragment, keepEscapes: true);

    private const string AllowedInFragment = "-._~!$&'()*+,;=:@/?";

    /// <summary>True if <paramref name="url"/> is not absolute: Absolute would change it.</summary>
    public static bool IsRelative(string url) => !HasScheme(AsBrowsersRead(url));

    private static string SlashesInPath(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return end < 0 ? url.Replace('\\', '/') : url[..end].Replace('\\', '/') + url[end..];
    }

    private static string AsBrowsersRead(string url)
    {
        var trimmed = url.Trim(ControlOrSpace);
        return trimmed.IndexOfAny(TabOrNewline) < 0 ? trimmed : string.Concat(trimmed.Split(TabOrNewline));
    }

    /// <summary>U+0000 to U+0020: the C0 controls and the space.</summary>
    private static readonly char[] ControlOrSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    private static readonly char[] TabOrNewline = ['\t', '\n', '\r'];

    /// <summary>
    /// A srcset (<c>a.png 1x, b.png 2x</c>) with each candidate's URL made absolute, read as the HTML standard reads it:
    /// a URL runs to the next whitespace (a comma ending it ends the candidate), its descriptors to the next comma.
    /// </summary>
    public static string AbsoluteSrcset(string srcset, Uri page)
    {
        var result = new System.Text.StringBuilder(srcset.Length + 32);
        var i = 0;
        while (i < srcset.Length)
        {
            var start = i;
            while (i < srcset.Length && (Array.IndexOf(WhatwgWhitespace, srcset[i]) >= 0 || srcset[i] == ',')) i++;
            result.Append(srcset, start, i - start);
            start = i;
            while (i < srcset.Length && Array.IndexOf(WhatwgWhitespace, srcset[i]) < 0) i++;
            var url = srcset[start..i];
            var commas = url.Length - url.TrimEnd(',').Length;
            url = url[..^commas];
            if (url.Length > 0) result.Append(Absolute(url, page));
            result.Append(',', commas);
            if (commas > 0) continue;
            start = i;
            while (i < srcset.Length && srcset[i] != ',') i++;
            result.Append(srcset, start, i - start);
        }
        return result.ToString();
    }

    private static readonly char[] WhatwgWhitespace = [' ', '\t', '\n', '\f', '\r'];

    /// <summary>A scheme as URLs define it: a letter, then letters, digits, '+', '-' or '.', then ':'.</summary>
    private static bool HasScheme(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0])) return false;
        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':') return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return false;
    }
}
