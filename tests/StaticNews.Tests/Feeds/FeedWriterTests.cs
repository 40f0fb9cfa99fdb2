using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Stories;
using static StaticNews.Tests.Support.FeedFiles;
using static StaticNews.Tests.Support.Rendered;

namespace StaticNews.Tests.Feeds;

/// <summary>The feed writers on their own, with text no input file could carry (a lone surrogate in memory).</summary>
public sealed class FeedWriterTests
{
    private static readonly SiteConfig Site = new()
    {
        Title = new LocalizedText("Test \u0001News"),
        BaseUrl = new Uri("https://news.example.org/"),
        DefaultLanguage = "id",
        Languages =
        [
            new LanguageConfig { Code = "id", Name = "Bahasa Indonesia", Hreflang = "id", Culture = new CultureInfo("id") },
            new LanguageConfig { Code = "ja", Name = "日本語", Hreflang = "ja", Culture = new CultureInfo("ja") },
        ],
    };

    private static FeedChannel Channel(string title, string summary, string html)
    {
        var date = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(7));
        Article Article(string language) => new()
        {
            StoryKey = "s", Language = language, SourcePath = $"articles/s/{language}.md", Title = title, Html = html, BodySummary = summary,
        };
        var story = new Story("s", [], s => Site.Languages.Select(l => new StoryVersion
        {
            Story = s, Article = Article(l.Code), Language = l, Date = date, Url = $"/{l.Code}/2026/11/s/",
            Kind = l.Code == "id" ? TranslationKind.Original : TranslationKind.Machine,
        }).ToList());
        var entry = new FeedEntries(Site, new Theme(null), Taxonomy.Build([story], TaxonomyFile.None, Site, new StaticNews.Engine.DiagnosticBag()),
            StaticNews.Images.ImageCatalog.Empty(Site)).For(story.Version("ja")!);
        return new FeedChannel
        {
            Language = Site.Languages[1], Folder = "/ja/", Formats = FeedCatalog.LiveFormats, Title = FeedEntries.Clean(Site.TitleFor("ja")),
            Description = "d", HomeUrl = "https://news.example.org/ja/", Publisher = "p", Entries = [entry], Updated = date, Hubs = [],
        };
    }

    [Fact]
    public void Lone_surrogates_and_forbidden_characters_are_dropped_and_pairs_are_kept()
    {
        // A lone high surrogate, a lone low surrogate, U+0001 and U+FFFE around an emoji (a valid pair).
        var channel = Channel("東京\uD800の\uDC00ニュース\u0001😀\uFFFE", "要約\uD83D", "<p>本文\uDC00\u0001です😀</p>");
        var entry = channel.Entries.Single();
        Assert.Equal("東京のニュース😀", entry.Title);
        Assert.Equal("要約", entry.Summary);
        Assert.Contains("<p>本文です😀</p>", entry.ContentHtml);

        var syndication = new SyndicationFeeds(Site);
        foreach (var bytes in new[] { Bytes(stream => syndication.Rss(channel, stream)), Bytes(stream => syndication.Atom(channel, stream)) })
        {
            var text = Encoding.UTF8.GetString(bytes);
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { CheckCharacters = true });
            XDocument.Load(reader);
            Assert.Equal("東京のニュース😀", FeedReader.ReadFromString(text).Items.Single().Title);
            Assert.Equal("Test News", FeedReader.ReadFromString(text).Title);
        }
        var json = Bytes(stream => new JsonFeedBuilder(Site).Build(channel, stream));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("東京のニュース😀", document.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Theory]
    // Long text goes straight to the stream, escaped a run at a time (XmlFeedWriter.PlainText); short text and text
    // with a carriage return go through the writer. Either way a reader gets back exactly the entry's text.
    [InlineData(300, false)]
    [InlineData(5000, false)] // runs of 4096 characters, an emoji's two halves across the cut
    [InlineData(300, true)]
    public void Long_bodies_read_back_exactly_with_their_markup_escaped(int length, bool carriageReturn)
    {
        var html = new StringBuilder("<p>Harga &amp; \"kopi\" naik > 5% di <b>東京</b></p>");
        while (html.Length < length - 2) html.Append(html.Length % 97 == 0 ? "😀" : "語 a&b<c>");
        if (html.Length > 4095) html.Insert(4095, "😀");
        if (carriageReturn) html.Append("\r\n<p>akhir</p>");
        var channel = Channel("t", "s", html.ToString());
        var content = channel.Entries.Single().ContentHtml;
        var syndication = new SyndicationFeeds(Site);

        var rss = XDocument.Parse(Encoding.UTF8.GetString(Bytes(stream => syndication.Rss(channel, stream))));
        var encoded = rss.Descendants(XNamespace.Get("http://purl.org/rss/1.0/modules/content/") + "encoded").Single();
        Assert.Equal(carriageReturn ? content.Replace("\r\n", "\n") : content, encoded.Value);
        var atom = XDocument.Parse(Encoding.UTF8.GetString(Bytes(stream => syndication.Atom(channel, stream))));
        Assert.Equal(carriageReturn ? content.Replace("\r\n", "\n") : content, atom.Descendants(Atom + "content").Single().Value);

        // The very bytes XmlWriter writes for that text, quotes left as they are.
        var written = Encoding.UTF8.GetString(Bytes(stream => syndication.Atom(channel, stream)));
        var expected = new StringBuilder();
        using (var writer = XmlWriter.Create(expected, new XmlWriterSettings { NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace, ConformanceLevel = ConformanceLevel.Fragment }))
            writer.WriteString(content);
        Assert.Contains(">" + expected + "</content>", written);
    }

    [Fact]
    public void Atom_ids_and_dates_are_never_invented()
    {
        var channel = Channel("t", "s", "<p>b</p>");
        var syndication = new SyndicationFeeds(Site);
        var first = Bytes(stream => syndication.Atom(channel, stream));
        Assert.Equal(first, Bytes(stream => syndication.Atom(channel, stream)));
        var root = XDocument.Parse(Encoding.UTF8.GetString(first)).Root!;
        Assert.Equal("https://news.example.org/ja/atom.xml", (string)root.Element(Atom + "id")!);
        Assert.Equal("2026-11-02T08:00:00+07:00", (string)root.Element(Atom + "updated")!);
        // The entry's id is the one it was given (see EntryId), never one the formatter makes up.
        Assert.Equal(channel.Entries.Single().Id, (string)root.Element(Atom + "entry")!.Element(Atom + "id")!);
        Assert.Equal(2, Encoding.UTF8.GetString(first).Split("uuid:").Length);
    }

    /// <summary>
    /// The bytes feeds were written with when each was built as an XDocument and fixed before writing
    /// (see XmlFeedWriter): empty texts (<c>&lt;x /&gt;</c> or <c>&lt;x&gt;&lt;/x&gt;</c> as the formatter
    /// wrote them), namespaces declared on the root only when used, an empty archive.
    /// </summary>
    [Fact]
    public void Empty_texts_and_feeds_are_written_as_they_always_were()
    {
        var date = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(7));
        var entry = new FeedEntry
        {
            Id = "urn:uuid:00000000-0000-5000-8000-000000000000", Url = "https://news.example.org/id/2026/11/s/", Hreflang = "id", Title = "", Summary = "", ContentHtml = "", SummaryHtml = "", Authors = [new FeedPerson("", null)],
            Published = date, Updated = date, Category = new FeedTerm("", "https://news.example.org/id/category/k/"), Tags = [], OtherVersions = [],
        };
        FeedChannel Channel(IReadOnlyList<FeedEntry> entries, string? current) => new()
        {
            Language = Site.Languages[0], Folder = current is null ? "/id/" : "/id/archive/3/", Formats = FeedCatalog.LiveFormats,
            Title = "", Description = "", HomeUrl = "https://news.example.org/id/", Publisher = "", Entries = entries, Updated = date, Hubs = [],
            CurrentFolder = current,
        };
        var syndication = new SyndicationFeeds(Site);

        Assert.Equal("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xml:lang="id" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title />
            <link>https://news.example.org/id/</link>
            <description />
            <language>id</language>
            <lastBuildDate>Mon, 02 Nov 2026 08:00:00 +0700</lastBuildDate>
            <generator>StaticNews</generator>
            <atom:link rel="self" type="application/rss+xml" href="https://news.example.org/id/rss.xml" />
            <item>
              <guid isPermaLink="false">urn:uuid:00000000-0000-5000-8000-000000000000</guid>
              <link>https://news.example.org/id/2026/11/s/</link>
              <category></category>
              <title />
              <description />
              <pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate>
              <atom:updated>2026-11-02T08:00:00+07:00</atom:updated>
              <content:encoded></content:encoded>
              <dc:creator></dc:creator>
            </item>
          </channel>
        </rss>
        """ + "\n", Encoding.UTF8.GetString(Bytes(stream => syndication.Rss(Channel([entry], null), stream))));
        Assert.Equal("""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xml:lang="id" xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0">
          <title type="text"></title>
          <subtitle type="text"></subtitle>
          <id>https://news.example.org/id/archive/3/atom.xml</id>
          <updated>2026-11-02T08:00:00+07:00</updated>
          <author>
            <name />
          </author>
          <generator>StaticNews</generator>
          <link rel="alternate" type="text/html" href="https://news.example.org/id/" />
          <link rel="self" type="application/atom+xml" href="https://news.example.org/id/archive/3/atom.xml" />
          <link rel="current" type="application/atom+xml" href="https://news.example.org/id/atom.xml" />
          <fh:archive></fh:archive>
        </feed>
        """ + "\n", Encoding.UTF8.GetString(Bytes(stream => syndication.Atom(Channel([], "/id/"), stream))));
    }
}
