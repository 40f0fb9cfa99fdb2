using System.Xml.Linq;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Two stories' files can be the very same bytes: a wire item filed twice, or translated alike. A listing page, feed
/// archive or sitemap file is kept as published when what it lists sums up as before and none of its stories changed;
/// when another story moves (re-dated), the stories shift from one file to the next, and a file that now lists other
/// stories whose files are byte for byte those it listed must still be made again: each story listed once, none missing,
/// as a full build lists them.
/// </summary>
public sealed class SameTranslationTwiceTests
{
    private const string BaseUrl = "https://news.example.org/";
    private const int Stories = 10;

    private static string Date(int day) => $"2026-03-{day:00}T09:00:00+07:00";

    private static string EnglishUrl(int i) => $"{BaseUrl}en/2026/03/s{i:00}/";

    /// <summary>
    /// Ten stories, each the same two files (Indonesian, English) in a folder of its own, so listed by folder name; built in
    /// pages, feed archives and sitemap files of three; then the last of them re-dated to be the newest, and built again:
    /// every page and file of three shifts by one story.
    /// </summary>
    private static string BuiltAfterARedate(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>(), SiteBuild.MinimalSiteYml + "\npageSize: 3\nfeedSize: 3\n");
        for (var i = 1; i <= Stories; i++)
        {
            Directory.CreateDirectory(Path.Combine(input, $"articles/s{i:00}"));
            File.WriteAllText(Path.Combine(input, $"articles/s{i:00}/id.md"), Original("Berita kawat", date: Date(1)));
            File.WriteAllText(Path.Combine(input, $"articles/s{i:00}/en.md"), Md("title: \"Wire item\""));
        }
        // Files older than a build can trust by their stamps, as a newsroom's are between builds: the next build keeps what
        // its stories' unchanged folders show.
        OldFiles.Age(input);
        var output = temp.Combine("out");
        Assert.True(Build(input, output).Success);
        var redated = Path.Combine(input, $"articles/s{Stories}/id.md");
        File.WriteAllText(redated, Original("Berita kawat", date: Date(20)));
        File.SetLastWriteTimeUtc(redated, OldFiles.Time.AddMinutes(1));
        Assert.True(Build(input, output).Success);
        return output;
    }

    private static BuildReport Build(string input, string output) =>
        SiteBuild.Run(input, output, configure: o => o with { SitemapStoriesPerFile = 3 });

    /// <summary>How many times each English story is listed in <paramref name="files"/>, by what <paramref name="listed"/> finds in each.</summary>
    private static void AssertEachListedOnce(IEnumerable<string> files, Func<string, IEnumerable<string>> listed)
    {
        var times = files.SelectMany(file => listed(file).Distinct()).GroupBy(url => url).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, Stories).Select(EnglishUrl).Order(StringComparer.Ordinal), times.Keys.Order(StringComparer.Ordinal));
        Assert.All(times, entry => Assert.True(entry.Value == 1, $"{entry.Key} is listed {entry.Value} times"));
    }

    [Fact]
    public void Sitemap_files_list_each_story_once_after_a_story_moves()
    {
        using var temp = new TempDir();
        var output = BuiltAfterARedate(temp);
        AssertEachListedOnce(Directory.EnumerateFiles(output, "sitemap-en-stories-*.xml"),
            file => XDocument.Load(file).Root!.Elements(Seo.OutputSite.Sm + "url").Select(url => url.Element(Seo.OutputSite.Sm + "loc")!.Value));
    }

    [Fact]
    public void Listing_pages_list_each_story_once_after_a_story_moves()
    {
        using var temp = new TempDir();
        var output = BuiltAfterARedate(temp);
        AssertEachListedOnce(Directory.EnumerateFiles(Path.Combine(output, "en/page"), "index.html", SearchOption.AllDirectories),
            file => HtmlPages.Parse(File.ReadAllText(file)).QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!)
                .Select(href => new Uri(new Uri(BaseUrl), href).AbsoluteUri).Where(url => url.StartsWith($"{BaseUrl}en/2026/03/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Feed_archives_list_each_story_once_after_a_story_moves()
    {
        using var temp = new TempDir();
        var output = BuiltAfterARedate(temp);
        // The live feed and its archives hold each story once between them.
        AssertEachListedOnce([Path.Combine(output, "en/atom.xml"), .. Directory.EnumerateFiles(Path.Combine(output, "en/archive"), "atom.xml", SearchOption.AllDirectories)],
            file => XDocument.Load(file).Root!.Elements(FeedFiles.Atom + "entry")
                .Select(entry => entry.Elements(FeedFiles.Atom + "link").First(link => (string?)link.Attribute("rel") is null or "alternate").Attribute("href")!.Value));
    }
}
