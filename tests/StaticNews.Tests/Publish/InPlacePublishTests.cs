using System.Text;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// A small change to a large site is published into the live output file by file: what the change does not touch is
/// not looked at, linked or rewritten, what it touches must be StaticNews's own, and a publish stopped at any step
/// is completed by the next build.
/// </summary>
public sealed class InPlacePublishTests
{
    private const int Stories = 60;

    /// <summary>A site of <see cref="Stories"/> stories, and the story a newsroom adds to it: newer than all of them.</summary>
    private static string OldSite(TempDir temp) => SiteBuild.WriteSite(temp, Editions.Site("Lama", Stories));

    private static void AddStory(string input)
    {
        var folder = Path.Combine(input, "articles", "breaking");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "id.md"), "---\ntitle: Berita terkini\ndate: 2026-11-20T08:00:00+07:00\ncategory: c1\ntags: [t1]\n---\nIsi berita terkini.\n");
        File.WriteAllText(Path.Combine(folder, "en.md"), "---\ntitle: Breaking news\n---\nThe breaking story.\n");
    }

    private static ulong Inode(string path) => FileStat.Of(path).State.Inode;

    private static void Built(BuildReport report) => Assert.True(report.Success, string.Join("\n", report.Diagnostics));

    /// <summary>The input with the story added, built from scratch into a folder of its own.</summary>
    private static SortedDictionary<string, string> FromScratch(TempDir temp, string input)
    {
        var output = temp.Combine("from-scratch");
        Built(SiteBuild.Run(input, output));
        return OutputChecks.Snapshot(output);
    }

    [Fact]
    public void Adding_a_story_publishes_in_place_and_the_site_equals_a_build_from_scratch()
    {
        using var temp = new TempDir();
        var input = OldSite(temp);
        var output = temp.Combine("output");
        var first = SiteBuild.Run(input, output);
        Built(first);
        Assert.False(first.PublishedInPlace); // a first build is swapped in whole
        var before = OutputChecks.Snapshot(output);
        var oldPage = before.Keys.First(path => path.StartsWith("en/", StringComparison.Ordinal) && path.EndsWith("/story-003/index.html", StringComparison.Ordinal));
        var (site, page, folder) = (Inode(output), Inode(Path.Combine(output, oldPage)), Inode(Path.GetDirectoryName(Path.Combine(output, oldPage))!));

        AddStory(input);
        var report = SiteBuild.Run(input, output);

        Built(report);
        Assert.True(report.OutputChanged);
        Assert.True(report.PublishedInPlace);
        Assert.EndsWith(", published in place.", StaticNews.Cli.BuildCommand.Summary(report, output));
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
        Assert.Contains(OutputChecks.Snapshot(output).Keys, path => path.StartsWith("en/", StringComparison.Ordinal) && path.EndsWith("/breaking/index.html", StringComparison.Ordinal));
        // The same output folder (not a new tree swapped in), and the old story's page the very file it was.
        Assert.Equal(site, Inode(output));
        Assert.Equal(folder, Inode(Path.GetDirectoryName(Path.Combine(output, oldPage))!));
        Assert.Equal(page, Inode(Path.Combine(output, oldPage)));
        Assert.Equal(before[oldPage], OutputChecks.Snapshot(output)[oldPage]);

        // The record it left is exact: the next change is published in place again, and equals a build from scratch.
        File.AppendAllText(Path.Combine(input, "articles", "breaking", "en.md"), "An update.\n");
        Built(SiteBuild.Run(input, output));
        Assert.Equal(site, Inode(output));
        Directory.Delete(temp.Combine("from-scratch"), recursive: true);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    [Fact]
    public void After_a_build_under_a_new_key_that_changed_no_file_the_next_small_change_is_published_in_place()
    {
        using var temp = new TempDir();
        var input = OldSite(temp);
        var output = temp.Combine("output");
        Built(SiteBuild.Run(input, output));
        // A comment in site.yml: another build key (every file is looked at again), the very same site.
        File.AppendAllText(Path.Combine(input, "site.yml"), "\n# reviewed by the desk\n");
        var rekeyed = SiteBuild.Run(input, output);
        Built(rekeyed);
        Assert.False(rekeyed.OutputChanged);
        var site = Inode(output);

        AddStory(input);
        var report = SiteBuild.Run(input, output);

        Built(report);
        Assert.True(report.PublishedInPlace);
        Assert.Equal(site, Inode(output));
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    [Fact]
    public void What_is_not_StaticNews_s_where_a_small_change_writes_is_refused_by_name_and_nothing_changes()
    {
        using var temp = new TempDir();
        var input = OldSite(temp);
        var output = temp.Combine("output");
        Built(SiteBuild.Run(input, output));
        var withStory = temp.CopyFrom(input, "with-story");
        AddStory(withStory);
        var newSite = FromScratch(temp, withStory);
        var home = "en/index.html"; // the language home lists the new story: the change rewrites it
        Assert.NotEqual(OutputChecks.Snapshot(output)[home], newSite[home]);
        var newPage = newSite.Keys.First(path => path.StartsWith("en/", StringComparison.Ordinal) && path.EndsWith("/breaking/index.html", StringComparison.Ordinal));
        var elsewhere = temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "index.html"), "<p>the web server's own page</p>");

        var hostile = new (string Shown, Action Put, Action Remove)[]
        {
            // The home page replaced by an editor's own (a new file, not the one StaticNews published there).
            (home, () => { File.Delete(Path.Combine(output, home)); File.WriteAllText(Path.Combine(output, home), "<p>edited by hand</p>"); }, () => { }),
            // A link where the new story's page goes.
            (newPage, () => { Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(output, newPage))!); File.CreateSymbolicLink(Path.Combine(output, newPage), Path.Combine(elsewhere, "index.html")); },
                () => Directory.Delete(Path.GetDirectoryName(Path.Combine(output, newPage))!, recursive: true)),
            // A link as the new story's folder: a write through it would land outside the output.
            (Path.GetDirectoryName(newPage)!, () => Directory.CreateSymbolicLink(Path.GetDirectoryName(Path.Combine(output, newPage))!, elsewhere),
                () => File.Delete(Path.GetDirectoryName(Path.Combine(output, newPage))!)),
        };
        AddStory(input);
        var restore = Path.Combine(temp.Path, "home.html");
        File.Copy(Path.Combine(output, home), restore);
        foreach (var (shown, put, remove) in hostile)
        {
            put();
            var before = OutputChecks.Snapshot(output);
            var outside = OutputChecks.Snapshot(elsewhere);

            var report = SiteBuild.Run(input, output);

            Assert.False(report.Success);
            Assert.True(report.Refused);
            var error = Assert.Single(report.Diagnostics);
            Assert.StartsWith(Path.Join(output, shown) + " ", error.Message);
            Assert.Equal(before, OutputChecks.Snapshot(output));
            Assert.Equal(outside, OutputChecks.Snapshot(elsewhere));
            Assert.Equal(["index.html"], Directory.EnumerateFileSystemEntries(elsewhere).Select(Path.GetFileName));
            remove();
        }

        // The hand-made home moved away, the build publishes the new site.
        File.Delete(Path.Combine(output, home));
        Built(SiteBuild.Run(input, output));
        Assert.Equal(newSite, OutputChecks.Snapshot(output));
    }

    [Fact]
    public void An_in_place_publish_stopped_at_any_step_is_completed_by_the_next_build()
    {
        static byte[] Page(string text) => Encoding.UTF8.GetBytes($"<p>{text}</p>");
        var oldSite = Enumerable.Range(0, 40).ToDictionary(i => $"{(i % 4 == 0 ? "" : $"s{i % 4}/")}p{i}/index.html", i => $"old {i}");
        // Three new files (one in a new folder), one replaced, two removed (their folders emptied): six steps, in a site of forty files.
        var newSite = new Dictionary<string, string>(oldSite) { ["s1/p1/index.html"] = "new 1", ["index.html"] = "new home", ["s9/p99/index.html"] = "new 99", ["s1/p100/index.html"] = "new 100" };
        newSite.Remove("p0/index.html");
        newSite.Remove("s2/p2/index.html");

        void Publish(string output, Dictionary<string, string> site, Action<int>? stop = null)
        {
            using var publication = Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "test", BeforeInPlaceStep = stop });
            foreach (var (path, text) in site) publication.Output.Write(path, Page(text), "test");
            publication.Commit();
        }

        using var temp = new TempDir();
        var step = 0;
        for (; ; step++)
        {
            var output = temp.Combine($"output-{step}");
            Publish(output, oldSite);
            var stopped = Record.Exception(() => Publish(output, newSite, stop: index => { if (index == step) throw new Stopped(); }));
            if (stopped is null) break; // every step has been stopped at once
            Assert.IsType<Stopped>(stopped);
            // As the publish left it: every file whole, the old or the new one.
            foreach (var (path, hash) in OutputChecks.Snapshot(output))
                Assert.Contains(hash, new[] { oldSite.GetValueOrDefault(path), newSite.GetValueOrDefault(path) }.OfType<string>().Select(text => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Page(text)))));

            // The next build, whatever it finds to do, first completes the publish.
            using (var next = Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "test" }))
            {
                Assert.Equal(Expected(newSite), OutputChecks.Snapshot(output));
                foreach (var (path, text) in newSite) next.Output.Write(path, Page(text), "test");
                Assert.False(next.Commit()); // and the record it left is exact: the new site, as it stands
            }
            Assert.False(Directory.Exists(Path.Combine(output, "p0"))); // the folders the removals emptied are gone
            Assert.False(Directory.Exists(Path.Combine(output, "s2", "p2")));
            Assert.True(Directory.Exists(Path.Combine(output, "s2")));
            Assert.False(File.Exists(StateFolder.For(output).File("journal.tsv")));
            Assert.False(Directory.Exists(StateFolder.For(output).File("staging")));
            Assert.True(step < 6, "the publish has six steps");
        }
        Assert.Equal(6, step); // stopped before each of the six steps, and then not at all

        SortedDictionary<string, string> Expected(Dictionary<string, string> site) =>
            new(site.ToDictionary(e => e.Key, e => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Page(e.Value)))), StringComparer.Ordinal);
    }

    private static byte[] TextPage(string text) => Encoding.UTF8.GetBytes($"<p>{text}</p>");

    private static void PublishPages(string output, Dictionary<string, string> site, Action<int>? step = null)
    {
        using var publication = Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "test", BeforeInPlaceStep = step });
        foreach (var (path, text) in site) publication.Output.Write(path, TextPage(text), "test");
        publication.Commit();
    }

    /// <summary>Every file of the output stands as the record says it was published, and the record lists no other.</summary>
    private static void AssertRecordIsExact(string output)
    {
        var record = OutputRecord.Read(StateFolder.For(output))!;
        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, record.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.True(FileStat.Of(Path.Combine(output, file)).State.IsStill(record.Files[file]), $"{file} is not as recorded");
    }

    [Fact]
    public void A_small_change_is_appended_to_the_record_and_one_killed_while_appending_is_recorded_again_by_the_next_build()
    {
        var oldSite = Enumerable.Range(0, 40).ToDictionary(i => $"p{i}/index.html", i => $"old {i}");
        var newSite = new Dictionary<string, string>(oldSite) { ["p1/index.html"] = "new 1", ["p50/index.html"] = "new 50" };
        newSite.Remove("p2/index.html");
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var state = StateFolder.For(output);
        PublishPages(output, oldSite);
        var before = File.ReadAllBytes(state.File("output.bin"));

        // The journal as the publish wrote it, kept to put back as a build killed before it was done would leave it.
        var journal = temp.Combine("journal.tsv");
        PublishPages(output, newSite, step: index => { if (index == 0) File.Copy(state.File("journal.tsv"), journal); });
        var after = File.ReadAllBytes(state.File("output.bin"));
        Assert.True(after.Length > before.Length, "nothing appended");
        Assert.Equal(before, after[..before.Length]); // what was recorded is not written again
        AssertRecordIsExact(output);

        // Killed halfway through the append: the record is torn, the journal still there.
        File.WriteAllBytes(state.File("output.bin"), after[..(before.Length + (after.Length - before.Length) / 2)]);
        File.Copy(journal, state.File("journal.tsv"));

        // The next build completes the publish first, records it again, and a further change to the same page is
        // published in place: a record without the first change would refuse it as a page StaticNews did not publish.
        newSite["p1/index.html"] = "newer 1";
        PublishPages(output, newSite);
        Assert.False(File.Exists(state.File("journal.tsv")));
        Assert.Equal(TextPage("newer 1"), File.ReadAllBytes(Path.Combine(output, "p1", "index.html")));
        AssertRecordIsExact(output);
    }

    [Fact]
    public void An_output_recorded_in_the_text_record_of_earlier_versions_takes_a_small_change_in_place_and_is_recorded_anew()
    {
        var oldSite = Enumerable.Range(0, 40).ToDictionary(i => $"p{i}/index.html", i => $"old {i}");
        var newSite = new Dictionary<string, string>(oldSite) { ["p1/index.html"] = "new 1" };
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var state = StateFolder.For(output);
        PublishPages(output, oldSite);
        var record = OutputRecord.Read(state)!;
        File.WriteAllLines(state.File("output.tsv"), ["staticnews-output 2", record.Key, .. record.Files.Select(f => OutputRecord.Line(f.Key, f.Value))]);
        File.Delete(state.File("output.bin"));
        var untouched = Inode(Path.Combine(output, "p3", "index.html"));

        PublishPages(output, newSite);

        Assert.Equal(TextPage("new 1"), File.ReadAllBytes(Path.Combine(output, "p1", "index.html")));
        Assert.Equal(untouched, Inode(Path.Combine(output, "p3", "index.html"))); // in place: the other pages were not swapped
        Assert.False(File.Exists(state.File("output.tsv")));
        AssertRecordIsExact(output);
    }

    [Fact]
    public void A_folder_swapped_for_a_link_while_a_change_is_published_is_not_written_through()
    {
        static byte[] Page(string text) => Encoding.UTF8.GetBytes($"<p>{text}</p>");
        var oldSite = Enumerable.Range(0, 20).ToDictionary(i => $"f{i}/index.html", i => $"old {i}");
        oldSite["s1/p1/index.html"] = "old 1";
        // The change: a new page in s1 (the folders on its way checked and taken), then s1/p1 replaced.
        var newSite = new Dictionary<string, string>(oldSite) { ["s1/p9/index.html"] = "new 9", ["s1/p1/index.html"] = "new 1" };

        void Publish(string output, Dictionary<string, string> site, Action<int>? step = null)
        {
            using var publication = Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "test", BeforeInPlaceStep = step });
            foreach (var (path, text) in site) publication.Output.Write(path, Page(text), "test");
            publication.Commit();
        }

        using var temp = new TempDir();
        var output = temp.Combine("output");
        // The web server's own pages, laid out like the output's folder s1.
        var elsewhere = temp.Combine("elsewhere");
        Directory.CreateDirectory(Path.Combine(elsewhere, "p1"));
        File.WriteAllText(Path.Combine(elsewhere, "p1", "index.html"), "<p>the web server's own page</p>");
        var outside = OutputChecks.Snapshot(elsewhere);
        Publish(output, oldSite);
        var s1 = Path.Combine(output, "s1");

        // Between the new page and the replaced one, s1 is moved away and a link to the other folder put in its place.
        var error = Assert.Throws<OutputRefusedException>(() => Publish(output, newSite, step: index =>
        {
            if (index != 1) return;
            Directory.Move(s1, temp.Combine("moved-away"));
            Directory.CreateSymbolicLink(s1, elsewhere);
        }));

        Assert.Equal(outside, OutputChecks.Snapshot(elsewhere));
        Assert.StartsWith(s1 + " is not a folder", error.Message);
        Assert.Equal(LinkTarget(s1), elsewhere);

        // The link moved away and the folder put back, the next build completes the publish.
        File.Delete(s1);
        Directory.Move(temp.Combine("moved-away"), s1);
        Publish(output, newSite);
        Assert.Equal(new SortedDictionary<string, string>(newSite.ToDictionary(e => e.Key, e => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Page(e.Value)))), StringComparer.Ordinal),
            OutputChecks.Snapshot(output));
    }

    private static string? LinkTarget(string path) => new DirectoryInfo(path).LinkTarget;

    private sealed class Stopped : Exception;
}
