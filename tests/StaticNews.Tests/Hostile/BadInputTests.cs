using System.Text;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// Each kind of broken input gives one clear diagnostic (file, line where there is one, what to do),
/// fails the build, and leaves the previously published site byte for byte as it was.
/// </summary>
public sealed class BadInputTests
{
    private const string Good = "---\ntitle: Good\ndate: 2026-10-01T10:00:00+07:00\n---\nBody.\n";

    /// <summary>Publishes a good site, adds the bad files, builds again; returns the failing report.</summary>
    private static BuildReport FailingBuild(TempDir temp, IReadOnlyDictionary<string, byte[]> bad, Action<string>? prepare = null)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/good/id.md"] = Good });
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = OutputChecks.Snapshot(output);
        foreach (var (path, bytes) in bad)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(input, path))!);
            File.WriteAllBytes(Path.Combine(input, path), bytes);
        }
        prepare?.Invoke(input);
        var report = SiteBuild.Run(input, output);
        Assert.False(report.Success);
        Assert.Equal(before, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(StateFolder.For(output).File("staging")), "the staging folder was left behind");
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.StartsWith(InternalError.Prefix, StringComparison.Ordinal));
        return report;
    }

    private static Dictionary<string, byte[]> One(string path, string text) => new() { [path] = Encoding.UTF8.GetBytes(text) };

    private static Diagnostic Single(BuildReport report) => Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);

    [Theory]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\n\nBody\n", 1, "front matter is not closed")]
    [InlineData("---\ntitle: [A\ndate: 2026-10-01\n---\nBody\n", 2, "malformed YAML")]
    [InlineData("---\ntitle: A\n  date: 2026-10-01\n---\nBody\n", 3, "malformed YAML")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\ntitle: B\n---\nBody\n", 4, "duplicate key 'title' (first set on line 2)")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\n? [x, y]\n: z\n---\nBody\n", 4, "a YAML key must be plain text")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\ntags: &t [a, b]\nsummary: *t\n---\nBody\n", 5, "YAML aliases (*name) are not allowed")]
    [InlineData("", 1, "the file is empty")]
    [InlineData("---\ntitle: A\ndate: 27/11/2026 09:30\n---\nBody\n", 3, "is not ISO 8601")]
    [InlineData("---\ntitle: A\ndate: 0001-01-01\n---\nBody\n", 3, "is out of range: use a year from 1000 to 9000")]
    [InlineData("---\ntitle: A\ndate: 9999-12-31T10:00:00+07:00\n---\nBody\n", 3, "is out of range")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\nslug: ../../etc\n---\nBody\n", 4, "slug '../../etc' may hold only")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\nslug: a/b\n---\nBody\n", 4, "slug 'a/b' may hold only")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\nslug: '%2e%2e'\n---\nBody\n", 4, "slug '%2e%2e' may hold only")]
    [InlineData("---\ntitle: A\ndate: 2026-10-01\nslug: nul\n---\nBody\n", 4, "reserved device name on Windows")]
    public void Broken_front_matter_is_reported_at_its_line(string text, int line, string message)
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("articles/bad/id.md", text)));
        Assert.Contains(message, error.Message);
        Assert.Equal("articles/bad/id.md", error.File);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var yaml = new StringBuilder("---\ntitle: A\ndate: 2026-10-01\nl0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 30; i++) yaml.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        yaml.Append("tags: *l29\n---\nBody\n");
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("articles/bad/id.md", yaml.ToString())));
        Assert.Contains("aliases", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        using var temp = new TempDir();
        var text = "---\ntitle: A\ndate: 2026-10-01\nx: " + new string('[', 500) + new string(']', 500) + "\n---\nBody\n";
        var error = Single(FailingBuild(temp, One("articles/bad/id.md", text)));
        Assert.Contains("nested more than", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_line_of_the_first_bad_byte()
    {
        using var temp = new TempDir();
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: A\ndate: 2026-10-01\n---\nBody\nsecond ").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes(" line\n")).ToArray();
        var error = Single(FailingBuild(temp, new Dictionary<string, byte[]> { ["articles/bad/id.md"] = bytes }));
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var temp = new TempDir();
        var big = new byte[(int)global::StaticNews.Content.SourceText.MaxBytes + 1];
        Array.Fill(big, (byte)'x');
        Encoding.ASCII.GetBytes("---\ntitle: A\ndate: 2026-10-01\n---\n").CopyTo(big, 0);
        var error = Single(FailingBuild(temp, new Dictionary<string, byte[]> { ["articles/bad/id.md"] = big }));
        Assert.Contains("an article may be at most 10 MB", error.Message);
    }

    [Fact]
    public void An_unknown_language_file_names_the_configured_ones()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("articles/good/xx.md", "---\ntitle: A\n---\nB\n")));
        Assert.Equal("articles/good/xx.md", error.File);
        Assert.Contains("language 'xx' is not configured in site.yml (configured: id, en, ar)", error.Message);
    }

    [Fact]
    public void Translations_without_an_original_are_an_error()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("articles/orphan/en.md", "---\ntitle: A\n---\nB\n")));
        Assert.Contains("has no original: add id.md", error.Message);
    }

    [Theory]
    [InlineData("my story", "may hold only letters")]
    [InlineData("a..b", "may hold only letters")]
    [InlineData("CON", "reserved device name")]
    [InlineData("aux.txt", "reserved device name")]
    public void A_story_folder_that_cannot_be_a_slug_is_an_error(string folder, string message)
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One($"articles/{folder}/id.md", Good)));
        Assert.Equal($"articles/{folder}/", error.File);
        Assert.Contains(message, error.Message);
        Assert.Contains("rename the folder, or set 'slug'", error.Message);
    }

    [Fact]
    public void A_story_folder_that_cannot_be_a_slug_builds_when_every_version_sets_one()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/Berita Hari Ini/id.md"] = "---\ntitle: A\ndate: 2026-10-01T10:00:00+07:00\nslug: berita-hari-ini\n---\nB\n",
        });
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.True(File.Exists(temp.Combine("output", "id", "2026", "10", "berita-hari-ini", "index.html")));
    }

    [Fact]
    public void Unicode_folder_names_are_slugs()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/berita-café-日本/id.md"] = Good });
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.True(File.Exists(temp.Combine("output", "id", "2026", "10", "berita-café-日本", "index.html")));
    }

    [Theory]
    [InlineData("articles/good/peta.pdf", false)]
    [InlineData("articles/good/en.md", false)]
    [InlineData("static/berita.txt", false)]
    [InlineData("articles/good/lampiran.pdf", true)]
    public async Task A_pipe_in_the_input_is_an_error_naming_it_not_a_build_that_waits_on_it(string path, bool throughLink)
    {
        using var temp = new TempDir();
        var pipe = temp.Combine(throughLink ? "input/shared/pipe" : Path.Combine("input", path));
        var build = Task.Run(() => FailingBuild(temp, new Dictionary<string, byte[]>(), input =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pipe)!);
            Assert.Equal(0, mkfifo(pipe, 0b110_100_100));
            if (throughLink) File.CreateSymbolicLink(Path.Combine(input, path), pipe);
        }));
        if (await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(60))) != build)
        {
            // A writer lets the reader waiting on the pipe go on, and the test end.
            using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"the build was still waiting on {path} after a minute");
        }
        var error = Single(await build);
        Assert.Equal(path, error.File);
        Assert.Contains("is a pipe, a socket or a device, not a file", error.Message);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    [Fact]
    public void Symlinks_out_of_the_input_are_refused()
    {
        using var temp = new TempDir();
        var outside = temp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "id.md"), Good.Replace("Good", "Secret"));
        File.WriteAllText(Path.Combine(outside, "passwd"), "root:x:0:0");
        var report = FailingBuild(temp, new Dictionary<string, byte[]>(), input =>
        {
            Directory.CreateSymbolicLink(Path.Combine(input, "articles", "linked"), outside);
            File.CreateSymbolicLink(Path.Combine(input, "articles", "good", "passwd.txt"), Path.Combine(outside, "passwd"));
            Directory.CreateDirectory(Path.Combine(input, "static"));
            File.CreateSymbolicLink(Path.Combine(input, "static", "leak.txt"), Path.Combine(outside, "passwd"));
        });
        var errors = report.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.Equal(["articles/good/passwd.txt", "articles/linked/"], errors.Select(e => e.File).Order(StringComparer.Ordinal).Take(2));
        Assert.All(errors, e => Assert.Contains("outside the input folder", e.Message));
    }

    [Fact]
    public void Symlinks_inside_the_input_are_followed()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/good/id.md"] = Good, ["shared/notes.pdf"] = "%PDF-1.7\nnotes" });
        TestImages.Write(input, "shared/photo.png", TestImages.Png(100, 80));
        File.CreateSymbolicLink(Path.Combine(input, "articles", "good", "photo.png"), Path.Combine(input, "shared", "photo.png"));
        File.CreateSymbolicLink(Path.Combine(input, "articles", "good", "notes.pdf"), Path.Combine(input, "shared", "notes.pdf"));
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.Equal("%PDF-1.7\nnotes", File.ReadAllText(temp.Combine("output", "id", "2026", "10", "good", "notes.pdf")));
        // The linked image is published as the story's image (stored once under its hash).
        using var published = NetVips.Image.NewFromFile(Directory.GetFiles(temp.Combine("output", "images"), "100.png", SearchOption.AllDirectories).Single());
        Assert.Equal((100, 80), (published.Width, published.Height));
    }

    private const string SlugPermalinkSite = SiteBuild.MinimalSiteYml + "\npermalink: /{lang}/{slug}/\n";

    [Theory]
    [InlineData("index.html")]
    [InlineData("rss.xml")]
    [InlineData("atom.xml")]
    [InlineData("feed.json")]
    [InlineData("404.html")]
    [InlineData("Index.HTML")]
    public void A_slug_named_as_a_listing_file_is_an_error_at_its_line_and_the_home_page_stays(string slug)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/good/id.md"] = Good }, SlugPermalinkSite);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = OutputChecks.Snapshot(output);
        File.WriteAllText(Path.Combine(input, "articles", "good", "en.md"), $"---\ntitle: Good\nslug: {slug}\n---\nBody.\n");

        var report = SiteBuild.Run(input, output);

        Assert.False(report.Success);
        var error = Single(report);
        Assert.Equal(("articles/good/en.md", 3), (error.File, error.Line));
        Assert.Contains($"slug '{slug}' is the name of a file every listing folder holds", error.Message);
        Assert.Equal(before, OutputChecks.Snapshot(output));
        Assert.True(File.Exists(Path.Combine(output, "en", "index.html")));
    }

    [Fact]
    public void A_story_folder_named_as_a_listing_file_is_an_error_with_the_folder()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/good/id.md"] = Good }, SlugPermalinkSite);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = OutputChecks.Snapshot(output);
        Directory.CreateDirectory(Path.Combine(input, "articles", "rss.xml"));
        File.WriteAllText(Path.Combine(input, "articles", "rss.xml", "id.md"), Good);

        var error = Single(SiteBuild.Run(input, output));

        Assert.Equal("articles/rss.xml/", error.File);
        Assert.Contains("is the name of a file every listing folder holds", error.Message);
        Assert.Equal(before, OutputChecks.Snapshot(output));
    }

    [Fact]
    public void A_file_whose_path_another_file_needs_as_a_folder_is_one_error_naming_both()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("static/id/index.html/notes.txt", "notes")));
        Assert.Equal("id/index.html is wanted both as a file (by theme) and as a folder (by static/id/index.html/notes.txt): rename one of them", error.Message);
    }

    [Fact]
    public void A_file_wanted_as_a_folder_above_a_folder_two_files_share_is_one_error_naming_both()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, new Dictionary<string, byte[]>
        {
            ["static/id/index.html/notes/one.txt"] = Encoding.UTF8.GetBytes("one"),
            ["static/id/index.html/notes/two.txt"] = Encoding.UTF8.GetBytes("two"),
        }));
        Assert.StartsWith("id/index.html is wanted both as a file (by theme) and as a folder (by static/id/index.html/notes/", error.Message);
        Assert.EndsWith("): rename one of them", error.Message);
    }

    // FailingBuild builds the site first: the pages below are published, and the second build keeps them.
    [Fact]
    public void A_file_where_a_published_folder_holds_kept_pages_is_one_error_naming_both()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("static/id", "a file in the place of the Indonesian pages")));
        Assert.StartsWith("id is wanted both as a file (by static/id) and as a folder (by ", error.Message);
        Assert.EndsWith("): rename one of them", error.Message);
    }

    [Fact]
    public void A_file_at_the_path_of_a_kept_page_is_one_error_naming_both()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, One("static/id/index.html", "<p>another home</p>")));
        Assert.Matches(@"^two documents claim id/index\.html: (theme and static/id/index\.html|static/id/index\.html and theme)$", error.Message);
    }

    [Fact]
    public void A_symbolic_link_loop_in_static_is_one_error_per_link()
    {
        using var temp = new TempDir();
        var report = FailingBuild(temp, One("static/assets/logo.txt", "logo"), input =>
        {
            Directory.CreateSymbolicLink(Path.Combine(input, "static", "assets", "again"), Path.Combine(input, "static", "assets"));
            File.CreateSymbolicLink(Path.Combine(input, "static", "self"), Path.Combine(input, "static", "self"));
        });
        var errors = report.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.Equal(["static/assets/again", "static/self"], errors.Select(e => e.File));
        Assert.Contains("is a symbolic link to a folder it lies in", errors[0].Message);
        Assert.Contains("is a symbolic link that leads in a loop", errors[1].Message);
    }

    [Fact]
    public void Two_stories_claiming_one_url_are_an_error()
    {
        using var temp = new TempDir();
        var report = FailingBuild(temp, new Dictionary<string, byte[]>
        {
            ["articles/a/id.md"] = Encoding.UTF8.GetBytes("---\ntitle: A\ndate: 2026-10-01T10:00:00+07:00\nslug: same\n---\nB\n"),
            ["articles/b/id.md"] = Encoding.UTF8.GetBytes("---\ntitle: B\ndate: 2026-10-02T10:00:00+07:00\nslug: same\n---\nB\n"),
        });
        Assert.Contains("two documents claim the URL /id/2026/10/same/", Single(report).Message);
    }

    [Fact]
    public void No_stories_at_all_is_an_error_that_keeps_the_published_site()
    {
        using var temp = new TempDir();
        var error = Single(FailingBuild(temp, new Dictionary<string, byte[]>(), input => Directory.Delete(Path.Combine(input, "articles", "good"), true)));
        Assert.Contains("no stories to publish", error.Message);
    }

    [Fact]
    public void A_bom_crlf_lone_cr_and_a_megabyte_line_are_fine_and_control_characters_are_a_warning()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/bom/id.md"] = "\uFEFF---\r\ntitle: Bom\r\ndate: 2026-10-01T10:00:00+07:00\r\n---\r\nOne\rTwo\r\n",
            ["articles/long/id.md"] = "---\ntitle: Long\ndate: 2026-10-02T10:00:00+07:00\n---\n" + new string('y', 1024 * 1024) + "\n",
            ["articles/ctl/id.md"] = "---\ntitle: A\u0001B\ndate: 2026-10-03T10:00:00+07:00\n---\nBo\u0007dy \u001b[31m\n",
        });
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        var warning = Assert.Single(report.Diagnostics);
        Assert.Equal(("articles/ctl/id.md", 2), (warning.File, warning.Line));
        Assert.Contains("control character U+0001 removed", warning.Message);
        var page = File.ReadAllText(Path.Combine(output, "id", "2026", "10", "ctl", "index.html"));
        Assert.Contains("AB", page);
        Assert.DoesNotContain('\u0007', page);
        Assert.Empty(OutputChecks.Problems(output));
    }

    [Fact]
    public void An_exception_inside_a_pipeline_is_an_internal_error_diagnostic_not_a_crash()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/good/id.md"] = Good });
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = OutputChecks.Snapshot(output);
        var diagnostics = new BuildEngineProbe().Run(input, output);
        var error = Assert.Single(diagnostics.Sorted());
        Assert.StartsWith("internal error in the Throwing pipeline: InvalidOperationException: boom", error.Message);
        Assert.Equal(before, OutputChecks.Snapshot(output));
    }

    /// <summary>Runs the real engine over one pipeline that throws, the way a bug in any pipeline would.</summary>
    private sealed class BuildEngineProbe
    {
        public DiagnosticBag Run(string input, string output)
        {
            var diagnostics = new DiagnosticBag();
            var options = new BuildOptions { InputDirectory = input, OutputDirectory = output };
            var site = Configuration.SiteConfigLoader.Load(input, null, diagnostics)!;
            var session = new BuildSession(site, options, SiteBuild.SampleClock, new global::StaticNews.Pages.Theme(null),
                new OutputSink(Path.Combine(Path.GetTempPath(), "staticnews-tests", Guid.NewGuid().ToString("N"))), diagnostics);
            new BuildEngine([new ThrowingPipeline()]).RunAsync(session).GetAwaiter().GetResult();
            return diagnostics;
        }
    }

    private sealed class ThrowingPipeline : OutputPipeline
    {
        protected override void Write(PipelineContext context) => throw new InvalidOperationException("boom");
    }
}
