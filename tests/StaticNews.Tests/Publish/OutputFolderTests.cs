using System.Globalization;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// The output folders a careless user might name: StaticNews refuses each before touching anything, with one line
/// that says what to do, and builds after builds leave every file it did not publish where it was.
/// </summary>
public sealed class OutputFolderTests
{
    private static string SampleCopy(TempDir temp, string name = "input") => temp.CopyFrom(Repo.SampleInput, name);

    /// <summary>
    /// Builds twice, each with something to publish (another base URL; a build that finds no input changed does not
    /// look at the output): both refused, nothing touched.
    /// </summary>
    private static BuildReport RefusedTwice(string input, string output, string expected)
    {
        BuildReport report = null!;
        foreach (var baseUrl in new[] { "https://preview-1.example.org/", "https://preview-2.example.org/" })
        {
            report = SiteBuild.Run(input, output, configure: o => o with { BaseUrl = baseUrl });
            Assert.False(report.Success);
            Assert.True(report.Refused, string.Join("\n", report.Diagnostics));
            var error = Assert.Single(report.Diagnostics);
            Assert.Contains(expected, error.Message);
            Assert.Contains("--output ", error.Message); // what to give instead
        }
        return report;
    }

    [Fact]
    public void An_existing_folder_holding_files_StaticNews_did_not_publish_is_refused_and_kept_whole()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var docs = temp.Combine("docs");
        Directory.CreateDirectory(Path.Combine(docs, "chapters"));
        File.WriteAllText(Path.Combine(docs, "thesis.txt"), "four years of work");
        File.WriteAllText(Path.Combine(docs, "chapters", "one.md"), "# One");
        var before = OutputChecks.Snapshot(docs);

        RefusedTwice(input, docs, "holds files StaticNews did not publish");

        Assert.Equal(before, OutputChecks.Snapshot(docs));
        Assert.Equal(["docs", "input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order()); // nothing made beside it
        // What the refusal says to do instead: an empty folder, or a new one.
        Directory.CreateDirectory(temp.Combine("empty", "site"));
        Assert.True(SiteBuild.Run(input, temp.Combine("empty", "site")).Success);
        Assert.True(SiteBuild.Run(input, temp.Combine("new", "deeper", "site")).Success);
        Assert.True(File.Exists(temp.Combine("new", "deeper", "site", "index.html")));
    }

    [Fact]
    public void The_input_folder_a_folder_around_it_and_one_inside_it_are_refused()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp, Path.Combine("site", "input"));
        var before = OutputChecks.Snapshot(temp.Combine("site"));

        RefusedTwice(input, input, "is the input folder");
        RefusedTwice(input, temp.Combine("site"), "holds the input folder");
        RefusedTwice(input, Path.Combine(input, "static", "out"), "is inside the input folder");
        // Through a link to it, too.
        Directory.CreateSymbolicLink(temp.Combine("alias"), temp.Combine("site"));
        RefusedTwice(input, temp.Combine("alias", "input"), "is the input folder");

