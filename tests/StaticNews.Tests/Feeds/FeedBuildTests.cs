using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.FeedFiles;

namespace StaticNews.Tests.Feeds;

public sealed class FeedBuildTests
{
    private static string Story(string title, string date, string body, string extra = "") =>
        $"---\ntitle: \"{title}\"\ndate: {date}\ncategory: ekonomi\n{extra}---\n{body}\n";

    [Fact]
    public void Control_characters_noncharacters_and_surrogate_references_in_an_article_never_break_a_feed()
    {
        using var temp = new TempDir();
        // Raw U+0001 and U+FFFE in the file, the same as Markdown character references (which the
        // renderer decodes after the file was read), and a lone surrogate as a character reference.
        // (Bytes that are not UTF-8 at all are refused with a diagnostic: see BadInputTests.)
        var body = "Harga \u0001cabai &#1; naik\uFFFE tajam &#xFFFE; di pasar.\n\n![](foto.png) [lihat](../lain/)";
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/cabai/id.md"] = Story("Harga cabai\u0001 naik", "2026-11-02T08:00:00+07:00", body),
        });
        var en = Encoding.UTF8.GetBytes("---\ntitle: \"Chili prices\u0001 rise\"\n---\nChili \u0001prices &#1; &#xD800; rise.\n");
        File.WriteAllBytes(Path.Combine(input, "articles/cabai/en.md"), en);
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));

        foreach (var path in All(output))
        {
            var text = File.ReadAllText(Path.Combine(output, path.TrimStart('/')));
            Assert.DoesNotContain('\u0001', text);
            Assert.DoesNotContain('\uFFFE', text);
            Assert.False(HasLoneSurrogate(text), path);
            if (path.EndsWith(".xml")) LoadXml(Path.Combine(output, path.TrimStart('/'))); // strict reader: throws on any invalid character
            else JsonDocument.Parse(text);
            Assert.Equal(LanguageOf(path) == "ar" ? 0 : 1, FeedReader.ReadFromString(text).Items.Count); // no Arabic version
        }
        var id = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "id", "atom.xml"))).Items.Single();
        Assert.Equal("Harga cabai naik", id.Title);
        Assert.Contains("Harga cabai  naik tajam  di pasar.", id.Content);
        // The relative links of that body became absolute.
        Assert.Contains("src=\"https://news.example.org/id/2026/11/cabai/foto.png\"", id.Content);
        Assert.Contains("href=\"https://news.example.org/id/2026/11/lain/\"", id.Content);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    [Fact]
    public void Building_twice_gives_identical_feed_bytes_whatever_the_clock()
    {
        using var temp = new TempDir();
        var first = temp.Combine("first");
        var second = temp.Combine("second");
        Assert.True(SiteBuild.Run(Repo.SampleInput, first).Success);
        Assert.True(SiteBuild.Run(Repo.SampleInput, second, new BuildClock(SiteBuild.SampleClock.Now.AddYears(3))).Success);
        var files = All(first).Append("/feeds.opml").ToList();
        Assert.Equal(files.Count - 1, All(second).Count);
        Assert.True(files.Count > 100);
        foreach (var path in files)
            Assert.True(File.ReadAllBytes(first + path).AsSpan().SequenceEqual(File.ReadAllBytes(second + path)), $"{path} differs between builds");
    }

    /// <summary>Indonesian stories numbered from <paramref name="first"/>, one a day from <paramref name="start"/>: file, text and permalink.</summary>
    private static List<(string File, string Text, string Url)> Stories(int first, int count, DateTimeOffset start) =>
        Enumerable.Range(first, count).Select(i => (start.AddDays(i - first), i)).Select(s => (
            $"articles/s{s.i:D3}/id.md",
            Story($"Cerita {s.i}", s.Item1.ToString("yyyy-MM-dd'T'HH:mm:sszzz"), $"Isi {s.i}."),
            $"https://news.example.org/id/{s.Item1:yyyy}/{s.Item1:MM}/s{s.i:D3}/")).ToList();

    private static IReadOnlyList<XElement> Entries(XDocument feed) =>
        feed.Root!.Name == Atom + "feed" ? feed.Root.Elements(Atom + "entry").ToList() : feed.Root.Element("channel")!.Elements("item").ToList();

    private static string? Link(XDocument feed, string rel) =>
        (string?)(feed.Root!.Element("channel") ?? feed.Root).Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href");

    /// <summary>The page an Atom entry or an RSS item is about (its one alternate link).</summary>
    private static string PageOf(XElement entry) => (string?)entry.Element("link") ?? Links(entry, "alternate").Single().Href;

    /// <summary>The pages met walking prev-archive from the live feed, in order, checking on the way that every RFC 5005 link leads to a file.</summary>
    private static List<string> WalkBack(string output, string liveFeed)
    {
        var seen = new List<string>();
        string? next = liveFeed;
        while (next is not null)
        {
            var feed = LoadXml(Path.Combine(output, next));
            seen.AddRange(Entries(feed).Select(PageOf));
            foreach (var rel in (string[])["self", "current", "prev-archive", "next-archive"])
                if (Link(feed, rel) is { } href)
                    Assert.True(File.Exists(Path.Combine(output, new Uri(href).AbsolutePath.TrimStart('/'))), $"{next}: {rel} {href} leads nowhere");
            next = Link(feed, "prev-archive") is { } previous ? new Uri(previous).AbsolutePath.TrimStart('/') : null;
        }
        return seen;
    }

    [Fact]
    public void Archives_keep_their_entries_when_stories_arrive_and_walking_back_from_the_live_feed_meets_every_story_once()
    {
        using var temp = new TempDir();
        var site = SiteBuild.MinimalSiteYml + "\nfeedSize: 4\n";
        // 23 stories from 20 October to 11 November, one a day at 10:00 in Jakarta.
        var first = Stories(0, 23, new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(7)));
        var input = SiteBuild.WriteSite(temp, first.ToDictionary(s => s.File, s => s.Text), site);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        var archives = Directory.GetDirectories(Path.Combine(output, "id", "archive")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["1", "2", "3", "4"], archives); // 23 stories: 4 full pages of 4 leave 7 (at least 4) to the live feed
        Assert.Equal(7, Entries(LoadXml(Path.Combine(output, "id/atom.xml"))).Count);
        var before = archives.SelectMany(a => (string[])[$"id/archive/{a}/atom.xml", $"id/archive/{a}/rss.xml"])
            .ToDictionary(f => f, f => LoadXml(Path.Combine(output, f)));
        Assert.Null(Link(LoadXml(Path.Combine(output, "id/archive/4/atom.xml")), "next-archive")); // no page 5 yet: no link to it

        // Two more later in November (12 and 13 November), six in December; then build again.
        var later = Stories(23, 2, new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.FromHours(7)))
            .Concat(Stories(25, 6, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(7)))).ToList();
        foreach (var (file, text, _) in later)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(input, file))!);
            File.WriteAllText(Path.Combine(input, file), text);
        }
        Assert.True(SiteBuild.Run(input, output, new BuildClock(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))).Success);

        // Every archive document is as it was, but for the next-archive link the newest one gained.
        foreach (var (file, was) in before)
        {
            var now = LoadXml(Path.Combine(output, file));
            Assert.Equal(Entries(was).Select(e => e.ToString()), Entries(now).Select(e => e.ToString()));
            if (file.StartsWith("id/archive/4/"))
            {
                Assert.Null(Link(was, "next-archive"));
                (now.Root!.Element("channel") ?? now.Root).Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "next-archive").Remove();
            }
            foreach (var document in (XDocument[])[was, now])
                document.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList().ForEach(t => t.Remove());
            Assert.Equal(was.ToString(), now.ToString());
        }
        Assert.EndsWith("/id/archive/5/atom.xml", Link(LoadXml(Path.Combine(output, "id/archive/4/atom.xml")), "next-archive"));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], Directory.GetDirectories(Path.Combine(output, "id", "archive")).Select(Path.GetFileName).Order());

        var all = first.Concat(later).Select(s => s.Url).Order().ToList();
        foreach (var live in (string[])["id/atom.xml", "id/rss.xml"])
        {
            var walked = WalkBack(output, live);
            Assert.Equal(all, walked.Order().ToList()); // every story, none twice
        }
    }

    [Fact]
    public void The_live_feed_holds_the_newest_stories_no_archive_holds_and_at_least_feed_size()
    {
        using var temp = new TempDir();
        var files = new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Story("A", "2026-11-01T10:00:00+07:00", "A."),
            ["articles/b/id.md"] = Story("B", "2026-11-03T10:00:00+07:00", "B."),
            ["articles/c/id.md"] = Story("C", "2026-11-02T10:00:00+07:00", "C."),
            ["articles/d/id.md"] = Story("D", "2026-11-05T10:00:00+07:00", "D."),
            ["articles/e/id.md"] = Story("E", "2026-11-04T10:00:00+07:00", "E."),
        };
        var input = SiteBuild.WriteSite(temp, files, SiteBuild.MinimalSiteYml + "\nfeedSize: 2\n");
        var output = temp.Combine("output");
        IEnumerable<string> Titles(string feed) => FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, feed))).Items.Select(i => i.Title);

        // Five stories: one full page of two could be archived, but archives begin two pages at a time (every archive links another).
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(["D", "E", "B", "C", "A"], Titles("id/rss.xml"));
        Assert.False(Directory.Exists(Path.Combine(output, "id/archive")));
        Assert.Null(Link(LoadXml(Path.Combine(output, "id/rss.xml")), "prev-archive"));

        // Seven: the two oldest pages are archives, the live feed keeps the three newest (at least two).
        foreach (var (key, day) in new[] { ("f", 7), ("g", 6) })
        {
            Directory.CreateDirectory(Path.Combine(input, "articles", key));
            File.WriteAllText(Path.Combine(input, "articles", key, "id.md"), Story(key.ToUpperInvariant(), $"2026-11-0{day}T10:00:00+07:00", "."));
        }
        Assert.True(SiteBuild.Run(input, output, new BuildClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero))).Success);
        Assert.Equal(["F", "G", "D"], Titles("id/rss.xml"));
        Assert.Equal(["E", "B"], Titles("id/archive/2/rss.xml"));
        Assert.Equal(["C", "A"], Titles("id/archive/1/rss.xml"));
        Assert.EndsWith("/id/archive/2/rss.xml", Link(LoadXml(Path.Combine(output, "id/rss.xml")), "prev-archive"));
        Assert.False(Directory.Exists(Path.Combine(output, "id/archive/3")));
        // The JSON Feed (no archives: RFC 5005 is Atom's) holds the same stories as the live RSS and Atom feeds.
        Assert.Equal(3, JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "id/feed.json"))).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void A_category_feed_holds_its_newest_stories_newest_first_and_stories_of_one_moment_in_the_order_of_their_addresses()
    {
        using var temp = new TempDir();
        // Twenty stories over five moments, four at each, their folders named out of their dates' order.
        var random = new Random(24);
        var stories = Enumerable.Range(0, 20)
            .Select(i => (Slug: $"cerita-{random.Next(1000, 9999)}-{i}", Date: new DateTimeOffset(2026, 11, 1 + i % 5, 10, 0, 0, TimeSpan.FromHours(7))))
            .ToList();
        var files = stories.ToDictionary(s => $"articles/{s.Slug}/id.md", s => Story(s.Slug, s.Date.ToString("yyyy-MM-ddTHH:mm:sszzz"), "."));
        var input = SiteBuild.WriteSite(temp, files, SiteBuild.MinimalSiteYml + "\nfeedSize: 6\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output, new BuildClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero))).Success);

        // What a reader of the category's feed sees: its six newest, newest first; of one moment, by the address they link.
        var feed = FeedReader.ReadFromString(File.ReadAllText(Path.Combine(output, "id/category/ekonomi/rss.xml")));
        var expected = stories.OrderByDescending(s => s.Date).ThenBy(s => $"/id/2026/11/{s.Slug}/", StringComparer.Ordinal).Take(6).Select(s => s.Slug);
        Assert.Equal(expected, feed.Items.Select(i => i.Title));
        Assert.All(feed.Items.Zip(expected), pair => Assert.EndsWith($"/id/2026/11/{pair.Second}/", pair.First.Link));
    }

    /// <summary>
    /// Six stories a day apart (feedSize 2: archive pages 1 and 2, the two newest live), each an Indonesian original and a
    /// machine-translated English version with a summary holding markup characters; the oldest one corrected.
    /// </summary>
    private static string SummarisedSite(TempDir temp)
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 6; i++)
        {
            var correction = i == 0 ? "corrections: [{ date: 2026-10-25T10:00:00+07:00, text: Angka diperbaiki }]\n" : "";
            files[$"articles/s{i}/id.md"] = Story($"Cerita {i}", $"2026-10-{20 + i}T10:00:00+07:00", $"Isi lengkap cerita {i}.",
                $"summary: \"Ringkasan {i}: harga <naik> & turun\"\n{correction}");
            files[$"articles/s{i}/en.md"] = $"---\ntitle: Story {i}\nsummary: \"Summary {i}: prices <up> & down\"\n---\nThe whole story {i}.\n";
        }
        var input = SiteBuild.WriteSite(temp, files, SiteBuild.MinimalSiteYml + "\nfeedSize: 2\n");
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return output;
    }

    /// <summary>The RSS and Atom files read by python-feedparser, each with the Content-Type it is served with.</summary>
    private static IReadOnlyDictionary<string, ReadFeed> Feedparser(IEnumerable<string> files, TempDir temp) =>
        FeedReaders.Feedparser(files.ToDictionary(f => f, f => f.EndsWith("atom.xml") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8"), temp);

    [Fact]
    public void Archive_entries_carry_the_summary_with_the_notices_and_the_live_feed_the_whole_story()
    {
        using var temp = new TempDir();
        var output = SummarisedSite(temp);
        const string Base = "https://news.example.org";
        var archives = new[] { "archive/1/atom.xml", "archive/1/rss.xml", "archive/2/atom.xml", "archive/2/rss.xml" };
        var live = new[] { "atom.xml", "rss.xml" };
        foreach (var (language, summary, body) in new[] { ("id", "Ringkasan {0}: harga <naik> & turun", "Isi lengkap cerita {0}."), ("en", "Summary {0}: prices <up> & down", "The whole story {0}.") })
        {
            var files = archives.Concat(live).Select(f => Path.Combine(output, language, f)).ToList();
            var read = Feedparser(files, temp);
            foreach (var file in files)
            {
                var archived = file.Contains("/archive/");
                var feed = LoadXml(file);
                var entries = Entries(feed);
                Assert.Equal(2, entries.Count);
                Assert.Equal(entries.Count, read[file].Entries.Count);
                foreach (var (entry, byReader) in entries.Zip(read[file].Entries))
                {
                    var story = int.Parse(PageOf(entry).TrimEnd('/').Split('/')[^1][1..]);
                    var content = (string?)entry.Element(Atom + "content") ?? (string?)entry.Element(ContentModule + "encoded");
                    var summaryElement = entry.Element(Atom + "summary") ?? entry.Element("description")!;
                    if (!archived)
                    {
                        // The live feed: the whole story, as a reader shows it without opening the page.
                        Assert.Contains(string.Format(body, story), content);
                        Assert.Contains(string.Format(body, story), Assert.Single(byReader.Content!));
                        continue;
                    }
                    // An archive: no content, the summary in its place, as HTML (RSS descriptions are HTML to every reader).
                    Assert.True(content is null, $"{file}: an archive entry with content");
                    Assert.Empty(byReader.Content!);
                    Assert.Equal("text/html", byReader.SummaryType);
                    if (entry.Name == Atom + "entry") Assert.Equal("html", (string?)summaryElement.Attribute("type"));
                    foreach (var html in new[] { summaryElement.Value, byReader.Summary! })
                    {
                        var shown = FeedContents.Body(html);
                        var wrapper = shown.QuerySelector("div[lang][dir]")!;
                        Assert.Equal((language, "ltr"), (wrapper.GetAttribute("lang"), wrapper.GetAttribute("dir")));
                        // The lede first (readers list an entry by its first words), as the text it is.
                        Assert.Equal(string.Format(summary, story), wrapper.QuerySelector("p")!.TextContent);
                        Assert.DoesNotContain(string.Format(body, story), shown.TextContent);
                        // The notices the page shows: the machine translation's, linking the original, and the correction box.
                        var notice = shown.QuerySelector(".translation-notice a[href]");
                        Assert.Equal(language == "en" ? $"{Base}/id/2026/10/s{story}/" : null, notice?.GetAttribute("href"));
                        Assert.Equal(story == 0, shown.QuerySelector(".corrections") is not null);
                        Assert.Empty(FeedContents.ScriptProblems(shown));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_summary_with_markup_characters_is_shown_as_the_text_it_is_by_a_reader_of_every_live_feed()
    {
        using var temp = new TempDir();
        var output = SummarisedSite(temp);
        var files = All(output).Where(p => p.EndsWith(".xml") && !p.Contains("/archive/")).Select(p => Path.Combine(output, p.TrimStart('/'))).ToList();
        var read = Feedparser(files, temp);
        var expected = new System.Text.RegularExpressions.Regex("^(Ringkasan [0-5]: harga <naik> & turun|Summary [0-5]: prices <up> & down)$");
        foreach (var (file, feed) in read)
        {
            Assert.Equal(LanguageOf(file[output.Length..]) == "ar", feed.Entries.Count == 0); // no Arabic version
            foreach (var entry in feed.Entries)
            {
                // RSS descriptions are HTML to readers, Atom says which its summary is.
                var shown = entry.SummaryType == "text/html" ? FeedContents.Body(entry.Summary!).TextContent : entry.Summary;
                Assert.True(expected.IsMatch(shown ?? ""), $"{file}: {entry.Link} shows the summary \"{shown}\"");
            }
        }
        foreach (var json in All(output).Where(p => p.EndsWith("feed.json")))
            foreach (var item in JsonDocument.Parse(File.ReadAllText(Path.Combine(output, json.TrimStart('/')))).RootElement.GetProperty("items").EnumerateArray())
                Assert.Matches(expected, item.GetProperty("summary").GetString()); // JSON Feed's summary is plain text
    }

    [Fact]
    public void An_archive_page_says_it_is_one_links_the_live_feed_and_its_neighbours_has_no_hub_and_is_on_the_feeds_page()
    {
        using var temp = new TempDir();
        var stories = Stories(0, 6, new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(7)));
        var input = SiteBuild.WriteSite(temp, stories.ToDictionary(s => s.File, s => s.Text),
            SiteBuild.MinimalSiteYml + "\nfeedSize: 2\nhubs: [https://hub.example.net/]\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        const string Base = "https://news.example.org";

        var live = LoadXml(Path.Combine(output, "id/atom.xml"));
        Assert.Equal($"{Base}/id/archive/2/atom.xml", Link(live, "prev-archive"));
        Assert.NotNull(Link(live, "hub"));
        Assert.Null(live.Root!.Element(History + "archive"));
        foreach (var (page, previous, next) in new[] { (1, (int?)null, (int?)2), (2, 1, null) })
        {
            foreach (var format in (string[])["atom", "rss"])
            {
                var archive = LoadXml(Path.Combine(output, $"id/archive/{page}/{format}.xml"));
                Assert.NotNull((archive.Root!.Element("channel") ?? archive.Root).Element(History + "archive"));
                Assert.Equal($"{Base}/id/archive/{page}/{format}.xml", Link(archive, "self"));
                Assert.Equal($"{Base}/id/{format}.xml", Link(archive, "current"));
                Assert.Equal(previous is { } p ? $"{Base}/id/archive/{p}/{format}.xml" : null, Link(archive, "prev-archive"));
                Assert.Equal(next is { } n ? $"{Base}/id/archive/{n}/{format}.xml" : null, Link(archive, "next-archive"));
                Assert.Null(Link(archive, "hub")); // one subscribes to the live feed, not to an archive
                // Titled by the days it spans, in the language (the year said once): page 1 holds the two oldest stories, page 2 the next two, each newest first.
                Assert.Equal($"Test News — {20 + 2 * (page - 1)} Oktober – {21 + 2 * (page - 1)} Oktober 2026",
                    (string?)(archive.Root!.Element("channel") ?? archive.Root).Element(archive.Root.Name == Atom + "feed" ? Atom + "title" : "title"));
                Assert.Equal([stories[page * 2 - 1].Url, stories[page * 2 - 2].Url], Entries(archive).Select(PageOf));
            }
        }
        var feedsPage = HtmlPages.Load(output, "id/feeds/index.html");
        var links = feedsPage.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")).ToList();
        foreach (var page in (int[])[1, 2])
            foreach (var format in (string[])["atom", "rss"])
                Assert.Contains($"{Base}/id/archive/{page}/{format}.xml", links);
        Assert.DoesNotContain($"{Base}/id/archive/3/atom.xml", links);
    }

    [Fact]
    public void The_feeds_page_links_the_newest_and_the_oldest_archive_and_says_how_many_there_are()
    {
        using var temp = new TempDir();
        var stories = Stories(0, 10, new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(7)));
        var input = SiteBuild.WriteSite(temp, stories.ToDictionary(s => s.File, s => s.Text), SiteBuild.MinimalSiteYml + "\nfeedSize: 2\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        const string Base = "https://news.example.org";
        Assert.True(File.Exists(Path.Combine(output, "id/archive/4/atom.xml")));

        // Four archives: the page links the two a reader starts from, not every one (thousands in a large archive).
        var archives = HtmlPages.Load(output, "id/feeds/index.html").QuerySelectorAll("section.feed-group")
            .Single(section => section.QuerySelector("h2")!.TextContent == "Arsip");
        Assert.Equal([4, 4, 1, 1], archives.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Select(href => int.Parse(href[$"{Base}/id/archive/".Length..].Split('/')[0])));
        Assert.StartsWith("Feed arsip: 4.", archives.QuerySelector("p")!.TextContent);
    }
}
