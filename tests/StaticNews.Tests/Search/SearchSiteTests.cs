using AngleSharp.Html.Parser;
using StaticNews.Cli;
using StaticNews.Engine;
using StaticNews.Search;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Search;

/// <summary>
/// A site with <c>search: true</c> as built where no Pagefind can be found (the searching itself is proven in a browser,
/// with the Pagefind tests/browser pins, by the browser tests).
/// </summary>
public sealed class SearchSiteTests
{
    private const string SiteYml = SiteBuild.MinimalSiteYml + "\nsearch: true\n";

    private static readonly Dictionary<string, string> Stories = new()
    {
        ["articles/kopi/id.md"] = """
            ---
            title: Kedai kopi baru
            date: 2026-11-03T10:00:00+07:00
            author: Sari Dewi
            category: kota
            tags: [Kopi]
            ---
            Sebuah kedai kopi dibuka di gang sempit.
            """,
        ["articles/kopi/ar.md"] = """
            ---
            title: مقهى جديد
            translation: human
            ---
            افتتح مقهى جديد في زقاق ضيق.
            """,
    };

    private static readonly Func<string, string?> NoPagefind = name => name == "PATH" ? "" : Environment.GetEnvironmentVariable(name);

    private static (string Output, BuildReport Report) BuildWithoutPagefind(TempDir temp, string siteYml = SiteYml)
    {
        var input = SiteBuild.WriteSite(temp, Stories, siteYml);
        var output = temp.Combine("output");
        return (output, SiteBuild.Run(input, output, configure: o => o with { EnvironmentVariable = NoPagefind }));
    }

