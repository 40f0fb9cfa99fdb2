using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using StaticNews.Configuration;

namespace StaticNews.Content;

/// <summary>
/// What raw HTML in an article body may contain. Bodies come from many hands (reporters, translation
/// systems, CMS imports), so by default they are cleaned with an allow-list suited to news: text
/// structure, figures, tables, links and images over http(s), and iframes only from the hosts listed
/// under <c>embeds</c> in site.yml. <c>trustHtml: true</c> in site.yml turns the cleaning off.
/// </summary>
public sealed class HtmlPolicy
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
        "figure", "figcaption", "picture", "source", "img", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a", "code", "pre", "kbd", "samp", "var", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small",
        "sub", "sup", "abbr", "cite", "q", "time", "span", "div", "details", "summary", "input", "iframe",
    ];

    private static readonly string[] Attributes =
    [
        "id", "class", "title", "lang", "dir",              // any element (Markdig writes id on headings and footnotes)
        "href", "hreflang", "rel",                          // a
        "src", "alt", "width", "height", "loading",         // img, iframe
        "srcset", "sizes", "decoding", "fetchpriority",    // img, picture's source (type is below)
        "colspan", "rowspan", "scope", "style",             // tables (style: text-align only)
        "start", "value", "reversed", "datetime", "cite",   // lists, time, quotes
        "type", "checked", "disabled",                      // task-list checkboxes
        "allow", "allowfullscreen", "referrerpolicy",       // iframe embeds
    ];

    /// <summary>Schemes a link or image may use: the web and e-mail. Anything else (javascript:, data:, vbscript:) is dropped.</summary>
    public static readonly IReadOnlySet<string> SafeSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private readonly IReadOnlySet<string> _embedHosts;
    private readonly ThreadLocal<HtmlSanitizer> _sanitizer;

    private HtmlPolicy(bool trusted, IEnumerable<string> embedHosts)
    {
        Trusted = trusted;
        _embedHosts = new HashSet<string>(embedHosts, StringComparer.OrdinalIgnoreCase);
        // One sanitizer per thread: articles are parsed in parallel and the sanitizer's events keep state per call.
        _sanitizer = new ThreadLocal<HtmlSanitizer>(Create);
    }

    /// <summary>The policy with no embeds: what a body gets when no site says otherwise.</summary>
    public static HtmlPolicy Default { get; } = new(false, []);

    public static HtmlPolicy For(SiteConfig site) => new(site.TrustHtml, site.EmbedHosts);

    /// <summary>True when site.yml says the bodies' HTML is trusted and is published as written.</summary>
    public bool Trusted { get; }

    /// <summary>
    /// The page's and the feeds' copies of a body that holds raw HTML, from one parse: cleaned by the allow-list (or
    /// as written, if trusted), and in the feeds' copy every URL made absolute against <paramref name="pageUrl"/>.
    /// </summary>
    public RenderedBody Clean(string html, Uri pageUrl)
    {
        var sanitizer = _sanitizer.Value!;
        using var document = Trusted ? TrustedParser.ParseDocument(BodyPrefix + html) : sanitizer.SanitizeDom(html);
        var body = document.Body!;
        var page = Trusted ? html : body.ChildNodes.ToHtml(sanitizer.OutputFormatter);
        return MakeUrlsAbsolute(body, pageUrl) ? new RenderedBody(page, body.ChildNodes.ToHtml(sanitizer.OutputFormatter)) : RenderedBody.Fixed(page);
    }

    /// <summary>What the sanitizer parses a body as: the content of a document's body, never its head.</summary>
    private const string BodyPrefix = "<!doctype html><html><body>";

    private static readonly HtmlParser TrustedParser = new();

    /// <summary>Attributes whose value is a URL (srcset, a list of them, is read apart).</summary>
    private static readonly string[] UrlAttributes = ["href", "src", "cite", "poster", "action", "formaction", "background", "data"];

    /// <summary>Resolves every URL in the tree against the page (see <see cref="PageLinks"/>). Returns whether any changed.</summary>
    private static bool MakeUrlsAbsolute(IElement root, Uri pageUrl)
    {
        var changed = false;
        foreach (var element in root.Descendants<IElement>())
        {
            foreach (var name in UrlAttributes)
                if (element.GetAttribute(name) is { } url && PageLinks.IsRelative(url))
                {
                    element.SetAttribute(name, PageLinks.Absolute(url, pageUrl));
                    changed = true;
                }
            if (element.GetAttribute("srcset") is { } srcset && PageLinks.AbsoluteSrcset(srcset, pageUrl) is var absolute && absolute != srcset)
            {
                element.SetAttribute("srcset", absolute);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// A link or image URL is safe when it is relative or uses a <see cref="SafeSchemes"/> scheme.
    /// Browsers drop tabs, newlines and leading spaces inside a scheme ("java&#9;script:"), so those are ignored when reading it.
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        var compact = new string(url.Where(c => c > ' ' && c != '\u007F').ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var end = compact.IndexOfAny(['/', '?', '#']);
        if (end >= 0 && end < colon) return true; // the colon is in the path, query or fragment of a relative URL
        return SafeSchemes.Contains(compact[..colon]);
    }

    private HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(Tags);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(Attributes);
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(SafeSchemes);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedCssProperties.Add("text-align");
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element) return;
            var keep = element.LocalName switch
            {
                "iframe" => IsAllowedEmbed(element.GetAttribute("src")),
                "input" => element.GetAttribute("type") == "checkbox",
                _ => true,
            };
            // Replaced by an empty text node: the element goes with everything inside it.
            if (!keep) e.ReplacementNodes.Add(e.Document.CreateTextNode(""));
        };
        return sanitizer;
    }

    private bool IsAllowedEmbed(string? src) =>
        Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && _embedHosts.Contains(uri.Host);
}
