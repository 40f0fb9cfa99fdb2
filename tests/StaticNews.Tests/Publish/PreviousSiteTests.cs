using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Builds that stage into the previous site kept beside the output (instead of a fresh tree): a run of
/// edits, additions and removals must each publish exactly what a build from scratch would, touch only
/// the files that change, and never trust a previous site that no longer matches the output.
/// </summary>
public sealed class PreviousSiteTests
{
    private const string Story = "articles/krl-tembus-karawang/id.md";
    private const string StoryPage = "id/2026/10/krl-tembus-karawang/index.html";

    private static SortedDictionary<string, string> FromScratch(TempDir temp, string input)
    {
        var output = temp.Combine("scratch-" + Guid.NewGuid().ToString("N"));
        Assert.True(SiteBuild.Run(input, output).Success);
        return OutputChecks.Snapshot(output);
    }

    private static void Edit(string input, string path, string from, string to)
    {
        var file = Path.Combine(input, path);
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to));
    }

    [Fact]
    public void A_run_of_rebuilds_reuses_the_previous_site_and_each_publishes_what_a_full_build_would()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        var previous = PreviousSite.FolderFor(output);
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.False(Directory.Exists(previous)); // the first build had no site to swap out

        // 1: an edit, published by a swap: the old site is kept beside the output.
        Edit(input, Story, "Kereta Komuter Jakarta Resmi Melaju hingga Karawang", "KRL Resmi Melaju hingga Karawang");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
        Assert.True(Directory.Exists(previous));

        // 2: a second edit stages into that kept site. Only the files whose bytes change are new files.
        var before = Times(output);
        Edit(input, Story, "KRL Resmi Melaju hingga Karawang", "KRL Melaju sampai Karawang");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success);
        var expected = FromScratch(temp, input);
        Assert.Equal(expected, OutputChecks.Snapshot(output));
        var after = Times(output);
        var rewritten = after.Where(e => e.Value != before[e.Key]).Select(e => e.Key).ToList();
        Assert.Contains(StoryPage, rewritten);
        Assert.Equal(report.FilesWritten, rewritten.Count);
        Assert.DoesNotContain("en/index.html", rewritten);
        Assert.False(Directory.Exists(Publisher.StagingFor(output)));

        // 3: a story removed, 4: a story added, 5: nothing changed — each exactly a full build's output.
        Directory.Delete(Path.Combine(input, "articles/sekolah-batik-pekalongan"), recursive: true);
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
        Assert.Empty(Directory.EnumerateDirectories(output, "sekolah-batik-pekalongan", SearchOption.AllDirectories));

        Directory.CreateDirectory(Path.Combine(input, "articles/pasar-apung-banjarmasin"));
        File.WriteAllText(Path.Combine(input, "articles/pasar-apung-banjarmasin/id.md"),
            Articles.Original("Pasar Apung Banjarmasin Ramai Lagi", "2026-11-20T07:00:00+07:00", "category: ekonomi"));
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));

        var settled = Times(output);
        var unchanged = SiteBuild.Run(input, output);
        Assert.True(unchanged.Success);
        Assert.False(unchanged.OutputChanged);
        Assert.Equal(settled, Times(output));
        // The kept site is a whole site too (the one published before), with no folder left empty.
        Assert.DoesNotContain(Directory.EnumerateDirectories(previous, "*", SearchOption.AllDirectories), d => !Directory.EnumerateFileSystemEntries(d).Any());
    }

    [Fact]
    public void A_previous_site_that_no_longer_matches_the_output_is_not_trusted()
    {
        using var temp = new TempDir();
        var (input, output) = PublishedWithAPreviousSite(temp);
        Assert.True(Directory.Exists(PreviousSite.FolderFor(output)));

        // The output folder replaced by hand with a copy holding an extra file and missing one.
        var copy = temp.Combine("copy");
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.Delete(output, recursive: true);
        Directory.Move(copy, output);
        File.WriteAllText(Path.Combine(output, "stray.html"), "<p>left by hand</p>");
        File.Delete(Path.Combine(output, "en/index.html"));

        Edit(input, Story, "KRL Resmi Melaju hingga Karawang", "KRL Melaju sampai Karawang");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    [Fact]
    public void A_failed_build_keeps_the_previous_site_for_the_next_one()
    {
        using var temp = new TempDir();
        var (input, output) = PublishedWithAPreviousSite(temp);
        var published = OutputChecks.Snapshot(output);

        File.WriteAllText(Path.Combine(input, Story), "---\ntitle: [unclosed\n---\n");
        Assert.False(SiteBuild.Run(input, output).Success);
        Assert.Equal(published, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(Publisher.StagingFor(output)));
        Assert.True(Directory.Exists(PreviousSite.FolderFor(output)));

        File.WriteAllText(Path.Combine(input, Story), File.ReadAllText(Path.Combine(Repo.SampleInput, Story)));
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Equal(FromScratch(temp, input), OutputChecks.Snapshot(output));
    }

    /// <summary>A copy of the sample site built, then built again after an edit: the second build kept the first site beside the output.</summary>
    private static (string Input, string Output) PublishedWithAPreviousSite(TempDir temp)
    {
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        Edit(input, Story, "Kereta Komuter Jakarta Resmi Melaju hingga Karawang", "KRL Resmi Melaju hingga Karawang");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.True(Directory.Exists(PreviousSite.FolderFor(output)));
        return (input, output);
    }

    private static Dictionary<string, DateTime> Times(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), File.GetLastWriteTimeUtc);
}
