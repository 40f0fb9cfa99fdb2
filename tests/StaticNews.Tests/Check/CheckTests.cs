using AngleSharp.Html.Parser;
using StaticNews.Check;
using StaticNews.Cli;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Check;

/// <summary>`staticnews check`: what it reports, its exit codes, and that it writes nothing.</summary>
public sealed class CheckTests
{
    private static CheckReport Check(string input) =>
        SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = "unused" }, SiteBuild.SampleClock).GetAwaiter().GetResult();

    private const string Original = """
        ---
        title: Banjir di Kota
        date: 2026-11-01T08:00:00+07:00
        updated: 2026-11-05T08:00:00+07:00
        category: ekonomi
        ---
        Lihat [berita lain](/id/2026/11/tidak-ada/) dan [beranda](/id/),
        [kategori](../../../category/ekonomi/), [luar](https://example.com/x) serta [bagian](#atas).

        ![foto](hilang.png)
        """;

    private const string StaleTranslation = """
        ---
        title: Flood in the city
        updated: 2026-11-02T08:00:00+07:00
        ---
        Read [the original](/id/2026/11/banjir/).
        """;

    [Fact]
    public void Reports_broken_links_missing_and_stale_translations_with_file_and_line()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/banjir/id.md"] = Original,
            ["articles/banjir/en.md"] = StaleTranslation,
        });
        var report = Check(input);

        Assert.Equal(0, report.Errors);
        var warnings = report.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(warnings, w => w.StartsWith("articles/banjir/id.md:7: warning: broken link: '/id/2026/11/tidak-ada/'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("articles/banjir/id.md:10: warning: broken link: 'hilang.png'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("articles/banjir/: warning: missing translation: story 'banjir' has no ar version", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("articles/banjir/en.md: warning: stale translation", StringComparison.Ordinal));
        // The category has no name in English (no taxonomy.yml): its key is shown there.
        Assert.Contains(warnings, w => w.StartsWith("articles/banjir/id.md: warning: category 'ekonomi' has no name in en, where", StringComparison.Ordinal));
        // The home page, the category (relative link), the other host, the fragment and the link to the original are fine.
        Assert.Equal(5, report.Warnings);
    }

    [Fact]
    public void A_link_to_any_file_the_build_writes_is_known_and_one_to_a_file_it_does_not_is_reported()
    {
        using var temp = new TempDir();
        // Archive pages (feedSize 2), paged listings (pageSize 2), categories, tags, a story image, a static file.
        var files = Enumerable.Range(1, 9).ToDictionary(i => $"articles/s{i}/id.md",
            i => $"---\ntitle: Cerita {i}\ndate: 2026-11-{i:D2}T10:00:00+07:00\ncategory: ekonomi\ntags: [kopi]\n---\nIsi.\n");
        files["articles/s1/en.md"] = "---\ntitle: Story 1\n---\nBody.\n";
        files["static/media/kit.pdf"] = "pdf";
        files["articles/links/id.md"] = "---\ntitle: Tautan\ndate: 2026-11-20T10:00:00+07:00\n---\nBelum ada.\n";
        var input = SiteBuild.WriteSite(temp, files, SiteBuild.MinimalSiteYml + "\nfeedSize: 2\npageSize: 2\n");
        TestImages.Write(input, "articles/s1/foto.png", TestImages.Png(40, 30));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Where(p => p is not ("/_headers" or "/_redirects")) // Netlify's rules, not pages
            .Select(p => p.EndsWith("/index.html") ? p[..^"index.html".Length] : p)
            .ToList();
        Assert.Contains("/id/archive/3/atom.xml", written);
        Assert.Contains("/id/page/1/", written);
        Assert.Contains("/en/feeds/", written);

        // The same site, with one story linking every file it has (its body only changes: the same files), and one it has not.
        File.WriteAllText(Path.Combine(input, "articles/links/id.md"), "---\ntitle: Tautan\ndate: 2026-11-20T10:00:00+07:00\n---\n"
            + string.Join("\n", written.Select(p => $"- [{p}]({p})")) + "\n- [hilang](/id/archive/9/atom.xml)\n");
        var report = Check(input);
        var broken = report.Diagnostics.Where(d => d.Message.StartsWith("broken link", StringComparison.Ordinal)).Select(d => d.Message).ToList();
        Assert.Equal(["broken link: '/id/archive/9/atom.xml' leads to /id/archive/9/atom.xml, which no page of the site will have"], broken);
    }

    [Fact]
    public void Exit_code_is_1_on_errors_and_on_warnings_only_with_strict_and_nothing_is_written()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/banjir/id.md"] = Original,
            ["articles/banjir/en.md"] = StaleTranslation,
        });
        var before = Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order().ToList();

        Assert.Equal(0, Program.Main(["check", "--input", input]).GetAwaiter().GetResult());
        Assert.Equal(1, Program.Main(["check", "--input", input, "--strict"]).GetAwaiter().GetResult());
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order().ToList());

        File.WriteAllText(Path.Combine(input, "articles/banjir/ar.md"), "---\ndate: 2026-13-01\n---\nTanpa judul.\n");
        var report = Check(input);
        Assert.Contains(report.Diagnostics, d => d.Severity == Severity.Error && d.File == "articles/banjir/ar.md" && d.Line is not null);
        Assert.Equal(1, Program.Main(["check", "--input", input]).GetAwaiter().GetResult());
    }

    [Fact]
    public void Links_are_read_from_the_html_as_a_browser_reads_it_whatever_the_quotes_and_never_from_text()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/banjir/id.md"] = """
                ---
                title: Banjir
                date: 2026-11-01T08:00:00+07:00
                ---
                <p><a href='/id/tidak-ada/'>satu</a> <a href=/id/hilang/>dua</a></p>

                <p title='href="/id/bukan-tautan/"'>Tulis href="/id/juga-bukan/" saja.</p>
                """,
        }, SiteBuild.MinimalSiteYml + "\ntrustHtml: true\n");
        var broken = Check(input).Diagnostics.Where(d => d.Message.StartsWith("broken link", StringComparison.Ordinal)).Select(d => d.ToString()).ToList();
        Assert.Equal(2, broken.Count);
        Assert.Contains(broken, w => w.StartsWith("articles/banjir/id.md:5: warning: broken link: '/id/tidak-ada/'", StringComparison.Ordinal));
        Assert.Contains(broken, w => w.StartsWith("articles/banjir/id.md:5: warning: broken link: '/id/hilang/'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_sites_stale_machine_translations_are_reported_and_their_pages_say_so()
    {
        var report = Check(Repo.SampleInput);
        var stale = report.Diagnostics.Where(d => d.Message.StartsWith("stale translation", StringComparison.Ordinal)).Select(d => d.File!).ToList();
        Assert.NotEmpty(stale);

        using var temp = new TempDir();
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(Repo.SampleInput, output).Success);
        // The French page of the first stale story carries the stale notice, in French.
        var story = stale.First(f => f.EndsWith("/fr.md", StringComparison.Ordinal)).Split('/')[1];
        var french = Directory.EnumerateFiles(Path.Combine(output, "fr"), "index.html", SearchOption.AllDirectories).Single(f => f.Contains($"/{story}/"));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(french));
        Assert.Equal(SampleInput.I18n("fr", "notice_stale"), page.QuerySelector(".stale-notice")?.TextContent.Trim());
    }
}
