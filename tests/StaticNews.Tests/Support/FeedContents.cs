using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using static StaticNews.Tests.Support.FeedFiles;

namespace StaticNews.Tests.Support;

/// <summary>
/// The HTML of every entry of every feed of a built site, as a feed reader gets it (RSS content:encoded, Atom
/// content, JSON Feed content_html), and the checks a reader's safety rests on: parsed by an HTML5 parser, it
/// runs no script and every link in it leads somewhere from wherever it is read.
/// </summary>
public static class FeedContents
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// One entry's content: the feed file (site path), the entry's id, its page (link), the HTML, and the summary as the
    /// HTML a reader renders (an RSS description is HTML; Atom's type says; JSON Feed's summary is text).
    /// </summary>
    public sealed record Entry(string Feed, string Id, string Link, string Html, string SummaryHtml)
    {
        /// <summary>The content as a reader's HTML5 parser builds it: the children of this body element.</summary>
        public IElement Parse() => Body(Html);

        /// <summary>The summary as a reader's HTML5 parser builds it.</summary>
        public IElement ParseSummary() => Body(SummaryHtml);
    }

    public static IElement Body(string html) => Parser.ParseDocument("<!DOCTYPE html><html><body>" + html).Body!;

    /// <summary>Every entry's content in every rss.xml, atom.xml and feed.json under <paramref name="output"/>.</summary>
    public static IEnumerable<Entry> All(string output)
    {
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var feed = "/" + Path.GetRelativePath(output, file).Replace('\\', '/');
            foreach (var entry in Path.GetFileName(file) switch
            {
                "rss.xml" => LoadXml(file).Descendants("item").Select(i => new Entry(feed, (string)i.Element("guid")!, (string)i.Element("link")!,
                    (string?)i.Element(ContentModule + "encoded") ?? "", (string?)i.Element("description") ?? "")),
                "atom.xml" => LoadXml(file).Descendants(Atom + "entry").Select(e => new Entry(feed, (string)e.Element(Atom + "id")!, FeedFiles.Links(e, "alternate").Single().Href,
                    (string?)e.Element(Atom + "content") ?? "", AtomText(e.Element(Atom + "summary")))),
                "feed.json" => Json(feed, file),
                _ => [],
            })
                yield return entry;
        }
    }

    private static List<Entry> Json(string feed, string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => new Entry(feed, i.GetProperty("id").GetString()!, i.GetProperty("url").GetString()!, i.TryGetProperty("content_html", out var html) ? html.GetString()! : "",
                i.TryGetProperty("summary", out var summary) ? WebUtility.HtmlEncode(summary.GetString()!) : ""))
            .ToList();
    }

    /// <summary>An Atom text construct as HTML: type="html" is HTML already, text (the default) is escaped (no entry here uses xhtml).</summary>
    private static string AtomText(XElement? text) =>
        text is null ? "" : (string?)text.Attribute("type") == "html" ? text.Value : WebUtility.HtmlEncode(text.Value);

    /// <summary>Attributes that hold a URL a browser may load or navigate to.</summary>
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "poster", "cite", "data", "background", "xlink:href", "srcset"];

    /// <summary>Whatever in this tree could run script: script elements, event-handler attributes, script-capable URLs.</summary>
    public static IEnumerable<string> ScriptProblems(IElement root)
    {
        foreach (var element in root.Descendants<IElement>())
        {
            if (element.LocalName == "script") yield return $"a script element: {element.OuterHtml}";
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"event handler {attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>";
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && OutputChecks.IsScriptUrl(attribute.Value))
                    yield return $"script URL in {attribute.Name} of <{element.LocalName}>: {attribute.Value}";
                if (attribute.Name == "srcdoc") yield return $"an inline document in <{element.LocalName}>";
            }
        }
    }

    /// <summary>
    /// The href and src values in this tree that are not absolute http(s) or mailto URLs: by their scheme, whether or
    /// not the rest parses (a bare link to "www.example.orgkata" is absolute, with a host no browser resolves).
    /// </summary>
    public static IEnumerable<string> RelativeUrls(IElement root) =>
        root.Descendants<IElement>()
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src") })
            .OfType<string>()
            .Where(url => !(url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)));
}
