using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.FeedFiles;

namespace StaticNews.Tests.Feeds;

[Collection("sample site")]
public sealed class SampleFeedsTests(SampleSiteFixture site)
{
    private const string Base = "https://kabar-nusantara.example.org";
    private static readonly string[] Languages = ["id", "en", "zh", "ja", "ar", "fr"];
    private static readonly HtmlParser Parser = new();

    private string File(string sitePath) => Path.Combine(site.Output, sitePath.TrimStart('/'));
    private IDocument Page(string sitePath) => Parser.ParseDocument(site.Read(Permalink(sitePath)));
    private static string Permalink(string url) => (url.StartsWith(Base) ? url[Base.Length..] : url).TrimStart('/') is var p && (p.EndsWith('/') || p == "") ? p + "index.html" : p;
    private static string Hreflang(string language) => language == "zh" ? "zh-Hans" : language;

    /// <summary>Layout indentation aside: Scriban indents inserted markup to the line it is placed on.</summary>
    private static string Collapse(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " ");

    [Fact]
    public void Every_language_and_category_has_all_three_feeds()
    {
        var feeds = All(site.Output);
        foreach (var language in Languages)
        {
            Assert.Contains($"/{language}/rss.xml", feeds);
            Assert.Contains($"/{language}/atom.xml", feeds);
            Assert.Contains($"/{language}/feed.json", feeds);
            // Six stories, fewer than twice feedSize (50): every one is in the live feed, none archived yet (see FeedBuildTests).
            Assert.False(Directory.Exists(File($"/{language}/archive/")));
        }
        foreach (var category in new[] { "ekonomi", "lingkungan", "olahraga" })
            foreach (var file in new[] { "rss.xml", "atom.xml", "feed.json" })
                Assert.Contains($"/en/category/{category}/{file}", feeds);
    }

    [Fact]
    public void Every_xml_feed_is_utf8_declared_well_formed_and_uses_the_atom_prefix()
    {
        foreach (var path in All(site.Output).Where(p => p.EndsWith(".xml")))
        {
            var bytes = System.IO.File.ReadAllBytes(File(path));
            Assert.NotEqual(0xEF, bytes[0]); // no byte order mark
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", System.Text.Encoding.UTF8.GetString(bytes));
            var document = LoadXml(File(path));
            Assert.DoesNotContain("a10", System.Text.Encoding.UTF8.GetString(bytes));
            if (document.Root!.Name == "rss")
                Assert.Equal("atom", document.Root.GetPrefixOfNamespace(Atom));
        }
    }

    [Fact]
    public void Each_feed_is_in_one_language_with_a_self_link_where_it_is_served()
    {
        foreach (var path in All(site.Output))
        {
            var language = LanguageOf(path);
            var text = site.Read(path.TrimStart('/'));
            var feed = FeedReader.ReadFromString(text);
            // (The library reads RSS <language> and JSON language; Atom's xml:lang is checked below.)
            if (feed.Type != FeedType.Atom) Assert.True(Hreflang(language) == feed.Language, $"{path}: language {feed.Language}");
            Assert.All(feed.Items, item => Assert.StartsWith($"{Base}/{language}/", item.Link));
            Assert.All(feed.Items, item => Assert.StartsWith("urn:uuid:", item.Id));
            Assert.Equal(feed.Items.Count, feed.Items.Select(i => i.Id).Distinct().Count());
            switch (feed.SpecificFeed)
            {
                // (The library reads an RSS feed that has Media RSS elements as a MediaRssFeed.)
                case Rss20Feed or MediaRssFeed:
                    var rss = LoadXml(File(path)).Root!;
                    Assert.Equal(Hreflang(language), (string?)rss.Attribute(XNamespace.Xml + "lang"));
                    var self = rss.Element("channel")!.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
                    Assert.Equal(Base + path, (string?)self.Attribute("href"));
                    Assert.All(rss.Descendants("guid"), g => Assert.Equal("false", (string?)g.Attribute("isPermaLink")));
                    break;
                case AtomFeed atom:
                    Assert.Equal(Base + path, atom.Links.Single(l => l.Relation == "self").Href);
                    Assert.Equal(Hreflang(language), (string?)LoadXml(File(path)).Root!.Attribute(XNamespace.Xml + "lang"));
                    Assert.Equal($"{Base}{path}", atom.Id);
                    break;
                case JsonFeed json:
                    Assert.Equal(Base + path, json.FeedUrl);
                    break;
                default:
                    Assert.Fail($"{path}: unexpected feed type {feed.Type}");
                    break;
            }
        }
    }

