using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;
using AngleSharp.Html.Parser;

namespace StaticNews.Tests.Support;

/// <summary>
/// Checks every file of a built site by its kind, whichever pipelines wrote it: HTML parses and runs
/// no script of the input's, XML and OPML are well-formed, JSON (feeds, JSON-LD) parses. Used by the
/// injection and fuzz tests, so outputs added later (feeds, sitemaps, _headers) are covered as they land.
/// </summary>
public static class OutputChecks
{
    /// <summary>Every problem found, as "path: what"; empty when the site is sound.</summary>
    public static List<string> Problems(string output, string? marker = null)
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(output, file).Replace('\\', '/');
            var name = Path.GetFileName(file);
            var extension = Path.GetExtension(file).ToLowerInvariant();
            try
            {
                if (extension == ".html") CheckHtml(File.ReadAllText(file), marker, p => problems.Add($"{relative}: {p}"));
                else if (extension is ".xml" or ".opml" or ".xsl" or ".rss" or ".atom") CheckXml(File.ReadAllText(file), marker, p => problems.Add($"{relative}: {p}"));
                else if (extension == ".json") JsonDocument.Parse(File.ReadAllText(file)).Dispose();
                else if (name is "_headers" or "_redirects" && marker is not null)
                    foreach (var line in File.ReadAllLines(file).Where(l => l.Contains(marker, StringComparison.Ordinal)))
                        problems.Add($"{relative}: a line carries input text: {line}");
            }
            catch (Exception e) when (e is XmlException or JsonException)
            {
                problems.Add($"{relative}: not well-formed: {e.Message}");
            }
        }
        // What a feed reader renders: every entry's content and summary parsed as HTML, safe and with links that work far from the page.
        try
        {
            foreach (var entry in FeedContents.All(output))
                foreach (var (part, html) in new[] { ("", entry.Parse()), (" summary", entry.ParseSummary()) })
                {
                    foreach (var problem in FeedContents.ScriptProblems(html)) problems.Add($"{entry.Feed} {entry.Id}{part}: {problem}");
                    foreach (var url in FeedContents.RelativeUrls(html)) problems.Add($"{entry.Feed} {entry.Id}{part}: a URL that is not absolute: {url}");
                }
        }
        catch (Exception e) when (e is XmlException or JsonException) { } // reported above, file by file
        return problems;
    }

    private static void CheckHtml(string html, string? marker, Action<string> problem)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            if (element.LocalName == "script")
            {
                var type = element.GetAttribute("type");
                if (type is "application/ld+json") CheckJsonLd(element.TextContent, problem);
                else if (marker is not null && element.TextContent.Contains(marker, StringComparison.Ordinal)) problem($"input text inside a <script>: {element.OuterHtml}");
                else if (element.HasAttribute("src") && marker is not null && element.GetAttribute("src")!.Contains(marker)) problem("a script loads an input URL");
            }
            if (marker is not null && element.LocalName.Contains(marker, StringComparison.OrdinalIgnoreCase)) problem($"an element from the input: <{element.LocalName}>");
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) problem($"event handler attribute {attribute.Name} on <{element.LocalName}>");
                if (marker is not null && attribute.Name.Contains(marker, StringComparison.OrdinalIgnoreCase)) problem($"an attribute from the input: {attribute.Name}");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "poster" && IsScriptUrl(attribute.Value))
                    problem($"script URL in {attribute.Name} of <{element.LocalName}>: {attribute.Value}");
            }
        }
    }

    private static void CheckJsonLd(string json, Action<string> problem)
    {
        try { JsonDocument.Parse(json).Dispose(); }
        catch (JsonException e) { problem($"JSON-LD does not parse: {e.Message}"); }
    }

    private static void CheckXml(string xml, string? marker, Action<string> problem)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
            if (marker is null) continue;
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName.Contains(marker, StringComparison.OrdinalIgnoreCase)) problem($"an element from the input: <{reader.Name}>");
            if (reader.NodeType == XmlNodeType.Element && reader.HasAttributes)
                while (reader.MoveToNextAttribute())
                    if (reader.LocalName.Contains(marker, StringComparison.OrdinalIgnoreCase)) problem($"an attribute from the input: {reader.Name}");
        }
    }

    /// <summary>javascript:, vbscript: and data: URLs (ignoring the whitespace and case browsers ignore).</summary>
    public static bool IsScriptUrl(string url)
    {
        var compact = new string(url.Where(c => c > ' ').ToArray()).ToLowerInvariant();
        return compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal)
            || compact.StartsWith("data:", StringComparison.Ordinal);
    }

    /// <summary>The site as path -> SHA-256, to tell whether a folder holds exactly one build's output.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return files;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(folder, file).Replace('\\', '/')] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        return files;
    }
}
