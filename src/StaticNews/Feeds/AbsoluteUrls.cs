using System.Net;
using System.Text.RegularExpressions;
using StaticNews.Pages;

namespace StaticNews.Feeds;

/// <summary>
/// Makes every link of an HTML fragment absolute. A story body's links are written relative to its
/// page (<c>terumbu.png</c>, <c>../other/</c>, <c>#fn1</c>); a feed entry is read far from that page,
/// so its content must carry absolute URLs.
/// </summary>
public static partial class AbsoluteUrls
{
    /// <summary>
    /// Rewrites <c>href</c>, <c>src</c> and <c>poster</c> attribute values inside tags, resolved against
    /// <paramref name="pageUrl"/>. Only start tags are looked at, so text that merely reads
    /// <c>href="x"</c> (escaped by the Markdown renderer) is left alone. Absolute URLs (https:, mailto:,
    /// data:) are kept; a value that is not a URL at all is kept as written.
    /// </summary>
    public static string Rewrite(string html, Uri pageUrl)
    {
        // Most bodies link nothing: without any attribute name to rewrite, the regex would copy every tag and the whole text for nothing.
        if (!html.Contains('<') || html.AsSpan().IndexOfAny(UrlAttributeNames) < 0) return html;
        return StartTag().Replace(html, tag => UrlAttribute().Replace(tag.Value, attribute =>
        {
            var group = attribute.Groups["dq"].Success ? attribute.Groups["dq"]
                : attribute.Groups["sq"].Success ? attribute.Groups["sq"]
                : attribute.Groups["bare"];
            var raw = WebUtility.HtmlDecode(group.Value).Trim();
            if (Uri.TryCreate(raw, UriKind.Absolute, out var already) && !raw.StartsWith("//", StringComparison.Ordinal) && already.Scheme != Uri.UriSchemeFile)
                return attribute.Value;
            if (!Uri.TryCreate(pageUrl, raw, out var resolved)) return attribute.Value;
            var name = attribute.Groups["name"].Value;
            return $"{attribute.Groups["lead"].Value}{name}=\"{Html.Escape(resolved.AbsoluteUri)}\"";
        }));
    }

    private static readonly System.Buffers.SearchValues<string> UrlAttributeNames =
        System.Buffers.SearchValues.Create(["href", "src", "poster"], StringComparison.OrdinalIgnoreCase);

    // A start tag: name, then attributes whose quoted values may contain '>'.
    [GeneratedRegex("""<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""")]
    private static partial Regex StartTag();

    // One href/src/poster attribute (preceded by whitespace, so data-src is not one) and its value.
    [GeneratedRegex("""(?<lead>\s)(?<name>href|src|poster)\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'=<>`]+))""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();
}