    [Fact]
    public void Entries_are_the_newest_first_with_links_to_pages_of_their_language_and_ids_that_are_not_addresses()
    {
        var feed = FeedReader.ReadFromString(site.Read("en/atom.xml"));
        Assert.Equal(6, feed.Items.Count);
        var dates = feed.Items.Select(i => ((AtomFeedItem)i.SpecificItem).PublishedDate!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        foreach (var item in feed.Items)
        {
            Assert.StartsWith("urn:uuid:", item.Id);
            var page = Page(item.Link);
            Assert.Equal(item.Link, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        }
        // The feed's updated date is its newest entry's change (krl-tembus-karawang's update), not the clock.
        var updated = (string)LoadXml(File("/en/atom.xml")).Root!.Element(Atom + "updated")!;
        Assert.Equal("2026-11-15T22:40:00+07:00", updated);
    }

    [Fact]
    public void An_entrys_one_alternate_link_is_its_own_page_and_the_other_versions_are_related_links_with_hreflang()
    {
        foreach (var language in Languages)
        {
            List<(string?, string)> OtherVersions(string page) => Page(page).QuerySelectorAll("link[rel=alternate][hreflang]")
                .Where(l => l.GetAttribute("hreflang") != "x-default" && l.GetAttribute("href") != page)
                .Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href")!))
                .OrderBy(l => l.Item1, StringComparer.Ordinal).ToList();
            foreach (var entry in LoadXml(File($"/{language}/atom.xml")).Root!.Elements(Atom + "entry"))
            {
                var page = Links(entry, "alternate").Single().Href;
                Assert.StartsWith($"{Base}/{language}/", page);
                Assert.Equal([(Hreflang(language), page)], Links(entry, "alternate"));
                Assert.Equal(OtherVersions(page), Links(entry, "related").OrderBy(l => l.Hreflang, StringComparer.Ordinal).ToList());
            }
            foreach (var item in LoadXml(File($"/{language}/rss.xml")).Root!.Descendants("item"))
            {
                var link = (string)item.Element("link")!;
                Assert.StartsWith($"{Base}/{language}/", link);
                Assert.Empty(Links(item, "alternate")); // <link> is the item's one alternate
                Assert.Equal(OtherVersions(link), Links(item, "related").OrderBy(l => l.Hreflang, StringComparer.Ordinal).ToList());
            }
        }
    }

    [Fact]
    public void Every_entrys_content_says_its_language_and_direction_for_readers_that_ignore_xml_lang()
    {
        foreach (var language in Languages)
        {
            var atom = LoadXml(File($"/{language}/atom.xml")).Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "content")!);
            var rss = LoadXml(File($"/{language}/rss.xml")).Root!.Descendants(ContentModule + "encoded").Select(e => (string)e);
            using var json = JsonDocument.Parse(site.Read($"{language}/feed.json"));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content_html").GetString()!).ToList();
            var contents = atom.Concat(rss).Concat(items).ToList();
            Assert.NotEmpty(contents);
            foreach (var content in contents)
            {
                var body = Parser.ParseDocument($"<body>{content}</body>").Body!;
                var wrapper = Assert.Single(body.Children);
                Assert.Equal("DIV", wrapper.TagName);
                Assert.Equal(Hreflang(language), wrapper.GetAttribute("lang"));
                Assert.Equal(language == "ar" ? "rtl" : "ltr", wrapper.GetAttribute("dir"));
                Assert.True(wrapper.TextContent.Trim().Length > 0);
            }
        }
    }