    [Fact]
    public void Without_Pagefind_the_site_is_published_with_one_error_naming_the_install_command_and_the_run_fails()
    {
        using var temp = new TempDir();
        var (output, report) = BuildWithoutPagefind(temp);

        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("Pagefind was not found", error.Message);
        Assert.Contains("npm install --save-dev --save-exact pagefind@", error.Message);
        Assert.Contains("published without its search index", error.Message);
        // Published: the stories, the search pages (which say search is unavailable), no index.
        Assert.True(report.Success && report.OutputChanged);
        Assert.True(File.Exists(Path.Combine(output, "id", "2026", "11", "kopi", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "ar", "search", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(output, "pagefind")));
        Assert.Equal(1, BuildCommand.Report(report, new BuildOptions { InputDirectory = temp.Combine("input"), OutputDirectory = output }));
    }

    [Fact]
    public void Each_language_has_a_search_page_in_its_strings_and_direction_and_every_page_a_search_field()
    {
        using var temp = new TempDir();
        var (output, _) = BuildWithoutPagefind(temp);
        var parser = new HtmlParser();
        var arabic = parser.ParseDocument(File.ReadAllText(Path.Combine(output, "ar", "search", "index.html")));
        Assert.Equal("rtl", arabic.DocumentElement.GetAttribute("dir"));
        Assert.Equal("بحث", arabic.QuerySelector("h1")!.TextContent);
        Assert.Equal("noindex", arabic.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        // Without JavaScript: a form to the page itself, and a line saying why nothing is found.
        var form = arabic.QuerySelector("form#search-form")!;
        Assert.Equal("/ar/search/", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[type=search][name=q]"));
        Assert.Contains("جافاسكريبت", arabic.QuerySelector("noscript")!.TextContent);
        // Pagefind's UI in the page's strings, with its own placeholders.
        var strings = System.Text.Json.JsonDocument.Parse(arabic.QuerySelector("#search")!.GetAttribute("data-strings")!).RootElement;
        Assert.Equal("لا توجد نتائج لـ «[SEARCH_TERM]»", strings.GetProperty("zero_results").GetString());
        Assert.Equal("[COUNT] نتيجة لـ «[SEARCH_TERM]»", strings.GetProperty("many_results").GetString());
        Assert.Equal(["/pagefind/pagefind-ui.js", "/assets/search."],
            arabic.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).Select(s => s.StartsWith("/assets/search.") ? "/assets/search." : s));

        var story = parser.ParseDocument(File.ReadAllText(Path.Combine(output, "id", "2026", "11", "kopi", "index.html")));
        var field = story.QuerySelector("header.site-header form[role=search]")!;
        Assert.Equal("/id/search/", field.GetAttribute("action"));
        Assert.Equal("q", field.QuerySelector("input[type=search]")!.GetAttribute("name"));
        Assert.Equal("Cari", story.QuerySelector($"label[for={field.QuerySelector("input")!.Id}]")!.TextContent);
    }

    [Fact]
    public void Pagefind_indexes_only_the_story_header_body_and_tags_with_category_author_and_tags_as_filters()
    {
        using var temp = new TempDir();
        var (output, _) = BuildWithoutPagefind(temp);
        var story = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "id", "2026", "11", "kopi", "index.html")));
        var indexed = story.QuerySelectorAll("[data-pagefind-body]").ToList();
        Assert.Equal(["header", "div", "footer"], indexed.Select(e => e.LocalName));
        Assert.Contains("Sebuah kedai kopi dibuka", indexed[1].TextContent);
        // Nothing else of the page is inside what is indexed: not the site's header, the share links or the footer.
        Assert.All(story.QuerySelectorAll(".site-header, nav.share, .site-footer"), e => Assert.DoesNotContain(indexed, i => i.Contains(e) || e.Contains(i)));
        Assert.Equal(["Kategori:kota", "Penulis:Sari Dewi", "Tag:Kopi"],
            story.QuerySelectorAll("[data-pagefind-filter]").Select(e => $"{e.GetAttribute("data-pagefind-filter")}:{e.TextContent}").Order());
        Assert.Equal("date[datetime]", story.QuerySelector("time")!.GetAttribute("data-pagefind-sort"));
    }

    [Fact]
    public void Without_search_no_page_carries_anything_of_it()
    {
        using var temp = new TempDir();
        var (output, report) = BuildWithoutPagefind(temp, SiteBuild.MinimalSiteYml);
        Assert.Equal(0, report.Errors);
        Assert.False(Directory.Exists(Path.Combine(output, "id", "search")));
        foreach (var page in Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("pagefind", html);
            Assert.DoesNotContain("role=\"search\"", html);
        }
        Assert.Contains("/*\n  Content-Security-Policy: default-src 'none'; script-src 'self';", File.ReadAllText(Path.Combine(output, "_headers")));
    }

    [Fact]
    public void Every_file_gets_one_policy_and_only_the_search_pages_and_Pagefinds_folder_may_compile_WebAssembly()
    {
        using var temp = new TempDir();
        var (output, _) = BuildWithoutPagefind(temp);
        var rules = HeaderRule.Parse(File.ReadAllText(Path.Combine(output, "_headers")));
        var requests = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Where(p => p is not "/_headers" and not "/_redirects")
            .SelectMany(p => p.EndsWith("/index.html") ? [p, p[..^"index.html".Length]] : new[] { p })
            .Concat(["/pagefind/pagefind-worker.js"])
            .ToList();
        Assert.Contains("/ar/search/", requests);
        foreach (var request in requests)
        {
            var policy = HeaderRule.ValueFor(rules, request, "Content-Security-Policy");
            Assert.NotNull(policy);
            Assert.Contains("default-src 'none'", policy);
            Assert.Equal(request.Contains("/search/") || request.StartsWith("/pagefind/"), policy.Contains("'wasm-unsafe-eval'"));
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Pagefind_is_found_on_PATH_first_then_in_node_modules_above_the_input_the_extended_build_before_the_plain_one()
    {
        using var temp = new TempDir();
        string Program(params string[] parts)
        {
            var path = temp.Combine(parts);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
        var input = temp.Combine("site", "input");
        Directory.CreateDirectory(input);
        Assert.Null(Pagefind.Locate(input, _ => ""));

        var platform = $"linux-{(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64")}";
        var plain = Program("site", "node_modules", "@pagefind", platform, "bin", "pagefind");
        Assert.Equal(plain, Pagefind.Locate(input, _ => "")!.Program);
        var extended = Program("site", "node_modules", "@pagefind", platform, "bin", "pagefind_extended");
        Assert.Equal(extended, Pagefind.Locate(input, _ => "")!.Program);

        var bin = temp.Combine("bin");
        var onPath = Program("bin", "pagefind");
        Assert.Equal(onPath, Pagefind.Locate(input, name => name == "PATH" ? bin : null)!.Program);
        // A file that is not executable is not a program.
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead);
        Assert.Equal(extended, Pagefind.Locate(input, name => name == "PATH" ? bin : null)!.Program);
    }
}
