using StaticNews.Stories;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using StaticNews.Configuration;

namespace StaticNews.Feeds;

/// <summary>
/// /feeds.opml (OPML 2.0): every subscribable feed of the site, one folder per language (readers such
/// as Feedly import top-level outlines as folders), each holding the live feeds and the category feeds,
/// as RSS and Atom. Left out: archives (one subscribes to a feed, not to a page of its past), and JSON Feeds,
/// which most readers cannot read (newsboat and sfeed import them and then fail on every refresh; pages
/// still link them). A folder is an outline with only its text, as OPML readers and validators expect.
/// </summary>
public static class Opml
{
    public static byte[] Build(SiteConfig site, IReadOnlyList<FeedChannel> channels)
    {
        var original = site.Original;
        var body = new XElement("body");
        foreach (var language in site.Languages)
        {
            var group = new XElement("outline", new XAttribute("text", FeedEntries.Clean(language.Name)));
            foreach (var channel in channels.Where(c => c.Language == language && !c.IsArchive && c.Listed))
                foreach (var format in channel.Formats.Where(f => f != FeedFormat.Json))
                    group.Add(new XElement("outline",
                        new XAttribute("type", "rss"),
                        new XAttribute("text", $"{channel.Title} ({FeedFormats.Name(format)})"),
                        new XAttribute("title", $"{channel.Title} ({FeedFormats.Name(format)})"),
                        new XAttribute("xmlUrl", FeedFormats.Url(site, channel.Folder, format)),
                        new XAttribute("htmlUrl", channel.HomeUrl),
                        new XAttribute("language", language.Hreflang)));
            body.Add(group);
        }
        var document = new XDocument(new XElement("opml", new XAttribute("version", "2.0"),
            new XElement("head", new XElement("title", FeedEntries.Clean(site.TitleFor(original.Code)))),
            body));

        return Publish.XmlOutput.Write(document);
    }
}
