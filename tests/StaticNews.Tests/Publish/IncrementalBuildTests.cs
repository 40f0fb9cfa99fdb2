using System.Globalization;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>Rebuilds of a copy of the sample site: only what depends on an edit changes, and a build with nothing changed writes nothing.</summary>
public sealed class IncrementalBuildTests
{
    // A rewritten file gets a new modification time (unchanged ones are hard links to the published
    // file, so they keep theirs); comparing times and bytes tells written files from kept ones.
    private sealed record FileState(DateTime WriteTime, byte[] Bytes);

    private static Dictionary<string, FileState> Snapshot(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(output, f).Replace('\\', '/'),
            f => new FileState(File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f)));

    // Sitemaps and robots.txt are fingerprinted like pages and feeds: kept without rendering when what they list is unchanged.
    private static bool IsSitemap(string path) =>
        path == "robots.txt" || (!path.Contains('/') && path.EndsWith(".xml", StringComparison.Ordinal) && path.Contains("sitemap", StringComparison.Ordinal));

    private const string Story = "articles/krl-tembus-karawang/id.md";
    private const string StoryPage = "id/2026/10/krl-tembus-karawang/index.html";

    [Fact]
    public void Editing_one_story_rewrites_exactly_the_pages_that_show_it()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = Snapshot(output);
        // Pages that show this story: its versions (they link each other) and the listings with its card.
        var dependent = before.Where(e => e.Key.EndsWith(".html", StringComparison.Ordinal)
                && System.Text.Encoding.UTF8.GetString(e.Value.Bytes).Contains("/2026/10/krl-tembus-karawang/\""))
            .Select(e => e.Key).ToHashSet();
        Assert.Contains("id/index.html", dependent);
        Assert.Contains("id/category/ekonomi/index.html", dependent);

        var file = Path.Combine(input, Story);
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "title: \"Kereta Komuter Jakarta Resmi Melaju hingga Karawang\"", "title: \"KRL Resmi Melaju hingga Karawang\""));
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        var after = Snapshot(output);

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var rewritten = after.Where(e => e.Value.WriteTime != before[e.Key].WriteTime).Select(e => e.Key).ToHashSet();
        var differing = after.Where(e => !e.Value.Bytes.AsSpan().SequenceEqual(before[e.Key].Bytes)).Select(e => e.Key).ToHashSet();
        Assert.Equal(differing.Order(), rewritten.Order());          // written only when the bytes change
        Assert.Contains(StoryPage, differing);                      // the page itself shows the new title
        Assert.Contains("id/index.html", differing);                 // and so does the Indonesian home page's card
        Assert.Contains("id/tag/transportasi/index.html", differing);
        var differingPages = differing.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).ToHashSet();
        Assert.Subset(dependent, differingPages);                    // no other page changed...
        // ...and the other files that changed are the feeds that carry the story (its new title).
        Assert.All(differing.Except(differingPages), p => Assert.Contains("/2026/10/krl-tembus-karawang/", System.Text.Encoding.UTF8.GetString(after[p].Bytes)));
        Assert.Contains("id/atom.xml", differing);
        Assert.DoesNotContain("en/index.html", differing);           // (the English card shows the English title)
        // The English page was rendered again (it links the edited original, and its JSON-LD names the original's
        // headline as translationOfWork) from the cached front matter and a body rendered on demand.
        Assert.Contains("en/2026/10/krl-tembus-karawang/index.html", differing);
        // ...and only the dependent pages, the feeds carrying the story and the sitemaps whose list changed (none: a title is not in them) were rendered.
        static bool IsFeed(string p) => p.EndsWith("rss.xml", StringComparison.Ordinal) || p.EndsWith("atom.xml", StringComparison.Ordinal) || p.EndsWith("feed.json", StringComparison.Ordinal);
        Assert.DoesNotContain(differing, IsSitemap);
        Assert.Equal(dependent.Count + differing.Count(IsFeed), report.Pages + report.Feeds + report.ImageFiles + after.Keys.Count(IsSitemap) - report.FilesKept);
        Assert.Contains("KRL Resmi Melaju hingga Karawang", System.Text.Encoding.UTF8.GetString(after[StoryPage].Bytes));
    }

    [Fact]
    public void A_build_with_nothing_changed_leaves_the_output_untouched()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        // Files their stamps can't vouch for (here dated ahead of the clock, so however long the first build takes) make
        // this build read the input and check every output's inputs (one trusting the listing stops earlier: UpToDateBuildTests).
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = Snapshot(output);
        var folderTime = Directory.GetLastWriteTimeUtc(output);

        var report = SiteBuild.Run(input, output);

        Assert.True(report.Success);
        Assert.False(report.UpToDate);
        Assert.False(report.OutputChanged);
        Assert.Equal(0, report.FilesWritten);
        Assert.Equal(report.Pages + report.Feeds + report.ImageFiles + before.Keys.Count(IsSitemap), report.FilesKept);  // no page, feed, image or sitemap was rendered
        var after = Snapshot(output);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(after, e => Assert.Equal(before[e.Key].WriteTime, e.Value.WriteTime));
        Assert.Equal(folderTime, Directory.GetLastWriteTimeUtc(output)); // not swapped for a copy
        Assert.False(Directory.Exists(temp.Combine(".output.state", "staging")));
    }

    [Fact]
    public void A_removed_story_disappears_and_a_changed_theme_renders_everything_again()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        Directory.Delete(Path.Combine(input, "articles/sekolah-batik-pekalongan"), recursive: true);
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Empty(Directory.EnumerateDirectories(output, "sekolah-batik-pekalongan", SearchOption.AllDirectories));

        // site.yml is part of every page's inputs: a new title re-renders all pages.
        var siteYml = Path.Combine(input, "site.yml");
        File.WriteAllText(siteYml, File.ReadAllText(siteYml).Replace("en: Nusantara News", "en: Archipelago News"));
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        Assert.Equal(0, report.FilesKept);
        Assert.Contains("Archipelago News", File.ReadAllText(Path.Combine(output, "en/index.html")));
    }

    [Fact]
    public void An_edited_input_is_seen_whatever_its_size_and_time_and_the_output_equals_a_full_build()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        // Files older than FileStamp.RacyWindow are trusted by size and time; one saved just now is not yet.
        var old = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(input, "articles"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, old);
        var justSaved = Path.Combine(input, "articles/krl-tembus-karawang/en.md");
        var justSavedTime = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(justSaved, justSavedTime);
        Assert.True(SiteBuild.Run(input, output).Success);

        // The original: same size, a later time. The file saved just before the last build: same size and the
        // very same time (a second save within one tick of the file system's clock). A third: touched, unchanged.
        var original = Path.Combine(input, Story);
        EditKeepingSize(original, "Jakarta Resmi", "Jakarta Rasmi");
        File.SetLastWriteTimeUtc(original, old.AddMinutes(1));
        EditKeepingSize(justSaved, "Commuter Trains", "Commuter Trams ");
        File.SetLastWriteTimeUtc(justSaved, justSavedTime);
        File.SetLastWriteTimeUtc(Path.Combine(input, "articles/krl-tembus-karawang/fr.md"), old.AddMinutes(2));
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Contains("Jakarta Rasmi", File.ReadAllText(Path.Combine(output, StoryPage)));
        Assert.Contains("Commuter Trams ", File.ReadAllText(Path.Combine(output, "en/2026/10/krl-tembus-karawang/index.html")));

        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full).Success);
        AssertSameFiles(full, output);
    }

    [Fact]
    public void A_cache_in_the_earlier_text_format_is_not_used_even_when_it_vouches_for_every_file()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var original = Path.Combine(input, Story);
        File.WriteAllText(original, File.ReadAllText(original).Replace(
            "title: \"Kereta Komuter Jakarta Resmi Melaju hingga Karawang\"", "title: \"KRL Resmi Melaju hingga Karawang\""));
        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full).Success);

        // A text cache (the format of earlier versions) with the output's key, listing every published file as it
        // stands and as made from the edited input: the fingerprints a text cache of the full build holds, where it has one.
        var state = StaticNews.Publish.StateFolder.For(output);
        var vouched = File.Exists(StaticNews.Publish.StateFolder.For(full).File("cache/fingerprints.tsv"))
            ? File.ReadLines(StaticNews.Publish.StateFolder.For(full).File("cache/fingerprints.tsv")).Skip(2).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1])
            : [];
        var record = StaticNews.Publish.OutputRecord.Read(state)!;
        var earlier = new List<string> { "staticnews-cache 1", record.Key };
        foreach (var (path, file) in record.Files)
            earlier.Add($"{path}\t{vouched.GetValueOrDefault(path, new string('0', 64))}\t{file.Length}\t{file.WriteTicks}");
        File.WriteAllLines(state.File("cache/fingerprints.tsv"), earlier);

        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Contains("KRL Resmi Melaju hingga Karawang", File.ReadAllText(Path.Combine(output, StoryPage)));
        AssertSameFiles(full, output);
        Assert.False(File.Exists(state.File("cache/fingerprints.tsv"))); // and it is gone once the new cache is saved
    }

    [Fact]
    public void A_build_appends_what_it_changed_to_the_build_cache_and_after_a_torn_append_still_makes_the_full_builds_site()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var cache = StaticNews.Publish.StateFolder.For(output).File("cache/fingerprints.bin");
        var first = File.ReadAllBytes(cache);

        EditKeepingSize(Path.Combine(input, Story), "Kereta Komuter Jakarta", "Kereta Listrik Jakarta");
        Assert.True(SiteBuild.Run(input, output).Success);
        var second = File.ReadAllBytes(cache);
        Assert.True(second.Length > first.Length, "nothing appended");
        Assert.Equal(first, second[..first.Length]);

        // Killed while appending: the next build reads the records before the torn one, and renders what they do not vouch for.
        File.WriteAllBytes(cache, second[..(first.Length + (second.Length - first.Length) / 2)]);
        EditKeepingSize(Path.Combine(input, Story), "Kereta Listrik Jakarta", "Kereta Ekspres Jakarta");
        Assert.True(SiteBuild.Run(input, output).Success);
        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full).Success);
        AssertSameFiles(full, output);
        Assert.Contains("Kereta Ekspres Jakarta", File.ReadAllText(Path.Combine(output, StoryPage)));
    }

    [Fact]
    public void The_build_cache_has_an_entry_for_the_files_of_the_site_and_drops_those_of_a_removed_story()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        EditKeepingSize(Path.Combine(input, Story), "Kereta Komuter Jakarta", "Kereta Listrik Jakarta");
        Assert.True(SiteBuild.Run(input, output).Success);
        var afterEdit = CachedPaths(output);
        Assert.Contains(StoryPage, afterEdit);
        Assert.Contains(afterEdit, path => path.Contains("sekolah-batik-pekalongan", StringComparison.Ordinal));

        Directory.Delete(Path.Combine(input, "articles/sekolah-batik-pekalongan"), recursive: true);
        Assert.True(SiteBuild.Run(input, output).Success);
        var cached = CachedPaths(output);
        Assert.DoesNotContain(cached, path => path.Contains("sekolah-batik-pekalongan", StringComparison.Ordinal));
        Assert.Subset(Snapshot(output).Keys.ToHashSet(), cached);
        // Every page, feed and sitemap is made from a fingerprint; the files written without one (_headers, _redirects, copies) are not in it.
        Assert.Contains(StoryPage, cached);
        Assert.Contains("sitemap.xml", cached);
    }

    private static HashSet<string> CachedPaths(string output)
    {
        var state = StaticNews.Publish.StateFolder.For(output);
        var record = StaticNews.Publish.OutputRecord.Read(state)!;
        return StaticNews.Publish.BuildCache.Load(state, record.Key, record.Files).Paths.ToHashSet();
    }

    [Fact]
    public void Renaming_a_tag_and_an_author_rewrites_the_pages_and_feed_entries_that_show_them_as_a_full_build_would()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        // Names from taxonomy.yml and authors.yml, which story pages, listings and feed entries show: the files that
        // show them are found by their fingerprints, not by a build of everything.
        Edit(Path.Combine(input, "taxonomy.yml"), "en: Football,", "en: Soccer,");
        Edit(Path.Combine(input, "authors.yml"), "id: Teuku Faisal Hakim", "id: T. Faisal Hakim");
        Edit(Path.Combine(input, "authors.yml"), "https://x.com/teukufaisal", "https://x.com/tfhakim");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        Assert.True(report.FilesKept > 0, "the edit rebuilt everything: nothing here was found by fingerprints");
        Assert.Contains("Soccer", File.ReadAllText(Path.Combine(output, "en/feed.json")));
        Assert.Contains("T. Faisal Hakim", File.ReadAllText(Path.Combine(output, "id/atom.xml")));

        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full).Success);
        AssertSameFiles(full, output);
    }

    [Fact]
    public void A_tag_renamed_by_the_stories_added_after_it_is_shown_so_on_the_pages_of_the_stories_left_as_they_were()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        // Saved well before the builds, as an archive's files are: their times vouch for them, so the build that follows
        // knows which story folders are as they were and keeps those stories' pages without summing them up again.
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        const string page = "id/2026/10/kopi-gayo-tembus-jepang/index.html";
        Assert.Equal(["Kopi"], KopiTag(output, page));

        // A tag is named in a language as most of its stories there spell it: two new stories spell it "kopi".
        foreach (var key in new[] { "kopi-robusta-lampung", "kopi-toraja-naik" })
        {
            Directory.CreateDirectory(Path.Combine(input, "articles", key));
            File.WriteAllText(Path.Combine(input, "articles", key, "id.md"),
                Articles.Original($"Berita {key}", "2026-11-02T09:00:00+07:00", "category: ekonomi\ntags: [kopi]"));
        }
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        Assert.True(report.FilesKept > 0, "the build that followed rebuilt everything");
        Assert.Equal(["kopi"], KopiTag(output, page));
        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full).Success);
        AssertSameFiles(full, output);
    }

    [Fact]
    public void A_tag_listing_that_loses_a_story_as_another_comes_due_lists_the_one_that_came_due()
    {
        // Neither story's folder changes between the builds: one is removed, the other's date comes. The tag's page lists
        // one story before and one after, all of them as they were, and must still be made again.
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var now = SiteBuild.SampleClock.Now;
        foreach (var (key, date) in new[] { ("uji-lama", now.AddDays(-3)), ("uji-terjadwal", now.AddDays(1)) })
        {
            Directory.CreateDirectory(Path.Combine(input, "articles", key));
            File.WriteAllText(Path.Combine(input, "articles", key, "id.md"),
                Articles.Original($"Berita {key}", date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "category: ekonomi\ntags: [uji]"));
        }
        // Saved well before the builds, as an archive's files are: their times vouch for them, so the build that follows
        // knows which story folders are as they were.
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        const string tagPage = "id/tag/uji/index.html";
        Assert.Equal(["Berita uji-lama"], Titles(output, tagPage));

        Directory.Delete(Path.Combine(input, "articles", "uji-lama"), recursive: true);
        var later = new BuildClock(now.AddDays(2));
        var report = SiteBuild.Run(input, output, later);
        Assert.True(report.Success);
        Assert.True(report.FilesKept > 0, "the build that followed rebuilt everything");
        Assert.Equal(["Berita uji-terjadwal"], Titles(output, tagPage));
        // The whole page as a full build makes it (the site as a whole differs: it remembers the removed story's address).
        var full = temp.Combine("full");
        Assert.True(SiteBuild.Run(input, full, later).Success);
        Assert.Equal(File.ReadAllText(Path.Combine(full, tagPage)), File.ReadAllText(Path.Combine(output, tagPage)));
    }

    /// <summary>The titles of the cards a listing page shows.</summary>
    private static string[] Titles(string output, string page) =>
        [.. HtmlPages.Load(output, page).QuerySelectorAll(".story-card h2").Select(h => h.TextContent.Trim())];

    /// <summary>The name a story page shows the tag "kopi" by, in each link to its listing.</summary>
    private static string[] KopiTag(string output, string page) =>
        [.. HtmlPages.Load(output, page).QuerySelectorAll("a[href$='/tag/kopi/']").Select(a => a.TextContent.Trim()).Distinct()];

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to));
    }

    private static void AssertSameFiles(string full, string incremental)
    {
        var made = OutputChecks.Snapshot(incremental);
        var expected = OutputChecks.Snapshot(full);
        Assert.Equal(expected.Keys, made.Keys);
        Assert.All(expected, e => Assert.True(e.Value == made[e.Key], $"{e.Key} differs from a full build"));
    }

    private static void EditKeepingSize(string file, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to));
    }
    [Fact]
    public void The_build_cache_lists_the_published_files_in_the_order_the_record_of_them_does()
    {
        // The next build reads the cache's entries against the record's files, each compared first with the file after the
        // last one found: in another order each is looked up among all of them (in a large archive, every build).
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        var state = StaticNews.Publish.StateFolder.For(output);
        var recorded = StaticNews.Publish.OutputRecord.Read(state)!.Files.Keys.ToList();
        var cached = new List<string>();
        using (var reader = new BinaryReader(File.OpenRead(state.File("cache/fingerprints.bin"))))
        {
            reader.ReadString(); // its format
            reader.ReadString(); // the build's key
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                cached.Add(reader.ReadString());
                reader.ReadBytes(StaticNews.Publish.Fingerprint.Size + 2 * sizeof(long));
            }
        }
        Assert.True(cached.Count > recorded.Count / 2, $"{cached.Count} of {recorded.Count} files cached");
        var inCache = cached.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(recorded.Where(inCache.Contains), cached);
    }
}
