using System.Xml;
using System.Xml.Linq;

namespace StaticNews.Tests.Support;

/// <summary>Reading generated feeds the strict way: an XmlReader that checks characters, no DTDs.</summary>
public static class FeedFiles
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace ContentModule = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace History = "http://purl.org/syndication/history/1.0";

    public static XDocument LoadXml(string path)
    {
        var settings = new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit };
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader);
    }

    /// <summary>Every live, category and archive feed file under an output folder, as site paths (/en/rss.xml).</summary>
    public static IReadOnlyList<string> All(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "rss.xml" or "atom.xml" or "feed.json")
            .Select(f => "/" + Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The language of a feed from its path (/zh/category/x/rss.xml -> zh).</summary>
    public static string LanguageOf(string sitePath) => sitePath.Split('/')[1];

    /// <summary>The atom:link elements of an Atom entry or an RSS item with this rel (no rel is alternate), as (hreflang, href).</summary>
    public static IReadOnlyList<(string? Hreflang, string Href)> Links(XElement entry, string rel) =>
        entry.Elements(Atom + "link")
            .Where(l => ((string?)l.Attribute("rel") ?? "alternate") == rel)
            .Select(l => ((string?)l.Attribute("hreflang"), (string)l.Attribute("href")!))
            .ToList();
}
