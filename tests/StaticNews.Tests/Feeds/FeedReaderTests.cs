using AngleSharp.Html.Parser;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.FeedFiles;

namespace StaticNews.Tests.Feeds;

/// <summary>
/// Every RSS and Atom feed of the sample read by real feed readers (see <see cref="FeedReaders"/>), checked for what a
/// subscriber notices: the link of each entry opens the story in the feed's own language, and the categories are
/// shown in that language. Readers pick an entry's link differently (the first alternate, the last, RSS's link or the
/// first atom:link), so this holds for all of them only if an entry offers its own page alone.
/// </summary>
[Collection("sample site")]
public sealed class FeedReaderTests(SampleSiteFixture site)
{
    private const string Base = "https://kabar-nusantara.example.org/";
    private static readonly HtmlParser Parser = new();

    /// <summary>Every RSS and Atom feed file of the sample, as a file path.</summary>
    private IReadOnlyList<string> Files { get; } = All(site.Output).Where(p => p.EndsWith(".xml")).Select(p => Path.Combine(site.Output, p.TrimStart('/'))).ToList();

    private string SitePath(string file) => "/" + Path.GetRelativePath(site.Output, file).Replace('\\', '/');

    /// <summary>
    /// Each feed read whole and without complaint; each entry's link a story page of the site whose language is the feed's
    /// and which names itself canonical; no page twice; and, where the reader shows categories, the names the page shows.
    /// </summary>
    private void AssertReadAsPublished(string reader, IReadOnlyDictionary<string, ReadFeed> feeds)
    {
        Assert.Equal(Files.Order(), feeds.Keys.Order());
        foreach (var (file, feed) in feeds)
        {
            var path = SitePath(file);
            Assert.True(feed.Problem is null, $"{reader}: {path}: {feed.Problem}");
            var document = LoadXml(file);
            var language = (string?)document.Root!.Attribute(System.Xml.Linq.XNamespace.Xml + "lang");
            var count = document.Root.Name == Atom + "feed" ? document.Root.Elements(Atom + "entry").Count() : document.Root.Element("channel")!.Elements("item").Count();
            Assert.True(count > 0, path);
            Assert.True(count == feed.Entries.Count, $"{reader}: {path}: {feed.Entries.Count} entries of {count}");
            Assert.Equal(feed.Entries.Count, feed.Entries.Select(e => e.Link).Distinct().Count());
            foreach (var entry in feed.Entries)
            {
                Assert.NotNull(entry.Link);
                Assert.True(entry.Link!.StartsWith(Base), $"{reader}: {path}: {entry.Link}");
                var page = Parser.ParseDocument(site.Read(StaticNews.Stories.Permalinks.FileFor(entry.Link[(Base.Length - 1)..])));
                Assert.True(page.DocumentElement.GetAttribute("lang") == language,
                    $"{reader}: an entry of {path} ({language}) opens {entry.Link}, a page in {page.DocumentElement.GetAttribute("lang")}");
                Assert.Equal(entry.Link, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
                if (entry.Categories is null) continue;
                var shown = page.QuerySelectorAll(".story-category a, .story-tags a[rel=tag]").Select(a => a.TextContent.Trim()).ToList();
                Assert.True(shown.SequenceEqual(entry.Categories), $"{reader}: {path}: {entry.Link} shows categories [{string.Join(", ", entry.Categories)}], the page [{string.Join(", ", shown)}]");
            }
        }
    }

    [Fact]
    public void Python_feedparser_reads_every_feed_without_complaint_as_served_links_each_entry_to_its_page_and_names_categories_in_its_language()
    {
        using var temp = new TempDir();
        // Served with the Content-Type that _headers gives it: feedparser flags a type or charset that disagrees with the file.
        var rules = HeaderRule.Parse(site.Read("_headers"));
        var served = Files.ToDictionary(f => f, f => HeaderRule.ValueFor(rules, SitePath(f), "Content-Type") ?? "text/xml");
        AssertReadAsPublished("feedparser", FeedReaders.Feedparser(served, temp));
    }

    [Fact]
    public void Newsboat_links_each_entry_to_its_page()
    {
        using var temp = new TempDir();
        AssertReadAsPublished("newsboat", FeedReaders.Newsboat(Files, temp));
    }

    [Fact]
    public void Sfeed_links_each_entry_to_its_page_and_names_categories_in_its_language() =>
        AssertReadAsPublished("sfeed", FeedReaders.Sfeed(Files));

    [Fact]
    public void Gofeed_links_each_entry_to_its_page_and_names_categories_in_its_language() =>
        AssertReadAsPublished("gofeed", FeedReaders.Gofeed(Files));

    [Fact]
    public void Rome_links_each_entry_to_its_page_and_names_categories_in_its_language() =>
        AssertReadAsPublished("ROME", FeedReaders.Rome(Files));
}
