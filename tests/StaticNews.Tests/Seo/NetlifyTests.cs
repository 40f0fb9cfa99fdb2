using StaticNews.Stories;
using StaticNews.Tests.Support;
using Tomlyn;
using Tomlyn.Model;

namespace StaticNews.Tests.Seo;

[Collection("sample site")]
public sealed class NetlifyTests(SampleSiteFixture sample)
{
    private static readonly string[] Languages = ["id", "en", "zh", "ja", "ar", "fr"];

    private IReadOnlyList<HeaderRule> Rules() => HeaderRule.Parse(sample.Read("_headers"));

    private IReadOnlyList<string[]> Redirects() => sample.Read("_redirects").Split('\n')
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>Request paths of every output file: the file itself, and for index.html its folder.</summary>
    private IEnumerable<(string File, string RequestPath)> Requests() =>
        Directory.EnumerateFiles(sample.Output, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(sample.Output, f).Replace('\\', '/'))
            .Where(p => p is not "/_headers" and not "/_redirects")
            .SelectMany(p => p.EndsWith("/index.html") ? [(p, p), (p, p[..^"index.html".Length])] : new[] { (p, p) });

    [Fact]
    public void Netlify_toml_builds_with_the_script_and_publishes_the_output_folder()
    {
        var toml = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(Repo.Root, "netlify.toml")))!;
        var build = (TomlTable)toml["build"];
        Assert.Equal("output", build["publish"]);
        var command = (string)build["command"];
        Assert.Equal("bash netlify-build.sh", command);
        var script = File.ReadAllText(Path.Combine(Repo.Root, "netlify-build.sh"));
        Assert.Contains("--output output", script);
        Assert.Contains("dotnet-install.sh", script);
        Assert.Contains("--channel 10.0", script);
        Assert.False(toml.ContainsKey("redirects"), "redirects belong to the generated _redirects");
        Assert.Equal("1", ((TomlTable)build["environment"])["DOTNET_CLI_TELEMETRY_OPTOUT"]);
    }

    [Fact]
    public void Every_language_has_its_Accept_Language_redirect_and_its_404_rule()
    {
        var redirects = Redirects();
        foreach (var language in Languages)
        {
            Assert.Contains(redirects, r => r is ["/", var to, "302!", var condition] && to == $"/{language}/" && condition == $"Language={language}");
            Assert.Contains(redirects, r => r is [var from, var to, "404"] && from == $"/{language}/*" && to == $"/{language}/404.html");
            Assert.True(File.Exists(Path.Combine(sample.Output, language, "404.html")));
            Assert.True(File.Exists(Path.Combine(sample.Output, language, "index.html")));
        }
        // Without a matching language, / is the chooser page itself: no unconditional rule for it.
        Assert.DoesNotContain(redirects, r => r[0] == "/" && r.Length < 4);
        Assert.True(File.Exists(Path.Combine(sample.Output, "index.html")));
    }

    [Fact]
    public void Every_feed_type_opml_and_sitemap_has_its_content_type_with_charset()
    {
        var rules = Rules();
        string? ContentType(string path) => rules.Where(r => r.Path == path).SelectMany(r => r.Headers).Where(h => h.Name == "Content-Type").Select(h => h.Value).SingleOrDefault();
        var categories = Directory.GetDirectories(Path.Combine(sample.Output, "fr", "category")).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(categories);
        foreach (var language in Languages)
            foreach (var listing in categories.Where(c => Directory.Exists(Path.Combine(sample.Output, language, "category", c!)))
                         .Select(c => $"/{language}/category/{c}/").Prepend($"/{language}/"))
            {
                Assert.Equal("application/rss+xml; charset=utf-8", ContentType(listing + "rss.xml"));
                Assert.Equal("application/atom+xml; charset=utf-8", ContentType(listing + "atom.xml"));
                Assert.Equal("application/feed+json; charset=utf-8", ContentType(listing + "feed.json"));
            }
        // Tag feeds by placeholder rules: a tag's text never reaches _headers.
        var tagFeeds = Directory.EnumerateFiles(sample.Output, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(sample.Output, f).Replace('\\', '/')).Where(p => p.Split('/') is [_, _, "tag", _, _] && p.EndsWith(".xml") || p.EndsWith("/feed.json") && p.Contains("/tag/")).ToList();
        Assert.NotEmpty(tagFeeds);
        foreach (var feed in tagFeeds)
            Assert.Equal(FeedFormats.MediaType(FeedFormats.ForFileName(System.IO.Path.GetFileName(feed))!.Value) + "; charset=utf-8",
                rules.Where(r => r.Matches(feed)).SelectMany(r => r.Headers).Single(h => h.Name == "Content-Type").Value);
        Assert.Equal("text/x-opml; charset=utf-8", ContentType("/feeds.opml"));
        foreach (var sitemap in Directory.EnumerateFiles(sample.Output, "*sitemap*.xml").Select(Path.GetFileName))
            Assert.Equal("application/xml; charset=utf-8", ContentType("/" + sitemap));
        Assert.Equal("text/plain; charset=utf-8", ContentType("/robots.txt"));
    }

    [Fact]
    public void Every_feed_file_of_a_site_with_archives_is_served_with_its_type_and_charset()
    {
        using var temp = new TempDir();
        var stories = Enumerable.Range(1, 9).ToDictionary(i => $"articles/s{i}/id.md",
            i => $"---\ntitle: Cerita {i}\ndate: 2026-11-{i:D2}T10:00:00+07:00\ncategory: ekonomi\n---\nIsi.\n");
        var input = SiteBuild.WriteSite(temp, stories, SiteBuild.MinimalSiteYml + "\nfeedSize: 2\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var rules = HeaderRule.Parse(File.ReadAllText(Path.Combine(output, "_headers")));
        var feeds = FeedFiles.All(output);
        Assert.Contains("/id/archive/3/rss.xml", feeds); // nine stories in pages of two: three archive pages
        foreach (var feed in feeds)
            Assert.Equal(Path.GetFileName(feed) switch
            {
                "rss.xml" => "application/rss+xml; charset=utf-8",
                "atom.xml" => "application/atom+xml; charset=utf-8",
                _ => "application/feed+json; charset=utf-8",
            }, HeaderRule.ValueFor(rules, feed, "Content-Type"));
    }

    [Fact]
    public void Each_file_gets_one_cache_policy_and_the_security_headers()
    {
        var rules = Rules();
        foreach (var (file, request) in Requests())
        {
            var headers = rules.Where(r => r.Matches(request)).SelectMany(r => r.Headers).ToList();
            // Netlify joins the values of a header set by two matching rules: each must come from one rule.
            Assert.All(headers.GroupBy(h => h.Name), g => Assert.True(g.Count() == 1, $"{request}: {g.Key} is set {g.Count()} times"));
            var names = headers.Select(h => h.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy" }, names);
            var cache = headers.Where(h => h.Name == "Cache-Control").Select(h => h.Value).SingleOrDefault();
            if (file.StartsWith("/assets/site.") && file.EndsWith(".css"))
                Assert.Equal("public, max-age=31536000, immutable", cache);
            else if (file.EndsWith(".html") || file.EndsWith(".xml") || file.EndsWith(".json") || file.EndsWith(".txt"))
            {
                Assert.NotNull(cache);
                Assert.Contains("stale-while-revalidate=", cache);
                Assert.DoesNotContain("immutable", cache);
            }
        }
        Assert.Contains(Requests(), r => r.File.StartsWith("/assets/site.") && r.File.EndsWith(".css"));
    }

    [Fact]
    public void Every_page_satisfies_the_content_security_policy()
    {
        var csp = Rules().Single(r => r.Path == "/*").Headers.Single(h => h.Name == "Content-Security-Policy").Value;
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        var site = new OutputSite(sample.Output, "https://kabar-nusantara.example.org/");
        var origin = new Uri(site.BaseUrl);
        foreach (var file in site.HtmlFiles())
        {
            var page = site.Html(file);
            Assert.Empty(page.QuerySelectorAll("style, [style], iframe, object, embed"));
            Assert.All(page.All.SelectMany(e => e.Attributes), a => Assert.False(a.Name.StartsWith("on"), $"{file}: inline handler {a.Name}"));
            // Inline scripts are JSON-LD only: data the browser does not execute, so CSP does not apply to it.
            Assert.All(page.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
            // Everything the page loads comes from the site itself.
            var loaded = page.QuerySelectorAll("script[src], link[rel=stylesheet], img, source, link[rel=icon], link[rel=manifest]")
                .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href") ?? e.GetAttribute("srcset")!);
            Assert.All(loaded, url => Assert.Equal(origin.Authority, new Uri(new Uri(site.BaseUrl + Path.GetRelativePath(sample.Output, file)), url).Authority));
        }
    }
}
