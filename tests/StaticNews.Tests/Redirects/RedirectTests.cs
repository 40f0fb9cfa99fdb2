using System.Text.Json;
using System.Xml.Linq;
using StaticNews.Check;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Redirects;

/// <summary>Every address StaticNews has published keeps answering: moved stories redirect, removed ones are gone, aliases lead to their story.</summary>
public sealed class RedirectTests
{
    private const string Base = "https://news.example.org/";

    private static List<string[]> Rules(string output) => NetlifyRules.Redirects(output);

    /// <summary>The rule for <paramref name="from"/> (exactly one), as (to, status).</summary>
    private static (string To, string Status) RuleFor(string output, string from)
    {
        var rule = Assert.Single(Rules(output), r => r[0] == from);
        Assert.Equal(3, rule.Length);
        return (rule[1], rule[2]);
    }

    /// <summary>The page left at an old address: it leads to <paramref name="to"/> (absolute), by canonical link and refresh, and is not indexed.</summary>
    private static void AssertRedirectPage(string output, string file, string to)
    {
        var page = HtmlPages.Load(output, file);
        Assert.Equal(to, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        var refresh = page.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content")!;
        Assert.Equal("0; url=" + to, refresh);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == to);
    }

    /// <summary>Atom and JSON Feed entry ids of a feed, by the entry's link.</summary>
    private static Dictionary<string, string> EntryIds(string output, string language)
    {
        var ids = new Dictionary<string, string>();
        var atom = FeedFiles.LoadXml(Path.Combine(output, language, "atom.xml"));
        foreach (var entry in atom.Root!.Elements(FeedFiles.Atom + "entry"))
            ids["atom " + FeedFiles.Links(entry, "alternate").Single().Href] = entry.Element(FeedFiles.Atom + "id")!.Value;
        var rss = FeedFiles.LoadXml(Path.Combine(output, language, "rss.xml"));
        foreach (var item in rss.Root!.Element("channel")!.Elements("item"))
        {
            var guid = item.Element("guid")!;
            Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
            ids["rss " + item.Element("link")!.Value] = guid.Value;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, language, "feed.json")));
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            ids["json " + item.GetProperty("url").GetString()] = item.GetProperty("id").GetString()!;
        return ids;
    }

    private static Dictionary<string, string> TwoStories() => new()
    {
        ["articles/kopi/id.md"] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00"),
        ["articles/kopi/en.md"] = Md("title: Gayo coffee goes to Japan"),
        ["articles/kopi/ar.md"] = Md("title: قهوة جايو إلى اليابان"),
        ["articles/banjir/id.md"] = Original("Banjir di Kampung Melayu", date: "2026-10-30T09:00:00+07:00"),
        ["articles/banjir/en.md"] = Md("title: Floods in Kampung Melayu"),
    };

    private static BuildReport Build(string input, string output)
    {
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return report;
    }

    [Fact]
    public void A_renamed_slug_and_a_fixed_date_redirect_from_both_old_addresses_and_keep_every_feed_entry_id()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        var enIds = EntryIds(output, "en");
        var idIds = EntryIds(output, "id");
        Assert.True(File.Exists(Path.Combine(output, "en/2026/11/kopi/index.html")));

        // The English slug is edited; the original of the other story was dated a few days wrong (another month).
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee"));
        File.WriteAllText(Path.Combine(input, "articles/banjir/id.md"), Original("Banjir di Kampung Melayu", date: "2026-11-01T09:00:00+07:00"));
        Build(input, output);

        Assert.Equal(("/en/2026/11/gayo-coffee/", "301!"), RuleFor(output, "/en/2026/11/kopi/"));
        Assert.Equal(("/id/2026/11/banjir/", "301!"), RuleFor(output, "/id/2026/10/banjir/"));
        // The translation of the re-dated story moved with it.
        Assert.Equal(("/en/2026/11/banjir/", "301!"), RuleFor(output, "/en/2026/10/banjir/"));
        // Before the language's 404 rule: the first rule that matches wins.
        var rules = Rules(output);
        Assert.True(rules.FindIndex(r => r[0] == "/en/2026/11/kopi/") < rules.FindIndex(r => r[0] == "/en/*"));
        AssertRedirectPage(output, "en/2026/11/kopi/index.html", Base + "en/2026/11/gayo-coffee/");
        AssertRedirectPage(output, "id/2026/10/banjir/index.html", Base + "id/2026/11/banjir/");
        Assert.Equal("Gayo coffee goes to Japan", HtmlPages.Load(output, "en/2026/11/gayo-coffee/index.html").QuerySelector("h1")!.TextContent.Trim());
        // Addresses still published get no rule.
        Assert.DoesNotContain(rules, r => r[0] is "/id/2026/11/kopi/" or "/ar/2026/11/kopi/");

        // Every feed format gives the entries the ids they had under their old addresses.
        var enAfter = EntryIds(output, "en");
        Assert.Equal(enIds["atom " + Base + "en/2026/11/kopi/"], enAfter["atom " + Base + "en/2026/11/gayo-coffee/"]);
        Assert.Equal(enIds["rss " + Base + "en/2026/11/kopi/"], enAfter["rss " + Base + "en/2026/11/gayo-coffee/"]);
        Assert.Equal(enIds["json " + Base + "en/2026/11/kopi/"], enAfter["json " + Base + "en/2026/11/gayo-coffee/"]);
        Assert.Equal(idIds["atom " + Base + "id/2026/10/banjir/"], EntryIds(output, "id")["atom " + Base + "id/2026/11/banjir/"]);
        Assert.StartsWith("urn:uuid:", enAfter["atom " + Base + "en/2026/11/gayo-coffee/"]);
        Assert.Equal(enAfter.Count(e => e.Key.StartsWith("atom")), enAfter.Where(e => e.Key.StartsWith("atom")).Select(e => e.Value).Distinct().Count());

        // Renamed again: the first address leads straight to the newest one, never through a chain.
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee-japan"));
        Build(input, output);
        Assert.Equal(("/en/2026/11/gayo-coffee-japan/", "301!"), RuleFor(output, "/en/2026/11/kopi/"));
        Assert.Equal(("/en/2026/11/gayo-coffee-japan/", "301!"), RuleFor(output, "/en/2026/11/gayo-coffee/"));
        AssertRedirectPage(output, "en/2026/11/kopi/index.html", Base + "en/2026/11/gayo-coffee-japan/");

        // Renamed back: the address is a page again, and no rule shadows it.
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan"));
        Build(input, output);
        Assert.DoesNotContain(Rules(output), r => r[0] == "/en/2026/11/kopi/");
        Assert.Equal("Gayo coffee goes to Japan", HtmlPages.Load(output, "en/2026/11/kopi/index.html").QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(("/en/2026/11/kopi/", "301!"), RuleFor(output, "/en/2026/11/gayo-coffee-japan/"));
    }

    [Fact]
    public void A_deleted_story_is_gone_and_a_deleted_translation_leads_to_the_original()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);

        Directory.Delete(Path.Combine(input, "articles/banjir"), recursive: true);
        File.Delete(Path.Combine(input, "articles/kopi/ar.md"));
        Build(input, output);

        // Gone: the language's 404 page, served with status 410; no page is left there.
        Assert.Equal(("/id/404.html", "410"), RuleFor(output, "/id/2026/10/banjir/"));
        Assert.Equal(("/en/404.html", "410"), RuleFor(output, "/en/2026/10/banjir/"));
        Assert.False(Directory.Exists(Path.Combine(output, "id/2026/10/banjir")));
        Assert.Equal(("/id/2026/11/kopi/", "301!"), RuleFor(output, "/ar/2026/11/kopi/"));
        AssertRedirectPage(output, "ar/2026/11/kopi/index.html", Base + "id/2026/11/kopi/");

        // A later build that changes nothing else keeps answering for them.
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee reaches Japan"));
        Build(input, output);
        Assert.Equal(("/id/404.html", "410"), RuleFor(output, "/id/2026/10/banjir/"));
        Assert.Equal(("/id/2026/11/kopi/", "301!"), RuleFor(output, "/ar/2026/11/kopi/"));
    }

    [Fact]
    public void Aliases_redirect_to_their_version_from_the_first_build()
    {
        using var temp = new TempDir();
        var files = TwoStories();
        files["articles/kopi/id.md"] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00",
            extra: "aliases: [/2019/05/kopi-gayo-tembus-jepang/, \"/lama/caf%C3%A9.html\", /arsip/kopi]");
        var input = SiteBuild.WriteSite(temp, files);
        var output = temp.Combine("output");
        Build(input, output);

        Assert.Equal(("/id/2026/11/kopi/", "301!"), RuleFor(output, "/2019/05/kopi-gayo-tembus-jepang/"));
        Assert.Equal(("/id/2026/11/kopi/", "301!"), RuleFor(output, "/lama/caf%C3%A9.html"));
        Assert.Equal(("/id/2026/11/kopi/", "301!"), RuleFor(output, "/arsip/kopi"));
        AssertRedirectPage(output, "2019/05/kopi-gayo-tembus-jepang/index.html", Base + "id/2026/11/kopi/");
        AssertRedirectPage(output, "lama/café.html", Base + "id/2026/11/kopi/");
        AssertRedirectPage(output, "arsip/kopi/index.html", Base + "id/2026/11/kopi/");
    }

    [Theory]
    [InlineData("aliases: [\"/2019/05/a b/\"]", 4)]
    [InlineData("aliases: [\"/2019/05/x\\n/evil  /  200\"]", 4)]
    [InlineData("aliases: [\"/2019/05/x#y/\"]", 4)]
    [InlineData("aliases: [\"/2019/05/x!/\"]", 4)]
    [InlineData("aliases: [\"/:lang/*\"]", 4)]
    [InlineData("aliases: [https://news.example.org/2019/05/x/]", 4)]
    [InlineData("aliases: [2019/05/x/]", 4)]
    [InlineData("aliases: [/2019/../x/]", 4)]
    [InlineData("aliases: [//evil.example/x/]", 4)]
    [InlineData("aliases: [\"/2019/05/x?p=1\"]", 4)]
    [InlineData("aliases: [/_redirects]", 4)]
    [InlineData("aliases:\n  - /2019/05/ok/\n  - \"/%0a/x\"", 6)]
    public void A_hostile_alias_is_one_error_with_its_line_and_adds_no_rule(string frontMatter, int line) => RefusedWithoutNewRules(frontMatter, line);

    /// <summary>Slugs were refused before aliases existed; now that an address can become a rule, the refusal is pinned down with the rules' files.</summary>
    [Theory]
    [InlineData("slug: \"a b\"", 4)]
    [InlineData("slug: \"a\\nb\"", 4)]
    [InlineData("slug: \"a#b\"", 4)]
    [InlineData("slug: \"a!\"", 4)]
    [InlineData("slug: \":lang\"", 4)]
    public void A_hostile_slug_is_one_error_with_its_line_and_adds_no_rule(string frontMatter, int line) => RefusedWithoutNewRules(frontMatter, line);

    private static void RefusedWithoutNewRules(string frontMatter, int line)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        var redirects = File.ReadAllBytes(Path.Combine(output, "_redirects"));
        var headers = File.ReadAllBytes(Path.Combine(output, "_headers"));

        File.WriteAllText(Path.Combine(input, "articles/kopi/id.md"), Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00", extra: frontMatter));
        var report = SiteBuild.Run(input, output);

        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("articles/kopi/id.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(redirects, File.ReadAllBytes(Path.Combine(output, "_redirects")));
        Assert.Equal(headers, File.ReadAllBytes(Path.Combine(output, "_headers")));
    }

    [Theory]
    [InlineData("articles/kopi/id.md", "aliases: [/id/2026/10/banjir/]", "is the address of articles/banjir/id.md")]
    [InlineData("articles/kopi/id.md", "aliases: [/ID/2026/10/Banjir/]", "is the address of articles/banjir/id.md")]
    [InlineData("articles/kopi/id.md", "aliases: [/id/2026/11/kopi/]", "this version's own address")]
    [InlineData("articles/kopi/id.md", "aliases: [/en/feeds/]", "a page the site publishes")]
    [InlineData("articles/kopi/id.md", "aliases: [/en/rss.xml]", "a page the site publishes")]
    [InlineData("articles/kopi/id.md", "aliases: [/en]", "a page the site publishes")]
    public void An_alias_that_is_the_address_of_a_page_is_an_error_with_its_line(string file, string frontMatter, string says)
    {
        using var temp = new TempDir();
        var files = TwoStories();
        files[file] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00", extra: frontMatter);
        var input = SiteBuild.WriteSite(temp, files);
        var report = SiteBuild.Run(input, temp.Combine("output"));

        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains(says, error.Message);
        Assert.Equal((file, 4), (error.File, error.Line));
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    [Fact]
    public void Two_versions_claiming_one_alias_is_an_error_naming_both()
    {
        using var temp = new TempDir();
        var files = TwoStories();
        files["articles/kopi/en.md"] = Md("title: Gayo coffee goes to Japan\naliases: [/2019/05/kopi/]");
        files["articles/banjir/en.md"] = Md("title: Floods in Kampung Melayu\n\naliases: [/2019/05/kopi/]");
        var input = SiteBuild.WriteSite(temp, files);
        var report = SiteBuild.Run(input, temp.Combine("output"));

        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("/2019/05/kopi/", error.Message);
        // Versions are claimed story after story, newest first: the coffee story's claim came first.
        Assert.Equal(("articles/banjir/en.md", 4), (error.File, error.Line));
        Assert.Contains("articles/kopi/en.md (line 3)", error.Message);
    }

    [Fact]
    public void Rule_paths_are_escaped_so_no_value_adds_or_alters_a_rule()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var site = StaticNews.Configuration.SiteConfigLoader.Load(input, null, new DiagnosticBag())!;
        string[] hostile = ["/a b/", "/a\n/evil  /  200", "/x#y/", "/x!/", "/:lang/*", "/ä/\t/"];
        var plan = new StaticNews.Redirects.RedirectPlan(
            [.. hostile.Select(from => new StaticNews.Redirects.Redirect(from, "/id/2026/11/kopi/", "id")), new StaticNews.Redirects.Redirect("/gone b/", null, "id")],
            StaticNews.Redirects.PublishedUrls.Empty);

        var lines = StaticNews.Cdn.CdnRulesPipeline.Redirects(site, plan).Text().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        var moved = lines.Where(l => l.EndsWith("301!", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(hostile.Length, moved.Count);
        Assert.All(moved, rule => Assert.Equal(["/id/2026/11/kopi/", "301!"], rule[1..]));
        Assert.All(moved, rule => Assert.DoesNotContain(rule[0], c => c is '#' or '!' or ':' or '*' || char.IsWhiteSpace(c) || c > 127));
        Assert.Equal(["/a%20b/", "/a%0A/evil%20%20/%20%20200", "/x%23y/", "/x%21/", "/%3Alang/%2A", "/%C3%A4/%09/"], moved.Select(r => r[0]));
        Assert.Contains(lines, l => l == "/gone%20b/  /id/404.html  410");
        // Nothing else: the chooser's rules, these, and the languages' 404 rules.
        Assert.Equal(3 + hostile.Length + 1 + 3, lines.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_edited_into_a_rule_is_refused_and_the_site_stays_as_it_was(bool earlierVersion)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        var redirects = File.ReadAllBytes(Path.Combine(output, "_redirects"));
        var owners = EarlierUrlsRecords.Read(output).ToDictionary(e => e.Key == "/en/2026/11/kopi/" ? "/en/2026/11/kopi/  /evil  200\n/x" : e.Key, e => e.Value);
        Assert.Contains("/en/2026/11/kopi/  /evil  200\n/x", owners.Keys);
        if (earlierVersion) EarlierUrlsRecords.Replace(output, EarlierUrlsRecords.Json(owners));
        else new StaticNews.Redirects.PublishedUrls(owners).Save(StaticNews.Publish.StateFolder.For(output));

        var report = SiteBuild.Run(input, output);

        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("record of published addresses", error.Message);
        Assert.Equal(redirects, File.ReadAllBytes(Path.Combine(output, "_redirects")));
    }

    // Records of earlier versions (urls.json) that are not the shape they wrote, each refused by name with the site left as
    // it was. The record is read token by token (it runs to tens of megabytes): each shape the reader must not take.
    [Theory]
    [InlineData("""{"urls": {}}""")]
    [InlineData("""{"format": "staticnews-urls 2", "urls": {}}""")]
    [InlineData("""{"format": "staticnews-urls 1"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": []}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": ["kopi"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": ["kopi", "en", "id"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": [1, "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": ["kopi", null]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": "kopi"}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": ["kopi", "en"]""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x/": ["kopi", "en"]}} {}""")]
    [InlineData("")]
    // Addresses whose redirect page would leave its folder or name no file.
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/../../x/": ["kopi", "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en//x/": ["kopi", "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/./x": ["kopi", "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/x//": ["kopi", "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en\\x/": ["kopi", "en"]}}""")]
    [InlineData("""{"format": "staticnews-urls 1", "urls": {"/en/c:x/": ["kopi", "en"]}}""")]
    public void A_record_not_in_the_shape_StaticNews_writes_is_refused_and_the_site_stays_as_it_was(string json)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        var redirects = File.ReadAllBytes(Path.Combine(output, "_redirects"));
        EarlierUrlsRecords.Replace(output, json);
        File.AppendAllText(Path.Combine(input, "articles/kopi/en.md"), "\nMore.\n");

        var report = SiteBuild.Run(input, output);

        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("record of published addresses cannot be read", error.Message);
        Assert.Equal(redirects, File.ReadAllBytes(Path.Combine(output, "_redirects")));
    }

    [Fact]
    public void A_record_with_its_members_in_another_order_and_more_of_them_is_read()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        using (var json = JsonDocument.Parse(EarlierUrlsRecords.Json(EarlierUrlsRecords.Read(output))))
        {
            var urls = json.RootElement.GetProperty("urls").GetRawText();
            EarlierUrlsRecords.Replace(output, $$"""{"note": {"by": ["hand"]}, "urls": {{urls.Replace("\"/en/2026/11/kopi/\"", "\"/en/2019/kopi-lama/\": [\"kopi\", \"en\"], \"/en/2026/11/kopi/\"")}}, "format": "staticnews-urls 1"}""");
        }

        var report = SiteBuild.Run(input, output);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.Equal(("/en/2026/11/kopi/", "301!"), RuleFor(output, "/en/2019/kopi-lama/"));
    }

    [Fact]
    public void A_new_story_appends_its_addresses_to_the_record_and_an_earlier_versions_record_is_carried_over()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("output");
        Build(input, output);
        // An earlier version's record, with the addresses of stories since removed (enough of them that a story's addresses
        // are a small share of the record).
        var earlier = EarlierUrlsRecords.Read(output).ToDictionary();
        earlier["/en/2019/05/pasar-lama/"] = new StaticNews.Redirects.UrlOwner("pasar-lama", "en");
        for (var i = 0; i < 40; i++) earlier[$"/id/2019/05/arsip-{i}/"] = new StaticNews.Redirects.UrlOwner($"arsip-{i}", "id");
        EarlierUrlsRecords.Replace(output, EarlierUrlsRecords.Json(earlier));
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee"));

        Build(input, output);

        var state = StaticNews.Publish.StateFolder.For(output);
        Assert.False(File.Exists(state.File(StaticNews.Redirects.EarlierUrlsRecord.FileName)));
        Assert.Equal(("/en/404.html", "410"), RuleFor(output, "/en/2019/05/pasar-lama/"));
        Assert.Equal(("/en/2026/11/gayo-coffee/", "301!"), RuleFor(output, "/en/2026/11/kopi/"));

        // A breaking story: its addresses are appended; what the record held stays as it was, byte for byte.
        var record = File.ReadAllBytes(state.File(StaticNews.Redirects.PublishedUrls.FileName));
        Directory.CreateDirectory(Path.Combine(input, "articles/gempa"));
        File.WriteAllText(Path.Combine(input, "articles/gempa/id.md"), Original("Gempa di Cianjur", date: "2026-11-04T09:00:00+07:00"));
        File.WriteAllText(Path.Combine(input, "articles/gempa/en.md"), Md("title: Earthquake in Cianjur"));
        Build(input, output);

        var after = File.ReadAllBytes(state.File(StaticNews.Redirects.PublishedUrls.FileName));
        Assert.Equal(record, after[..record.Length]);
        Assert.InRange(after.Length - record.Length, 1, 200);
        var (exit, listed) = CliProcess.Run(["urls", "list", "--output", output]);
        Assert.Equal(0, exit);
        var lines = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("/en/2026/11/gempa/\tgempa\ten", lines);
        Assert.Contains("/id/2026/11/gempa/\tgempa\tid", lines);
        Assert.Contains("/en/2019/05/pasar-lama/\tpasar-lama\ten", lines);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
    }

    [Fact]
    public void Check_knows_the_old_addresses_the_site_redirects()
    {
        using var temp = new TempDir();
        var files = TwoStories();
        files["articles/kopi/id.md"] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00", extra: "aliases: [/2019/05/kopi/]");
        var input = SiteBuild.WriteSite(temp, files);
        var output = temp.Combine("output");
        Build(input, output);
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee"));
        Build(input, output);

        // Links to the old English address and to the alias lead to the story; one to a story never published does not.
        File.WriteAllText(Path.Combine(input, "articles/banjir/en.md"), Md("title: Floods in Kampung Melayu",
            "See [the coffee story](/en/2026/11/kopi/), [its old home](/2019/05/kopi/) and [another](/en/2026/11/teh/)."));
        var options = new BuildOptions { InputDirectory = input, OutputDirectory = output };
        var report = SiteChecker.CheckAsync(options, SiteBuild.SampleClock).GetAwaiter().GetResult();

        var broken = report.Diagnostics.Where(d => d.Message.StartsWith("broken link", StringComparison.Ordinal)).ToList();
        var only = Assert.Single(broken);
        Assert.Contains("/en/2026/11/teh/", only.Message);
    }

    [Fact]
    public void The_check_command_reads_the_record_beside_the_output_it_is_given()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, TwoStories());
        var output = temp.Combine("site");
        Build(input, output);
        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee"));
        Build(input, output);
        File.WriteAllText(Path.Combine(input, "articles/banjir/en.md"), Md("title: Floods in Kampung Melayu", "See [the coffee story](/en/2026/11/kopi/)."));

        var (_, said) = CliProcess.Run(["check", "--input", input, "--output", output]);
        Assert.DoesNotContain("broken link", said);
        Assert.Contains("0 error(s)", said);
        var (_, saidWithout) = CliProcess.Run(["check", "--input", input, "--output", temp.Combine("elsewhere")]);
        Assert.Contains("broken link: '/en/2026/11/kopi/'", saidWithout);
    }

    [Fact]
    public void Check_reports_an_alias_that_is_a_page()
    {
        using var temp = new TempDir();
        var files = TwoStories();
        files["articles/kopi/id.md"] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00", extra: "aliases: [/en/2026/10/banjir/]");
        var input = SiteBuild.WriteSite(temp, files);
        var report = SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = temp.Combine("output") }, SiteBuild.SampleClock).GetAwaiter().GetResult();

        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(("articles/kopi/id.md", 4), (error.File, error.Line));
    }
}
