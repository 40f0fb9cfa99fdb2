using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Content;

/// <summary>Bad input: every problem reported at once, each with file and line; the build fails and changes nothing.</summary>
public sealed class ValidationTests
{
    private static BuildReport Build(TempDir temp, Dictionary<string, string> files, string? siteYml = null) =>
        SiteBuild.Run(SiteBuild.WriteSite(temp, files, siteYml), temp.Combine("out"));

    private static Diagnostic Single(BuildReport report, Severity severity = Severity.Error) =>
        Assert.Single(report.Diagnostics, d => d.Severity == severity);

    [Theory]
    [InlineData("---\ntitle: [unclosed\ndate: 2026-11-01T09:00:00+07:00\n---\nBody\n", "malformed YAML", 2)]
    [InlineData("---\ntitle: Judul\ndate: 2026-11-01T09:00:00+07:00\nBody without closing fence\n", "not closed", 1)]
    [InlineData("---\ndate: 2026-11-01T09:00:00+07:00\n---\nBody\n", "title is required", 2)]
    [InlineData("---\ntitle: Judul\n---\nBody\n", "date is required", 2)]
    [InlineData("---\ntitle: Judul\ndate: 01/11/2026 09:00\n---\nBody\n", "not ISO 8601", 3)]
    [InlineData("---\ntitle: Judul\ndate: 1 November 2026\n---\nBody\n", "not ISO 8601", 3)]
    [InlineData("---\r\ntitle: Judul\r\n\r\ndate: 2026-13-01T09:00:00+07:00\r\n---\r\nBody\r\n", "not ISO 8601", 4)]
    [InlineData("Just a body\n", "no front matter", 1)]
    [InlineData("", "empty", 1)]
    public void Broken_article_is_reported_with_file_and_line(string text, string message, int line)
    {
        using var temp = new TempDir();
        var report = Build(temp, new() { ["articles/s/id.md"] = text });
        Assert.False(report.Success);
        var error = Single(report);
        Assert.Contains(message, error.Message);
        Assert.Equal("articles/s/id.md", error.File);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void All_errors_of_a_build_are_reported_together()
    {
        using var temp = new TempDir();
        var report = Build(temp, new()
        {
            ["articles/a/id.md"] = Md("date: 2026-11-01T09:00:00+07:00"),
            ["articles/b/id.md"] = Md("title: B\ndate: yesterday"),
            ["articles/c/en.md"] = Md("title: C"),
            ["articles/d/de.md"] = Md("title: D"),
            ["articles/e/id.md"] = Original("E", extra: "colour: red"),
        });
        Assert.False(report.Success);
        Assert.Equal(4, report.Errors);
        Assert.Contains(report.Diagnostics, d => d.File == "articles/a/id.md" && d.Message.Contains("title"));
        Assert.Contains(report.Diagnostics, d => d.File == "articles/b/id.md" && d.Line == 3);
        Assert.Contains(report.Diagnostics, d => d.File == "articles/c/" && d.Message.Contains("no original"));
        Assert.Contains(report.Diagnostics, d => d.File == "articles/d/de.md" && d.Message.Contains("'de' is not configured"));
        var warning = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Warning);
        Assert.Equal(("articles/e/id.md", 4), (warning.File, warning.Line));
        Assert.Contains("colour", warning.Message);
    }

    [Fact]
    public void Two_documents_claiming_one_url_is_an_error_naming_both()
    {
        using var temp = new TempDir();
        var report = Build(temp, new()
        {
            ["articles/a/id.md"] = Original("A", extra: "slug: sama"),
            ["articles/b/id.md"] = Original("B", extra: "slug: sama"),
        });
        var error = Single(report);
        Assert.Contains("/id/2026/11/sama/", error.Message);
        Assert.Contains("articles/a/id.md", error.Message + error.File);
        Assert.Contains("articles/b/id.md", error.Message + error.File);
    }

    [Fact]
    public void Unknown_key_is_only_a_warning()
    {
        using var temp = new TempDir();
        var report = Build(temp, new() { ["articles/a/id.md"] = Original("A", extra: "subtitle: x") });
        Assert.True(report.Success);
        Assert.Contains("subtitle", Single(report, Severity.Warning).Message);
    }

    [Fact]
    public void Broken_site_yml_is_reported_with_its_line()
    {
        using var temp = new TempDir();
        var report = Build(temp, new() { ["articles/a/id.md"] = Original("A") },
            "title: T\nbaseUrl: not a url\ndefaultLanguage: id\nlanguages:\n  id: { name: Indonesia, direction: sideways }\n  ar: { ogLocale: ar-AR }\n");
        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics, d => d.File == "site.yml" && d.Line == 2 && d.Message.Contains("baseUrl"));
        Assert.Contains(report.Diagnostics, d => d.File == "site.yml" && d.Line == 5 && d.Message.Contains("direction"));
        Assert.Contains(report.Diagnostics, d => d.File == "site.yml" && d.Line == 6 && d.Message.Contains("ogLocale 'ar-AR'"));
    }

    [Fact]
    public void A_failed_build_leaves_the_published_output_untouched()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/a/id.md"] = Original("A") });
        var output = temp.Combine("out");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = Snapshot(output);
        File.WriteAllText(Path.Combine(input, "articles", "a", "id.md"), "---\ntitle: [broken\n---\n");
        File.WriteAllText(Path.Combine(input, "articles", "b.md"), "stray");
        Directory.CreateDirectory(Path.Combine(input, "articles", "c"));
        File.WriteAllText(Path.Combine(input, "articles", "c", "id.md"), Original("C"));
        Assert.False(SiteBuild.Run(input, output).Success);
        Assert.Equal(before, Snapshot(output));
        Assert.False(Directory.Exists(StaticNews.Publish.StateFolder.For(output).File("staging")));
    }

    [Fact]
    public void Exit_codes_are_0_for_success_1_for_input_errors_and_2_for_bad_usage()
    {
        using var temp = new TempDir();
        var good = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/a/id.md"] = Original("A", date: "2020-01-01T00:00:00Z") });
        Assert.Equal(0, StaticNews.Cli.Program.Main(["build", "--input", good, "--output", temp.Combine("out")]).Result);
        File.WriteAllText(Path.Combine(good, "articles", "a", "id.md"), Md("title: no date"));
        Assert.Equal(1, StaticNews.Cli.Program.Main(["build", "--input", good, "--output", temp.Combine("out")]).Result);
        Assert.Equal(2, StaticNews.Cli.Program.Main(["build", "--no-such-option"]).Result);
        Assert.Equal(2, StaticNews.Cli.Program.Main(["build", "--input", temp.Combine("missing")]).Result);
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
