using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace StaticNews.Feeds;

/// <summary>
/// Serializes what System.ServiceModel.Syndication formats, fixing its traps on the way out:
/// it declares Atom elements inside RSS with the prefix <c>a10</c> (every reader expects <c>atom</c>),
/// and writing through a StringWriter declares utf-16. The formatter writes into an
/// <see cref="XDocument"/>, the namespace declarations are settled once on the root element, and the
/// document is written as UTF-8 (no byte order mark) with an XML declaration that says so.
/// (The other two traps — invented ids and the current time when none is set — are avoided by the
/// builders, which always set ids and dates.)
/// </summary>
public static class XmlFeedWriter
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    /// <summary>RFC 5005 feed history.</summary>
    public static readonly XNamespace FeedHistory = "http://purl.org/syndication/history/1.0";

    private static readonly (string Prefix, XNamespace Namespace)[] Prefixes =
        [("atom", Atom), ("content", Content), ("dc", DublinCore), ("fh", FeedHistory)];

    /// <summary>The formatted feed as an XDocument, for the builder to complete before <see cref="ToBytes"/>.</summary>
    public static XDocument Format(SyndicationFeedFormatter formatter)
    {
        var document = new XDocument();
        using (var writer = document.CreateWriter())
            formatter.WriteTo(writer);
        return document;
    }

    /// <summary>
    /// The document as UTF-8 bytes. Namespace declarations of the Atom, content, Dublin Core and
    /// feed-history vocabularies are removed wherever the formatter put them and declared once on the
    /// root with the conventional prefixes (unless the vocabulary is the root's own default namespace).
    /// </summary>
    public static byte[] ToBytes(XDocument document, int sizeHint = 0)
    {
        var root = document.Root ?? throw new InvalidOperationException("empty feed document");
        var known = Prefixes.Select(p => p.Namespace.NamespaceName).ToHashSet();
        // Prefixed (xmlns:a10) and default (xmlns="...") declarations alike, except the root's own default namespace.
        foreach (var element in root.DescendantsAndSelf())
            element.Attributes().Where(a => a.IsNamespaceDeclaration && known.Contains(a.Value)
                && !(element == root && a.Name == "xmlns")).Remove();
        var used = root.DescendantsAndSelf().SelectMany(e => e.Attributes().Select(a => a.Name.Namespace).Prepend(e.Name.Namespace)).ToHashSet();
        foreach (var (prefix, ns) in Prefixes)
            if (used.Contains(ns) && root.Name.Namespace != ns)
                root.Add(new XAttribute(XNamespace.Xmlns + prefix, ns.NamespaceName));

        return Publish.XmlOutput.Write(document, sizeHint);
    }
}
