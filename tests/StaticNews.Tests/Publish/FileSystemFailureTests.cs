using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// The file system failing under a build, on real file systems mounted for the test (a small tmpfs, a read-only view,
/// a FUSE mirror without atomic exchange): each failure is named as what it is, the published site stays whole, and
/// whether the new site was published is said as it is. Skipped, with the reason, where nothing can be mounted.
/// </summary>
public sealed class FileSystemFailureTests
{
    private const string Preview = "https://preview.example.org/";

    private static BuildReport Build(string input, string output, string? baseUrl = null) =>
        SiteBuild.Run(input, output, configure: o => o with { BaseUrl = baseUrl });

    [SkippableFact]
    public void A_disk_too_small_for_the_site_is_one_error_with_the_free_space_and_nothing_is_published()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        using var disk = ScratchMount.Tmpfs(temp.Combine("disk"), 1024 * 1024);
        var output = Path.Combine(disk.Path, "output");

        var report = Build(input, output);

        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.StartsWith("no space left while building", error.Message);
        Assert.Contains($"free on the file system of {disk.Path}): free some space and build again", error.Message);
        Assert.DoesNotContain(InternalError.Prefix, error.Message);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(StateFolder.For(output).File("staging")));
    }

    [SkippableFact]
    public void A_disk_that_fills_up_before_the_swap_leaves_the_published_site_and_says_so()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        // Room for the sample site, most of it its images, and then some: the filler takes the rest.
        using var disk = ScratchMount.Tmpfs(temp.Combine("disk"), 48 * 1024 * 1024);
        var output = Path.Combine(disk.Path, "output");
        Assert.True(Build(input, output).Success);
        var published = OutputChecks.Snapshot(output);
        var filler = Path.Combine(disk.Path, "filler");
        Fill(filler);

        // Another base URL: every page is rendered again, and there is no room for them.
        var (code, text) = CliProcess.Run(["build", "--input", input, "--output", output, "--base-url", Preview]);

        Assert.Equal(1, code);
        Assert.Contains("error: no space left while building", text);
        Assert.Contains("The output folder was not changed.", text);
        Assert.DoesNotContain(InternalError.Prefix, text);
        Assert.Equal(published, OutputChecks.Snapshot(output));

        File.Delete(filler);
        Assert.True(Build(input, output, Preview).Success);
        var scratch = temp.Combine("scratch");
        Assert.True(Build(input, scratch, Preview).Success);
        Assert.Equal(OutputChecks.Snapshot(scratch), OutputChecks.Snapshot(output));
    }

    [SkippableFact]
    public void A_failure_after_the_swap_is_a_warning_about_a_site_that_was_published()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(Build(input, output).Success);
        var cache = StateFolder.For(output).File("cache");

        (int Code, string Text) result;
        using (ScratchMount.ReadOnly(cache))
            result = CliProcess.Run(["build", "--input", input, "--output", output, "--base-url", Preview]);

        Assert.Equal(0, result.Code);
        Assert.Contains("warning: read-only file system while saving the build cache", result.Text);
        Assert.Contains($"{output}: {Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count()} files", result.Text);
        Assert.DoesNotContain("not changed", result.Text);
        var scratch = temp.Combine("scratch");
        Assert.True(Build(input, scratch, Preview).Success);
        Assert.Equal(OutputChecks.Snapshot(scratch), OutputChecks.Snapshot(output));
    }

    [SkippableFact]
    public void A_read_only_parent_is_named_as_such_and_the_published_site_stays()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var parent = temp.Combine("www");
        var output = Path.Combine(parent, "site");
        Assert.True(Build(input, output).Success);
        var published = OutputChecks.Snapshot(output);

        (int Code, string Text) result;
        using (ScratchMount.ReadOnly(parent))
            result = CliProcess.Run(["build", "--input", input, "--output", output, "--base-url", Preview]);

        Assert.Equal(1, result.Code);
        Assert.Contains("error: read-only file system while", result.Text);
        Assert.Contains("The output folder was not changed.", result.Text);
        Assert.DoesNotContain(InternalError.Prefix, result.Text);
        Assert.Equal(published, OutputChecks.Snapshot(output));
        Assert.True(Build(input, output, Preview).Success);
    }

    [SkippableFact]
    public void Without_an_atomic_exchange_publishing_uses_a_name_of_its_own_and_never_touches_output_old()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        using var mirror = ScratchMount.Bindfs(temp.Combine("disk"), temp.Combine("mirror"));
        var mine = Path.Combine(mirror.Path, "output.old");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "keep.txt"), "a user's folder of that name");
        var output = Path.Combine(mirror.Path, "output");

        Assert.True(Build(input, output).Success);
        var report = Build(input, output, Preview);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.True(report.OutputChanged);
        Assert.Equal("a user's folder of that name", File.ReadAllText(Path.Combine(mine, "keep.txt")));
        var scratch = temp.Combine("scratch");
        Assert.True(Build(input, scratch, Preview).Success);
        Assert.Equal(OutputChecks.Snapshot(scratch), OutputChecks.Snapshot(output));
        Assert.Equal(["cache", "feeds.json", "images", "last-build.bin", "lock", "output.bin", "urls.bin"], Directory.EnumerateFileSystemEntries(StateFolder.For(output).Path).Select(Path.GetFileName).Order());
    }

    /// <summary>Writes <paramref name="file"/> until the file system has no room left.</summary>
    private static void Fill(string file)
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) stream.Write(chunk);
        }
        catch (IOException) { }
        // What a page still fits into: smaller writes, down to a byte.
        for (var size = chunk.Length / 2; size > 0; size /= 2)
            try { while (true) stream.Write(chunk, 0, size); }
            catch (IOException) { }
    }
}