    [Fact]
    public void Content_has_only_absolute_urls_and_the_notice_on_machine_translations_only()
    {
        var machine = 0;
        foreach (var language in Languages)
        {
            var rss = LoadXml(File($"/{language}/rss.xml")).Root!;
            var atom = LoadXml(File($"/{language}/atom.xml")).Root!;
            using var json = JsonDocument.Parse(site.Read($"{language}/feed.json"));
            var contents = rss.Descendants("item").Select(i => ((string)i.Element("link")!, (string)i.Element(ContentModule + "encoded")!))
                .Concat(atom.Elements(Atom + "entry").Select(e => (Links(e, "alternate").Single().Href, (string)e.Element(Atom + "content")!)))
                .Concat(json.RootElement.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("url").GetString()!, i.GetProperty("content_html").GetString()!)));
            foreach (var (url, html) in contents)
            {
                var content = Parser.ParseDocument($"<body>{html}</body>");
                foreach (var element in content.QuerySelectorAll("[href], [src]"))
                {
                    var value = element.GetAttribute("href") ?? element.GetAttribute("src")!;
                    Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto", $"{url}: relative URL '{value}'");
                }
                var page = Page(url);
                var kind = page.QuerySelector("article.story")!.GetAttribute("data-translation");
                var notice = content.QuerySelector(".translation-notice");
                if (kind == "machine")
                {
                    machine++;
                    Assert.NotNull(notice);
                    // The very markup of the page: one rendering for both.
                    Assert.Equal(Collapse(page.QuerySelector(".translation-notice")!.OuterHtml), Collapse(notice.OuterHtml));
                }
                else Assert.Null(notice);
            }
        }
        Assert.True(machine > 0);
    }

    [Fact]
    public void The_story_image_is_Media_RSS_in_RSS_an_enclosure_in_Atom_and_the_image_of_JSON_Feed()
    {
        var rss = (MediaRssFeedItem)FeedReader.ReadFromString(site.Read("en/rss.xml")).Items.Single(i => i.Link.Contains("terumbu")).SpecificItem;
        var media = Assert.Single(rss.Media);
        var url = media.Url;
        Assert.StartsWith($"{Base}/images/", url);
        Assert.Equal("image", media.Medium.ToString().ToLowerInvariant());
        // The declared size, type and length are those of the published file.
        var file = Path.Combine(site.Output, new Uri(url).AbsolutePath.TrimStart('/'));
        using (var published = NetVips.Image.NewFromFile(file))
        {
            Assert.Equal((published.Width, published.Height), (media.Width!.Value, media.Height!.Value));
            Assert.Equal(published.Get("vips-loader") is "pngload" ? "image/png" : "image/jpeg", media.Type);
        }
        Assert.Equal(new FileInfo(file).Length, media.FileSize);
        var thumbnail = Assert.Single(media.Thumbnails);
        using (var small = NetVips.Image.NewFromFile(Path.Combine(site.Output, new Uri(thumbnail.Url).AbsolutePath.TrimStart('/'))))
            Assert.Equal((small.Width, small.Height), (thumbnail.Width!.Value, thumbnail.Height!.Value));
        Assert.Equal(url, rss.Enclosure.Url);
        Assert.Equal(new FileInfo(file).Length, (long?)rss.Enclosure.Length);

        var atom = (AtomFeedItem)FeedReader.ReadFromString(site.Read("en/atom.xml")).Items.Single(i => i.Link.Contains("terumbu")).SpecificItem;
        var enclosure = atom.Links.Single(l => l.Relation == "enclosure");
        Assert.Equal(url, enclosure.Href);
        Assert.Equal(new FileInfo(file).Length, (long?)enclosure.Length);
        Assert.Equal(media.Type, enclosure.LinkType);

        var json = (JsonFeedItem)FeedReader.ReadFromString(site.Read("en/feed.json")).Items.Single(i => i.Link.Contains("terumbu")).SpecificItem;
        Assert.Equal(url, json.Image);
        // Only stories with an image have one: one media:content per story image in the feed, each with its enclosure.
        var withImages = Directory.GetFiles(Path.Combine(Repo.SampleInput, "articles"), "en.md", SearchOption.AllDirectories)
            .Count(f => System.IO.File.ReadAllText(f).Contains("\nimage:") || System.IO.File.ReadAllText(Path.Combine(Path.GetDirectoryName(f)!, "id.md")).Contains("\nimage:"));
        var document = LoadXml(File("/en/rss.xml"));
        Assert.Equal(withImages, document.Descendants(XNamespace.Get("http://search.yahoo.com/mrss/") + "content").Count());
        Assert.Equal(withImages, document.Descendants("enclosure").Count());
    }

    [Fact]
    public void Entries_carry_author_category_tags_and_dates_from_the_content()
    {
        var item = FeedReader.ReadFromString(site.Read("en/atom.xml")).Items.Single(i => i.Link.EndsWith("/kopi-gayo-tembus-jepang/"));
        Assert.Equal("Teuku Faisal Hakim", item.Author);
        var atom = (AtomFeedItem)item.SpecificItem;
        Assert.Equal(new DateTime(2026, 10, 14, 8, 20, 0), atom.PublishedDate!.Value.ToUniversalTime());
        var categories = LoadXml(File("/en/atom.xml")).Root!.Elements(Atom + "entry")
            .Single(e => Links(e, "alternate").Single().Href.EndsWith("/kopi-gayo-tembus-jepang/"))
            .Elements(Atom + "category").Select(c => ((string?)c.Attribute("term"), (string?)c.Attribute("scheme"))).ToList();
        // The names readers show (term), from taxonomy.yml; the scheme is the listing of that category or tag in the feed's language.
        Assert.Equal(["Economy", "Coffee", "Food", "Aceh", "Japan"], categories.Select(c => c.Item1));
        Assert.All(categories, c => Assert.True(c.Item2!.StartsWith($"{Base}/en/") && System.IO.File.Exists(File(c.Item2[Base.Length..] + "index.html")), c.Item2));

        var rss = FeedReader.ReadFromString(site.Read("en/rss.xml")).Items.Single(i => i.Link.EndsWith("/kopi-gayo-tembus-jepang/"));
        Assert.Equal("Teuku Faisal Hakim", ((MediaRssFeedItem)rss.SpecificItem).DC.Creator);
        Assert.Equal(["Economy", "Coffee", "Food", "Aceh", "Japan"], rss.Categories);
    }

    [Fact]
    public void Json_feed_is_version_1_1_with_language_and_items()
    {
        using var json = JsonDocument.Parse(site.Read("ja/feed.json"));
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("ja", root.GetProperty("language").GetString());
        Assert.Equal($"{Base}/ja/", root.GetProperty("home_page_url").GetString());
        Assert.Equal("ヌサンタラ・ニュース", root.GetProperty("title").GetString());
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            Assert.StartsWith($"{Base}/ja/", item.GetProperty("url").GetString());
            Assert.StartsWith("urn:uuid:", item.GetProperty("id").GetString());
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), out _));
        }
        Assert.False(root.TryGetProperty("hubs", out _)); // none configured in the sample
    }

    [Fact]
    public void Category_pages_advertise_their_feeds_and_every_page_the_language_feeds()
    {
        var page = Page("/fr/category/ekonomi/");
        var feeds = page.QuerySelectorAll("head link[rel=alternate][type]").Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();
        foreach (var (type, file) in new[] { ("application/rss+xml", "rss.xml"), ("application/atom+xml", "atom.xml"), ("application/feed+json", "feed.json") })
        {
            Assert.Contains((type, $"{Base}/fr/{file}"), feeds);
            Assert.Contains((type, $"{Base}/fr/category/ekonomi/{file}"), feeds);
            Assert.True(System.IO.File.Exists(File($"/fr/category/ekonomi/{file}")));
        }
        var story = Page("/fr/2026/10/kopi-gayo-tembus-jepang/");
        Assert.Equal(3, story.QuerySelectorAll("head link[rel=alternate][type]").Length);
    }

    [Fact]
    public void Opml_lists_every_live_and_category_rss_and_atom_feed_grouped_by_language_but_not_the_tag_or_author_feeds()
    {
        var opml = LoadXml(File("/feeds.opml")).Root!;
        Assert.Equal("2.0", (string?)opml.Attribute("version"));
        var groups = opml.Element("body")!.Elements("outline").ToList();
        // A folder per language, named in that language, with its text alone.
        Assert.Equal(["Bahasa Indonesia", "English", "中文", "日本語", "العربية", "Français"], groups.Select(g => (string?)g.Attribute("text")));
        Assert.All(groups, g => Assert.Equal(["text"], g.Attributes().Select(a => a.Name.LocalName)));
        var listed = groups.SelectMany(g => g.Elements("outline")).Select(o => (string)o.Attribute("xmlUrl")!).Order(StringComparer.Ordinal).ToList();
        // RSS and Atom only: most readers cannot read JSON Feed, and newsboat and sfeed import it and then fail on every refresh.
        var live = All(site.Output).Where(p => !p.Contains("/archive/") && !p.Contains("/tag/") && !p.Contains("/author/") && p.EndsWith(".xml")).Select(p => Base + p).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(All(site.Output), p => p.Contains("/tag/"));
        Assert.Contains(All(site.Output), p => p.Contains("/author/"));
        Assert.Equal(live, listed);
        Assert.All(groups.Zip(Languages), g => Assert.All(g.First.Elements("outline"), o =>
        {
            Assert.Equal("rss", (string?)o.Attribute("type"));
            Assert.Equal(Hreflang(g.Second), (string?)o.Attribute("language"));
            Assert.StartsWith($"{Base}/{g.Second}/", (string)o.Attribute("xmlUrl")!);
        }));
    }

    [Fact]
    public void Each_language_has_a_feeds_page_linking_its_feeds()
    {
        foreach (var language in Languages)
        {
            var page = Page($"/{language}/feeds/");
            Assert.Equal(Hreflang(language), page.DocumentElement.GetAttribute("lang"));
            var links = page.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Contains($"{Base}/{language}/rss.xml", links);
            Assert.Contains($"{Base}/{language}/category/ekonomi/atom.xml", links);
            Assert.Contains("/feeds.opml", links);
            Assert.All(links.Where(l => l.StartsWith(Base)), l => Assert.True(System.IO.File.Exists(File(l[Base.Length..])), l));
        }
        Assert.Contains(Page("/en/").QuerySelectorAll("footer a[href]"), a => a.GetAttribute("href") == "/en/feeds/");
    }
}
