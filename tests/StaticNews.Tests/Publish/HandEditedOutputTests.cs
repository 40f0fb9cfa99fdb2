using System.Security.Cryptography;
using System.Xml.Linq;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Published files deleted or changed by hand. A file the build keeps (its inputs unchanged) and reads back, or that a
/// swap of the whole site would link, is looked at first: deleted, it is published again; changed, the build stops
/// naming it and changes nothing, as it does where it would write over it. Never read as StaticNews's own.
/// </summary>
public sealed class HandEditedOutputTests
{
    private const string Feed = "en/category/budaya/rss.xml";
    // Neither changes when a story moves to another category (see Recategorize): kept, linked into the new site by a swap.
    private const string KeptSitemap = "sitemap-en-stories-1.xml";
    private const string KeptRedirect = "en/2026/11/peta-jalan-digital-asean/index.html";

    private static void Built(BuildReport report) => Assert.True(report.Success, string.Join("\n", report.Diagnostics));

    /// <summary>The sample site, built: every later build of it trusts the record of what it published.</summary>
    private static (string Input, string Output) Published(TempDir temp)
    {
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Built(SiteBuild.Run(input, output));
        return (input, output);
    }

    /// <summary>A small change (a new title for a transport story), published in place: it touches neither <see cref="Feed"/> nor the coffee story's image.</summary>
    private static void Retitle(string input)
    {
        var file = Path.Combine(input, "articles/krl-tembus-karawang/id.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "title: \"Kereta Komuter Jakarta Resmi Melaju hingga Karawang\"", "title: \"KRL Resmi Melaju hingga Karawang\""));
    }

    /// <summary>A change that moves a story to another category: about a third of the site's files change, so it is swapped in whole.</summary>
    private static void Recategorize(string input)
    {
        var file = Path.Combine(input, "articles/final-liga-nusantara-timur/id.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("category: olahraga\n", "category: ekonomi\n"));
    }

    private static SortedDictionary<string, string> FromScratch(TempDir temp, string input)
    {
        var output = temp.Combine("from-scratch");
        Built(SiteBuild.Run(input, output));
        return OutputChecks.Snapshot(output);
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public void A_kept_feed_deleted_by_hand_is_published_again_by_the_next_small_change()
    {
        using var temp = new TempDir();
        var (input, output) = Published(temp);
        File.Delete(Path.Combine(output, Feed));
        Retitle(input);

        var report = SiteBuild.Run(input, output);

        Built(report);
        Assert.True(report.PublishedInPlace);
        var channel = FeedFiles.LoadXml(Path.Combine(output, Feed)).Root!.Element("channel")!;
        Assert.Contains(channel.Elements("item"), item => ((string)item.Element("link")!).EndsWith("/en/2026/10/sekolah-batik-pekalongan/", StringComparison.Ordinal));
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
        // What `staticnews ping` announces from names the feed as it is published.
        var manifest = FeedManifest.Load(StateFolder.For(output), FeedManifest.BuildFile, out var problem);
        Assert.Null(problem);
        Assert.Equal(Sha256(Path.Combine(output, Feed)), Assert.Single(manifest!.Feeds, f => f.Url.EndsWith("/" + Feed, StringComparison.Ordinal)).Sha256);
    }

    [Fact]
    public void A_kept_image_file_deleted_by_hand_is_published_again_by_the_next_small_change()
    {
        using var temp = new TempDir();
        var (input, output) = Published(temp);
        var page = HtmlPages.Load(output, "en/2026/10/kopi-gayo-tembus-jepang/index.html");
        var image = page.QuerySelectorAll("[srcset]").SelectMany(element => element.GetAttribute("srcset")!.Split(',')).Select(source => source.Trim().Split(' ')[0])
            .First(url => url.StartsWith("/images/", StringComparison.Ordinal) && url.EndsWith("/800.webp", StringComparison.Ordinal));
        var file = HtmlPages.FileForHref(output, image)!;
        File.Delete(file);
        Retitle(input);

        var report = SiteBuild.Run(input, output);

        Built(report);
        Assert.True(report.PublishedInPlace);
        using (var published = NetVips.Image.NewFromFile(file))
            Assert.Equal(800, published.Width);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    [Fact]
    public void Kept_files_deleted_by_hand_are_published_again_when_the_site_is_swapped_in_whole()
    {
        using var temp = new TempDir();
        var (input, output) = Published(temp);
        File.Delete(Path.Combine(output, KeptSitemap));
        File.Delete(Path.Combine(output, KeptRedirect));
        Recategorize(input);

        var report = SiteBuild.Run(input, output);

        Built(report);
        Assert.False(report.PublishedInPlace);
        var note = Assert.Single(report.Diagnostics);
        Assert.Equal(Severity.Warning, note.Severity);
        Assert.StartsWith(Path.Join(output, KeptRedirect) + " (and 1 more) had been deleted from the output folder by hand", note.Message);
        XNamespace sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Contains(FeedFiles.LoadXml(Path.Combine(output, KeptSitemap)).Root!.Elements(sitemaps + "url"),
            url => ((string)url.Element(sitemaps + "loc")!).EndsWith("/en/2026/10/kopi-gayo-tembus-jepang/", StringComparison.Ordinal));
        var redirect = HtmlPages.Load(output, KeptRedirect);
        Assert.EndsWith("/en/2026/11/asean-digital-trade-roadmap/", redirect.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
        // The record is whole again: the next small change is published in place, and the site is still whole.
        Retitle(input);
        Built(SiteBuild.Run(input, output));
        Directory.Delete(temp.Combine("from-scratch"), recursive: true);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    /// <summary>
    /// A stand-in for Pagefind, on a PATH of its own (<see cref="BuildOptions.EnvironmentVariable"/>): its index lists the
    /// pages it was given, with their sizes, so the index shows what StaticNews gave it to read; and their count, in a
    /// second file (an index is several files, kept or made again together).
    /// </summary>
    private static Func<string, string?> PathWithIndexer(TempDir temp)
    {
        var folder = temp.Combine("bin");
        Directory.CreateDirectory(folder);
        var program = Path.Combine(folder, "pagefind");
        File.WriteAllText(program, """
            #!/bin/sh
            while [ $# -gt 0 ]; do
              case "$1" in --site) site=$2; shift 2;; --output-path) out=$2; shift 2;; *) shift;; esac
            done
            mkdir -p "$out" && cd "$site" || exit 1
            find . -type f -name '*.html' | LC_ALL=C sort | while read -r page; do echo "$page $(wc -c < "$page")"; done > "$out/pages.txt"
            wc -l < "$out/pages.txt" > "$out/count.txt"
            """);
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return name => name == "PATH" ? folder : Environment.GetEnvironmentVariable(name);
    }

    /// <summary>A site of 30 stories with a search index made by the stand-in indexer, built; and how to build it again (into any folder).</summary>
    private static (string Input, string Output, Func<string, BuildReport> Build) PublishedWithSearch(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, Editions.Site("Lama", 30), SiteBuild.MinimalSiteYml + "\nsearch: true\n");
        var output = temp.Combine("output");
        var path = PathWithIndexer(temp);
        BuildReport Build(string into) => SiteBuild.Run(input, into, configure: o => o with { EnvironmentVariable = path });
        Built(Build(output));
        return (input, output, Build);
    }

    [Fact]
    public void A_kept_page_deleted_by_hand_is_published_again_when_the_search_index_reads_it()
    {
        using var temp = new TempDir();
        var (input, output, build) = PublishedWithSearch(temp);
        var page = OutputChecks.Snapshot(output).Keys.First(p => p.StartsWith("en/", StringComparison.Ordinal) && p.EndsWith("/story-003/index.html", StringComparison.Ordinal));
        File.Delete(Path.Combine(output, page));
        // A new story: its page is new, so the index is made again from every story page, the kept ones read from the output.
        var folder = Path.Combine(input, "articles", "breaking");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "id.md"), "---\ntitle: Berita terkini\ndate: 2026-11-20T08:00:00+07:00\ncategory: c1\n---\nIsi berita terkini.\n");

        var report = build(output);

        Built(report);
        Assert.True(report.PublishedInPlace);
        Assert.StartsWith(Path.Join(output, page) + " had been deleted from the output folder by hand", Assert.Single(report.Diagnostics).Message);
        Assert.Equal("en", HtmlPages.Load(output, page).DocumentElement.GetAttribute("lang"));
        var indexed = File.ReadAllLines(Path.Combine(output, "pagefind", "pages.txt"));
        Assert.Contains($"./{page} {new FileInfo(Path.Combine(output, page)).Length}", indexed);
        Assert.Contains(indexed, line => line.Contains("/breaking/index.html ", StringComparison.Ordinal));
        var fromScratch = temp.Combine("from-scratch");
        Built(build(fromScratch));
        Assert.Equal(OutputChecks.Snapshot(fromScratch), OutputChecks.Snapshot(output));
    }

    [Fact]
    public void A_search_index_file_deleted_by_hand_is_published_again_by_the_next_build()
    {
        using var temp = new TempDir();
        var (input, output, build) = PublishedWithSearch(temp);
        File.Delete(Path.Combine(output, "pagefind", "pages.txt"));
        // A story saved again as it was: the build runs, no page changes, so the index would be kept as it is.
        File.SetLastWriteTimeUtc(Path.Combine(input, "articles", "story-003", "id.md"), DateTime.UtcNow.AddMinutes(-5));

        var report = build(output);

        Built(report);
        var indexed = File.ReadAllLines(Path.Combine(output, "pagefind", "pages.txt"));
        Assert.Contains(indexed, line => line.StartsWith("./en/", StringComparison.Ordinal) && line.Contains("/story-003/index.html ", StringComparison.Ordinal));
        Assert.Equal(indexed.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(output, "pagefind", "count.txt")).Trim());
        var fromScratch = temp.Combine("from-scratch");
        Built(build(fromScratch));
        Assert.Equal(OutputChecks.Snapshot(fromScratch), OutputChecks.Snapshot(output));
    }

    /// <summary>
    /// A file changed by hand where a build would replace it, or read it back: the build stops, naming it, and the output
    /// is as it was; moved out of the output, the next build publishes StaticNews's own file again.
    /// </summary>
    [Theory]
    [InlineData("a kept feed, read back by a small change", Feed, false)]
    [InlineData("a page a swap would write over", "en/category/olahraga/index.html", false)]
    [InlineData("a kept page a swap would link", KeptRedirect, false)]
    [InlineData("a page a swap would write over, after a build under a new key", "en/category/olahraga/index.html", true)]
    public void A_file_changed_by_hand_stops_the_build_by_name_and_nothing_changes(string what, string path, bool newKey)
    {
        using var temp = new TempDir();
        var (input, output) = Published(temp);
        var original = File.ReadAllText(Path.Combine(output, path));
        // An editor's fix, of the same length and in place: only the file's time (and bytes) tell it from StaticNews's.
        File.WriteAllText(Path.Combine(output, path), original.Replace("e", "E"));
        if (newKey) File.AppendAllText(Path.Combine(input, "site.yml"), "\n# reviewed by the desk\n");
        if (path == Feed) Retitle(input);
        else Recategorize(input);
        var before = OutputChecks.Snapshot(output);

        var report = SiteBuild.Run(input, output);

        Assert.False(report.Success, what);
        Assert.True(report.Refused, what);
        var error = Assert.Single(report.Diagnostics);
        Assert.StartsWith(Path.Join(output, path) + " is not the file StaticNews published there (changed or replaced since): ", error.Message);
        Assert.Equal(before, OutputChecks.Snapshot(output));

        File.Delete(Path.Combine(output, path));
        Built(SiteBuild.Run(input, output));
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }
}