        Assert.Equal(before, OutputChecks.Snapshot(temp.Combine("site")));
    }

    [Fact]
    public void The_current_folder_of_a_git_working_tree_is_refused()
    {
        using var temp = new TempDir();
        var repository = temp.Combine("newsroom");
        SampleCopy(temp, Path.Combine("newsroom", "input"));
        Directory.CreateDirectory(Path.Combine(repository, ".git", "objects"));
        File.WriteAllText(Path.Combine(repository, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(repository, "README.md"), "our newsroom");
        var before = OutputChecks.Snapshot(repository);

        foreach (var more in new[] { Array.Empty<string>(), ["--base-url", "https://preview.example.org/"] })
        {
            var (code, output) = CliProcess.Run(["build", "--output", ".", .. more], repository);
            Assert.Equal(2, code);
            Assert.Contains("error: the output folder . is the current folder (the working tree of a repository)", output);
        }
        Assert.Equal(before, OutputChecks.Snapshot(repository));
        Assert.False(Directory.Exists(temp.Combine(".newsroom.state")));
    }

    [Fact]
    public void The_home_folder_is_refused()
    {
        using var temp = new TempDir();
        var home = temp.Combine("home");
        var input = SampleCopy(temp, Path.Combine("home", "site", "input"));
        File.WriteAllText(Path.Combine(home, ".bashrc"), "export EDITOR=vi");
        var before = OutputChecks.Snapshot(home);

        foreach (var more in new[] { Array.Empty<string>(), ["--base-url", "https://preview.example.org/"] })
        {
            var (code, output) = CliProcess.Run(["build", "--input", input, "--output", home, .. more], environment: new Dictionary<string, string> { ["HOME"] = home });
            Assert.Equal(2, code);
            Assert.Contains("is your home folder", output);
        }
        Assert.Equal(before, OutputChecks.Snapshot(home));
    }

    [Fact]
    public void The_root_of_the_file_system_is_refused_before_anything_is_looked_at()
    {
        // Checked on the rules alone: on a StaticNews without them this would build into /.
        var refusal = Assert.Throws<OutputRefusedException>(() => OutputRules.Check("/", []));
        Assert.Contains("is the root of the file system", refusal.Message);
    }

    [Fact]
    public void An_output_that_is_a_symbolic_link_is_refused_and_what_it_leads_to_is_untouched()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var webRoot = temp.Combine("www");
        Directory.CreateDirectory(webRoot);
        File.WriteAllText(Path.Combine(webRoot, "index.html"), "<p>the live site, published by hand</p>");
        File.WriteAllText(Path.Combine(webRoot, "favicon.ico"), "icon");
        var output = temp.Combine("output");
        Directory.CreateSymbolicLink(output, webRoot);
        var before = OutputChecks.Snapshot(webRoot);

        var report = RefusedTwice(input, output, "is a symbolic link (to ");
        Assert.Contains($"--output {webRoot}", report.Diagnostics[0].Message);

        Assert.Equal(webRoot, new DirectoryInfo(output).LinkTarget); // still the link
        Assert.Equal(before, OutputChecks.Snapshot(webRoot));
    }

    [Fact]
    public void A_symbolic_link_put_inside_the_output_is_refused_and_nothing_behind_it_is_deleted()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var media = temp.Combine("srv-media");
        Directory.CreateDirectory(Path.Combine(media, "2026"));
        File.WriteAllText(Path.Combine(media, "2026", "flood.jpg"), "photo");
        File.WriteAllText(Path.Combine(media, "video.mp4"), "video");
        Directory.CreateSymbolicLink(Path.Combine(output, "media"), media);
        var before = OutputChecks.Snapshot(media);

        RefusedTwice(input, output, $"{Path.Join(output, "media")} is a symbolic link");

        Assert.Equal(before, OutputChecks.Snapshot(media));
        Assert.Equal(media, new DirectoryInfo(Path.Combine(output, "media")).LinkTarget);
    }

    [Fact]
    public void A_file_put_into_the_output_by_hand_is_refused_until_it_is_moved_away()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        File.WriteAllText(Path.Combine(output, "en", "notes.txt"), "an editor's notes");
        // With no input changed, the build has nothing to publish and touches nothing: it does not look.
        Assert.True(SiteBuild.Run(input, output).UpToDate);

        RefusedTwice(input, output, $"{Path.Join(output, "en/notes.txt")} in the output folder was not published by StaticNews");
        Assert.Equal("an editor's notes", File.ReadAllText(Path.Combine(output, "en", "notes.txt")));

        File.Move(Path.Combine(output, "en", "notes.txt"), temp.Combine("notes.txt"));
        Assert.True(SiteBuild.Run(input, output, configure: o => o with { BaseUrl = "https://preview.example.org/" }).Success);
    }

    [Fact]
    public void An_output_made_by_the_earlier_StaticNews_is_taken_as_its_own_and_its_old_folders_are_removed()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        // As the StaticNews before the state folder left it: its records in .output.cache/, the site published before
        // in .output.previous/ (named in its record by creation time), and no record of this version's.
        Directory.Delete(StateFolder.For(output).Path, recursive: true);
        var cache = temp.Combine(".output.cache");
        var previous = temp.Combine(".output.previous");
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(Path.Combine(previous, "en"));
        File.WriteAllText(Path.Combine(previous, "en", "index.html"), "<p>an older site</p>");
        File.WriteAllText(Path.Combine(cache, "fingerprints.tsv"), "staticnews-cache 1\nsomekey\n");
        File.WriteAllText(Path.Combine(cache, "previous.tsv"), "staticnews-previous 1\n" +
            $"{Directory.GetCreationTimeUtc(output).Ticks}\t{Directory.GetCreationTimeUtc(previous).Ticks.ToString(CultureInfo.InvariantCulture)}\n=\ten/index.html\n");
        var edited = Path.Combine(input, "articles/krl-tembus-karawang/id.md");
        File.WriteAllText(edited, File.ReadAllText(edited).Replace("Kereta Komuter Jakarta Resmi Melaju hingga Karawang", "KRL Resmi Melaju hingga Karawang"));

        var report = SiteBuild.Run(input, output);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.True(report.OutputChanged);
        var scratch = temp.Combine("scratch");
        Assert.True(SiteBuild.Run(input, scratch).Success);
        Assert.Equal(OutputChecks.Snapshot(scratch), OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(cache));
        Assert.False(Directory.Exists(previous));
    }

    [Fact]
    public void A_folder_of_the_same_name_as_the_earlier_versions_that_they_did_not_make_stays()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        var previous = temp.Combine(".output.previous");
        Directory.CreateDirectory(previous);
        File.WriteAllText(Path.Combine(previous, "mine.txt"), "not StaticNews's");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.True(SiteBuild.Run(input, output, configure: o => o with { BaseUrl = "https://preview.example.org/" }).Success);
        Assert.Equal("not StaticNews's", File.ReadAllText(Path.Combine(previous, "mine.txt")));
    }
}
