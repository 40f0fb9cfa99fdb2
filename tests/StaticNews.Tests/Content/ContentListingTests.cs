using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Content;

/// <summary>
/// The content stage reads the story files the build listed when it started (its <see cref="InputSnapshot"/>), not a
/// second listing of articles/ made later; and it finds in that snapshot exactly what listing the folders finds.
/// </summary>
public sealed class ContentListingTests
{
    [Fact]
    public void A_story_saved_after_the_build_listed_the_input_is_left_for_the_next_build()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo") });
        OldFiles.Age(input);
        var snapshot = InputSnapshot.Take(input);
        Assert.True(snapshot.Trusted);

        OldFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir"));

        var content = ReadContent(input, snapshot);
        Assert.Equal(["articles/kopi-gayo/id.md"], content.Articles.Select(a => a.SourcePath));
        Assert.DoesNotContain("banjir", content.StoryAssets.Keys);
    }

    [Fact]
    public void A_story_saved_just_before_the_build_is_listed_without_a_stamp_and_read()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo") });
        OldFiles.Age(input);
        // Saved just now, as a breaking story is: too new for its stamp to vouch for it (FileStamp.RacyWindow).
        NewFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir"));
        var snapshot = InputSnapshot.Take(input);
        Assert.True(snapshot.Trusted);
        Assert.Null(snapshot.Files.Single(f => f.Path == "articles/banjir/id.md").Stamp);
        Assert.NotNull(snapshot.Files.Single(f => f.Path == "articles/kopi-gayo/id.md").Stamp);
        // No later listing matches this one by itself: the next build reads the new file again rather than trust its time,
        // unless its build found it settled (InputSnapshot.Settle, see UpToDateBuildTests).
        Assert.Equal(["articles/banjir/id.md"], snapshot.Unstamped);
        Assert.Null(snapshot.DigestAsIfUnstamped(new Dictionary<string, FileStamp>()));

        OldFiles.Save(input, "articles/gempa/id.md", Articles.Original("Gempa"));

        var content = ReadContent(input, snapshot);
        Assert.Equal(["articles/banjir/id.md", "articles/kopi-gayo/id.md"], content.Articles.Select(a => a.SourcePath));
        Assert.Equal("Banjir", content.Articles[0].Title);
    }

    [Fact]
    public void A_later_listing_matches_through_the_stamps_the_files_too_new_to_stamp_settled_with()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo") });
        OldFiles.Age(input);
        var banjir = NewFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir"));
        var first = InputSnapshot.Take(input);
        Assert.Equal(["articles/banjir/id.md"], first.Unstamped);

        // Later, the file old enough for its time to vouch for it (as a build that found it holding what it read records it).
        File.SetLastWriteTimeUtc(banjir, OldFiles.Time.AddMinutes(5));
        var settled = new Dictionary<string, FileStamp> { ["articles/banjir/id.md"] = FileStamp.Of(new FileInfo(banjir), DateTime.UtcNow)!.Value };
        var later = InputSnapshot.Take(input);
        Assert.Empty(later.Unstamped);
        Assert.Equal(first.Digest, later.DigestAsIfUnstamped(settled));
        // Not by itself, nor with another stamp for it: it was saved again since.
        Assert.NotEqual(first.Digest, later.DigestAsIfUnstamped(new Dictionary<string, FileStamp>()));
        File.SetLastWriteTimeUtc(banjir, OldFiles.Time.AddMinutes(6));
        Assert.Null(InputSnapshot.Take(input).DigestAsIfUnstamped(settled));
        File.SetLastWriteTimeUtc(banjir, OldFiles.Time.AddMinutes(5));
        // Nor once another file was added, or while another is too new to stamp.
        OldFiles.Save(input, "articles/gempa/id.md", Articles.Original("Gempa"));
        Assert.NotEqual(first.Digest, InputSnapshot.Take(input).DigestAsIfUnstamped(settled));
        NewFiles.Save(input, "articles/gempa/id.md", Articles.Original("Gempa"));
        Assert.Null(InputSnapshot.Take(input).DigestAsIfUnstamped(settled));
    }

    [Fact]
    public void A_snapshot_holding_a_symbolic_link_is_not_used()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo") });
        File.CreateSymbolicLink(Path.Combine(input, "articles", "kopi-gayo", "en.md"), Path.Combine(input, "articles", "kopi-gayo", "id.md"));
        OldFiles.Age(input);
        var snapshot = InputSnapshot.Take(input);
        Assert.False(snapshot.Trusted);
        Assert.Null(snapshot.Digest);

        OldFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir"));

        // Listed again by the content stage, which checks where each link leads.
        var content = ReadContent(input, snapshot);
        Assert.Contains("articles/banjir/id.md", content.Articles.Select(a => a.SourcePath));
    }

    [Fact]
    public void The_snapshot_gives_the_stories_files_and_assets_that_listing_the_folders_gives()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            // "a-b/" comes before "a/" in the order of paths, after it in the order of folder names.
            ["articles/a/id.md"] = Articles.Original("A"),
            ["articles/a/en.md"] = Articles.Original("A in English"),
            ["articles/a/chart.pdf"] = "%PDF-1.4",
            ["articles/a/.draft.md"] = Articles.Original("hidden file"),
            ["articles/a/old/id.md"] = Articles.Original("in a folder inside the story's"),
            ["articles/a-b/id.md"] = Articles.Original("A-B"),
            ["articles/.trash/id.md"] = Articles.Original("hidden folder"),
            ["articles/README.md"] = "not a story",
            ["articles/only-folders/x/id.md"] = Articles.Original("no file of its own"),
            ["pages/about.md"] = "outside articles/",
        });
        OldFiles.Age(input);
        var snapshot = InputSnapshot.Take(input);
        Assert.True(snapshot.Trusted);

        var listed = ReadContent(input, inputs: null);
        var fromSnapshot = ReadContent(input, snapshot);

        Assert.Equal(["articles/a-b/id.md", "articles/a/en.md", "articles/a/id.md"], listed.Articles.Select(a => a.SourcePath).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Articles.Select(a => (a.SourcePath, a.StoryKey, a.Language, a.Title)), fromSnapshot.Articles.Select(a => (a.SourcePath, a.StoryKey, a.Language, a.Title)));
        Assert.Equal([Path.Combine(Path.GetFullPath(input), "articles", "a", "chart.pdf")], fromSnapshot.StoryAssets["a"]);
        Assert.Equal(listed.StoryAssets["a"], fromSnapshot.StoryAssets["a"]);
        Assert.Empty(fromSnapshot.StoryAssets["a-b"]);
    }

    [Fact]
    public void The_snapshot_lists_every_file_once_in_the_ordinal_order_of_its_path()
    {
        using var temp = new TempDir();
        // Names where the order of paths is not the order of folders: "a-b/" and "a.md" sort before "a/", "a0/" after;
        // files at the top two levels fall between story folders.
        var written = new[]
        {
            "articles/a/id.md", "articles/a/old/id.md", "articles/a/z.txt", "articles/a-b/id.md", "articles/a.md", "articles/a0/en.md",
            "articles/B/id.md", "articles/b/id.md", "articles/kopi/id.md", "articles/README.md", "pages/about.md", "pages/a/b/c.md",
            "pages.md", "articles.txt",
        };
        var input = SiteBuild.WriteSite(temp, written.ToDictionary(path => path, path => Articles.Original(path)));
        OldFiles.Age(input);

        var snapshot = InputSnapshot.Take(input);

        var onDisk = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(input, file).Replace(Path.DirectorySeparatorChar, '/'));
        Assert.Superset(written.ToHashSet(), onDisk.ToHashSet());
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), snapshot.Files.Select(file => file.Path));
    }

    [Fact]
    public void Each_file_is_listed_with_the_size_and_time_that_a_stat_of_it_gives()
    {
        // What a later build compares is made of these stamps: listed any other way, unchanged files must give the same ones.
        using var temp = new TempDir();
        var written = new[] { "articles/kopi-gayo/id.md", "articles/東京-オリンピック/ja.md", "articles/café crème/fr.md", "articles/kopi-gayo/peta/kota lama.svg", "site-extra.txt" };
        var input = SiteBuild.WriteSite(temp, written.Select((path, i) => (path, i)).ToDictionary(file => file.path, file => new string('x', 10 + 7 * file.i)));
        var writtenAt = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        foreach (var (path, i) in written.Select((path, i) => (path, i)))
            File.SetLastWriteTimeUtc(Path.Combine(input, path), writtenAt.AddTicks(1_234_567 * (i + 1)));

        var snapshot = InputSnapshot.Take(input);

        Assert.True(snapshot.Trusted);
        foreach (var path in written)
        {
            var file = new FileInfo(Path.Combine(input, path));
            Assert.Equal(new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks), snapshot.Files.Single(listed => listed.Path == path).Stamp);
        }
    }

    [Fact]
    public void A_folder_of_thousands_of_files_is_listed_whole()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/galeri/id.md"] = Articles.Original("Galeri") });
        // More entries than one read of a folder returns.
        var pictures = Enumerable.Range(0, 3000).Select(i => $"articles/galeri/foto-{i:D4}-pasar-terapung-banjarmasin-pagi-hari.jpg").ToList();
        foreach (var picture in pictures) File.WriteAllBytes(Path.Combine(input, picture), []);
        OldFiles.Age(input);

        var snapshot = InputSnapshot.Take(input);

        Assert.True(snapshot.Trusted);
        Assert.Equal([.. pictures, "articles/galeri/id.md"], snapshot.Files.Select(file => file.Path).Where(path => path.StartsWith("articles/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("a pipe")]
    [InlineData("a link to a folder")]
    public void A_snapshot_holding_a_special_file_is_not_used(string special)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo"), ["shared/peta.svg"] = "<svg/>" });
        Directory.CreateDirectory(Path.Combine(input, "articles", "kopi-gayo", "lampiran"));
        var path = Path.Combine(input, "articles", "kopi-gayo", "lampiran", "peta");
        if (special == "a pipe") Assert.Equal(0, mkfifo(path, 0b110_100_100));
        else Directory.CreateSymbolicLink(path, Path.Combine(input, "shared"));
        OldFiles.Age(input);

        var snapshot = InputSnapshot.Take(input);

        Assert.False(snapshot.Trusted);
        Assert.Null(snapshot.Digest);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    /// <summary>Runs the content stage alone, as a build would with <paramref name="inputs"/> as its listing of the input.</summary>
    private static ContentResult ReadContent(string input, InputSnapshot? inputs)
    {
        var diagnostics = new DiagnosticBag();
        var site = StaticNews.Configuration.SiteConfigLoader.Load(input, null, diagnostics)!;
        var staging = Path.Combine(Path.GetDirectoryName(input)!, $"staging-{Guid.NewGuid():N}");
        var session = new BuildSession(site, new BuildOptions { InputDirectory = input, OutputDirectory = "unused" }, SiteBuild.SampleClock,
            new global::StaticNews.Pages.Theme(null), new OutputSink(staging), diagnostics) { Inputs = inputs };
        var content = new ContentPipeline();
        Assert.True(new BuildEngine([content]).RunAsync(session).Wait(TimeSpan.FromSeconds(30)), "the content stage did not finish");
        Assert.DoesNotContain(diagnostics.Sorted(), d => d.Severity == Severity.Error);
        return content.Result;
    }
}
