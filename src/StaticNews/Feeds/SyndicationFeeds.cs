using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using StaticNews.Configuration;
using StaticNews.Pages;
using StaticNews.Stories;
using static StaticNews.Feeds.XmlFeedWriter;

namespace StaticNews.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 documents of a <see cref="FeedChannel"/>, through System.ServiceModel.Syndication.
/// Ids and dates are always set (the Atom formatter would otherwise invent a random id and the
/// current time); the other language versions (rel="related" with hreflang), content:encoded, dc:creator and
/// the RFC 5005 links are added as Atom-namespace extensions, and <see cref="XmlFeedWriter"/> writes the result.
/// </summary>
public sealed class SyndicationFeeds(SiteConfig site)
{
    private const string HtmlType = "text/html";

    public void Rss(FeedChannel channel, Stream stream)
    {
        const FeedFormat format = FeedFormat.Rss;
        var feed = Feed(channel, format);
        var items = new List<SyndicationItem>();
        foreach (var entry in channel.Entries)
        {
            var item = Item(entry, format);
            // Readers take an RSS description for HTML: the summary goes in escaped, to be shown as the text it is; an
            // archive's is its summary with the notices, and the whole story stays on the page (see FeedCatalog).
            item.Summary = new TextSyndicationContent(channel.IsArchive ? entry.SummaryHtml : Html.Escape(entry.Summary));
            // RSS has no content element: the full HTML goes into content:encoded.
            if (!channel.IsArchive) item.ElementExtensions.Add(Element(XmlFeedWriter.Content, "encoded", entry.ContentHtml));
            // <author> in RSS must be an e-mail address; a byline is dc:creator (one each).
            foreach (var author in entry.Authors)
                item.ElementExtensions.Add(Element(DublinCore, "creator", author.Name));
            // Readers show RSS categories by their text: the names in the feed's language.
            if (entry.Category is { } c) item.Categories.Add(new SyndicationCategory(c.Label));
            foreach (var tag in entry.Tags) item.Categories.Add(new SyndicationCategory(tag.Label));
            if (entry.Image is { } image) AddMedia(item, image);
            items.Add(item);
        }
        feed.Items = items;
        // Atom for the links, content:encoded and dc:creator on entries, fh:archive on archives, Media RSS for images.
        XNamespace?[] vocabularies =
        [
            XmlFeedWriter.Atom,
            channel.Entries.Count > 0 && !channel.IsArchive ? XmlFeedWriter.Content : null,
            channel.Entries.Any(e => e.Authors.Count > 0) ? DublinCore : null,
            channel.IsArchive ? FeedHistory : null,
            channel.Entries.Any(e => e.Image is not null) ? Media : null,
        ];
        XmlFeedWriter.Write(stream, new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true), vocabularies.OfType<XNamespace>(), channel.Language.Hreflang);
    }

    public void Atom(FeedChannel channel, Stream stream)
    {
        const FeedFormat format = FeedFormat.Atom;
        var feed = Feed(channel, format);
        feed.Id = Self(channel, FeedFormat.Atom);
        feed.Authors.Add(new SyndicationPerson { Name = channel.Publisher });
        var items = new List<SyndicationItem>();
        foreach (var entry in channel.Entries)
        {
            var item = Item(entry, format);
            if (channel.IsArchive) item.Summary = new TextSyndicationContent(entry.SummaryHtml, TextSyndicationContentKind.Html);
            else
            {
                item.Summary = new TextSyndicationContent(entry.Summary);
                item.Content = new TextSyndicationContent(entry.ContentHtml, TextSyndicationContentKind.Html);
            }
            foreach (var author in entry.Authors) item.Authors.Add(new SyndicationPerson { Name = author.Name, Uri = author.Url });
            // Readers show a category's term (few its label): the name in the feed's language. The scheme, the listing
            // of that category or tag, tells machines which one it is.
            if (entry.Category is { } c) item.Categories.Add(new SyndicationCategory(c.Label, c.Listing, null));
            foreach (var tag in entry.Tags) item.Categories.Add(new SyndicationCategory(tag.Label, tag.Listing, null));
            items.Add(item);
        }
        feed.Items = items;
        XmlFeedWriter.Write(stream, new Atom10FeedFormatter(feed), channel.IsArchive ? [FeedHistory] : []);
    }

    /// <summary>What both formats share at the feed level: texts, language, dates, links.</summary>
    private SyndicationFeed Feed(FeedChannel channel, FeedFormat format)
    {
        var feed = new SyndicationFeed
        {
            Title = new TextSyndicationContent(channel.Title),
            Description = new TextSyndicationContent(channel.Description),
            Language = channel.Language.Hreflang,
            LastUpdatedTime = channel.Updated,
            Generator = "StaticNews",
        };
        feed.Links.Add(new SyndicationLink(new Uri(channel.HomeUrl), "alternate", null, HtmlType, 0));
        feed.Links.Add(new SyndicationLink(new Uri(Self(channel, format)), "self", null, FeedFormats.MediaType(format), 0));
        foreach (var hub in channel.Hubs)
            feed.Links.Add(new SyndicationLink(hub, "hub", null, null, 0));
        if (channel.CurrentFolder is { } current)
        {
            feed.Links.Add(new SyndicationLink(new Uri(FileUrl(current, format)), "current", null, FeedFormats.MediaType(format), 0));
            // An archive document: its content will not change (RFC 5005 section 4).
            feed.ElementExtensions.Add(Element(FeedHistory, "archive", ""));
        }
        if (channel.PrevArchiveFolder is { } previous)
            feed.Links.Add(new SyndicationLink(new Uri(FileUrl(previous, format)), "prev-archive", null, FeedFormats.MediaType(format), 0));
        if (channel.NextArchiveFolder is { } next)
            feed.Links.Add(new SyndicationLink(new Uri(FileUrl(next, format)), "next-archive", null, FeedFormats.MediaType(format), 0));
        return feed;
    }

    private static SyndicationItem Item(FeedEntry entry, FeedFormat format)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = new TextSyndicationContent(entry.Title),
            PublishDate = entry.Published,
            LastUpdatedTime = entry.Updated,
        };
        // The entry's own page is its one alternate link: readers take an entry's link from its alternates, some the
        // first, some the last (in RSS, SimplePie and Tiny Tiny RSS the first atom:link over <link>), so a feed in one
        // language must offer no other. RSS writes it as <link> (the channel's <language> says its language). The
        // other versions follow as rel="related" with their hreflang, which no reader takes for the entry's link.
        item.Links.Add(Link(entry.Url, "alternate", format == FeedFormat.Rss ? null : entry.Hreflang));
        foreach (var other in entry.OtherVersions)
            item.Links.Add(Link(other.Url, "related", other.Hreflang));
        // The lead image as an enclosure: Atom readers show it beside the entry, RSS readers without Media RSS too.
        if (entry.Image?.Large is { } large)
            item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(large.Url), large.MediaType, large.Length));
        return item;
    }

    /// <summary>Media RSS (what Flipboard and most readers read for an item's picture): the image with its size, its thumbnail inside.</summary>
    private static void AddMedia(SyndicationItem item, FeedImage image)
    {
        var large = image.Large;
        var content = new XElement(Media + "content",
            new XAttribute("url", large.Url), new XAttribute("type", large.MediaType), new XAttribute("medium", "image"),
            new XAttribute("width", large.Width), new XAttribute("height", large.Height), new XAttribute("fileSize", large.Length));
        var thumbnail = image.Thumbnail;
        content.Add(new XElement(Media + "thumbnail",
            new XAttribute("url", thumbnail.Url), new XAttribute("width", thumbnail.Width), new XAttribute("height", thumbnail.Height)));
        if (image.Description is { } description) content.Add(new XElement(Media + "description", new XAttribute("type", "plain"), description));
        if (image.Credit is { } credit) content.Add(new XElement(Media + "credit", credit));
        item.ElementExtensions.Add(Element(content));
    }

    private static SyndicationLink Link(string url, string rel, string? hreflang)
    {
        var link = new SyndicationLink(new Uri(url), rel, null, HtmlType, 0);
        if (hreflang is not null) link.AttributeExtensions.Add(new XmlQualifiedName("hreflang"), hreflang);
        return link;
    }

    private string Self(FeedChannel channel, FeedFormat format) => FeedFormats.Url(site, channel.Folder, format);

    private string FileUrl(string folder, FeedFormat format) => FeedFormats.Url(site, folder, format);
}
