using AngleSharp.Html.Parser;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// Attack text in every field a user controls lands as text: no element, attribute, script or line
/// of its own in any output. The checks read every file the build wrote (pages, and feeds, sitemaps,
/// JSON-LD, OPML, _headers and _redirects as those pipelines land), so new outputs are covered too.
/// </summary>
public sealed class InjectionTests
{
    /// <summary>Every element or attribute the payloads could create is named "xinj", so finding the name anywhere but in text is a hit.</summary>
    private const string Marker = "xinj";

    private const string Payload =
        "\"'><xinj xinj=1 onmouseover=alert(1)>x</xinj></script><script>xinj()</script>]]><![CDATA[<xinj/>]]>{{ 7*7 }}{% xinj %}\r\nX-Xinj: 1";

    /// <summary>For fields with a length limit (a tag is at most 100 characters).</summary>
    private const string ShortPayload = "\"'><xinj xinj=1 onmouseover=alert(1)>x</xinj></script>{{ 7*7 }}";

    /// <summary>YAML double-quoted form of <see cref="Payload"/>.</summary>
    private static string Q(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    private static readonly string SiteYml = $$"""
        title: {{Q("Site " + Payload)}}
        description: {{Q("About " + Payload)}}
        baseUrl: "https://news.example.org/it's/"
        defaultLanguage: id
        languages:
          id: { name: {{Q("Indonesia " + Payload)}} }
          en: { name: {{Q("English " + Payload)}}, hreflang: {{Q("en" + Payload)}} }
          ar: { name: {{Q("Arabic " + Payload)}}, direction: rtl }
        notice:
          credit: {{Q("Credit " + Payload)}}
        """;

    // Before Story: static fields are set in the order written.
    private static readonly string CorrectionsLine = $"corrections: [{{ date: 2026-10-02T10:00:00+07:00, text: {Q("Correction " + Payload)} }}]";

    private static readonly string Story = $"""
        ---
        title: {Q("Title " + Payload)}
        date: 2026-10-01T10:00:00+07:00
        {CorrectionsLine}
        authors: [{Q("Author " + Payload)}, reporter]
        translator: {Q("Translator " + Payload)}
        summary: {Q("Summary " + Payload)}
        image: {Q("photo\" onerror=\"alert(1).png")}
        image_alt: {Q("Alt " + Payload)}
        image_caption: {Q("Caption " + Payload)}
        image_credit: {Q("Credit " + Payload)}
        category: politik
        tags: [pemilu, {Q(ShortPayload)}, "Two words", {Q("line\r\nbreak: X-Xinj")}]
        ---
        Body {Payload.Replace("\r\n", " ")}

        <xinj onclick="alert(1)">raw</xinj> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">j</a>
        [md](javascript:alert(1)) ![img](data:text/html;base64,PHNjcmlwdD4=)

            code </script><script>xinj()</script> ]]>

        `inline </script>` {TemplateSyntax}
        """;

    private static readonly string AuthorsYml = $$"""
        reporter:
          name: {{Q("Name " + Payload)}}
          role: {{Q("Role " + Payload)}}
          bio: {{Q("Bio " + Payload)}}
          url: {{Q("https://example.org/\"><xinj onmouseover=alert(1)>")}}
          social: { fediverse: "@xinj@example.org", x: {{Q("https://x.com/a?b=\"><xinj>")}} }
        """;

    private static readonly string TaxonomyYml = $$"""
        categories:
          politik:
            label: { en: {{Q("Category " + Payload)}} }
            description: {{Q("Description " + Payload)}}
        tags:
          pemilu:
            label: { en: {{Q("Label " + Payload)}} }
            description: {{Q("Tag description " + Payload)}}
        """;

    /// <summary>The words of a text, one space apart: where a payload's line break lands, HTML and XML keep it as white space.</summary>
    private static string Words(string? text) => string.Join(' ', (text ?? "").Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private const string TemplateSyntax = "{{ page.title }} {{ include 'base' }} {% raw %}";

    private static string Build(TempDir temp, Func<string, string>? editStory = null, string? siteYml = null, string? authorsYml = null)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/serangan/id.md"] = editStory?.Invoke(Story) ?? Story,
            ["articles/serangan/en.md"] = (editStory?.Invoke(Story) ?? Story).Replace("date: 2026-10-01T10:00:00+07:00\n", "").Replace(CorrectionsLine + "\n", ""),
            ["authors.yml"] = authorsYml ?? AuthorsYml,
            ["taxonomy.yml"] = TaxonomyYml,
        }, siteYml ?? SiteYml);
        TestImages.Write(input, "articles/serangan/photo\" onerror=\"alert(1).png", TestImages.Png(64, 48));
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return output;
    }

    [Fact]
    public void Payloads_in_every_field_land_as_text_in_every_output()
    {
        using var temp = new TempDir();
        var output = Build(temp);
        Assert.Empty(OutputChecks.Problems(output, Marker));
        Assert.True(Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories).Count() > 5);
    }

    [Fact]
    public void Tags_with_newlines_spaces_and_markup_add_no_rule_to_the_cdn_files()
    {
        using var plain = new TempDir();
        using var hostile = new TempDir();
        var plainOutput = Build(plain, story => story.Replace(story.Split('\n').Single(l => l.StartsWith("tags:")), "tags: [pemilu]"));
        var hostileOutput = Build(hostile);
        Assert.True(Directory.Exists(Path.Combine(hostileOutput, "en", "tag", "two-words")));
        foreach (var file in new[] { "_redirects", "_headers" })
            Assert.Equal(File.ReadAllText(Path.Combine(plainOutput, file)), File.ReadAllText(Path.Combine(hostileOutput, file)));
    }

    [Fact]
    public void The_story_page_shows_each_payload_as_the_text_it_is()
    {
        using var temp = new TempDir();
        var output = Build(temp);
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "en", "2026", "10", "serangan", "index.html")));
        Assert.Contains(page.QuerySelectorAll("h1"), h => h.TextContent.Contains("\"'><xinj xinj=1 onmouseover=alert(1)>x</xinj></script><script>xinj()</script>]]>"));
        Assert.StartsWith("Title ", page.Title);
        Assert.Contains("{{ 7*7 }}", page.Title); // template syntax is text, never evaluated
        Assert.DoesNotContain(page.All, e => e.LocalName == Marker);
        Assert.Contains(page.QuerySelectorAll("pre code"), c => c.TextContent.Contains("</script><script>xinj()</script> ]]>"));
        Assert.Contains(page.QuerySelectorAll("code"), c => c.TextContent.Contains("inline </script>"));
    }

    [Fact]
    public void Author_fields_land_as_the_text_they_are_on_author_pages_story_pages_json_ld_and_feeds()
    {
        using var temp = new TempDir();
        var output = Build(temp);
        var name = Words("Name " + Payload);

        var page = HtmlPages.Load(output, "en/author/reporter/index.html");
        Assert.Equal(name, Words(page.QuerySelector(".author-profile h1")!.TextContent));
        Assert.Equal(Words("Role " + Payload), Words(page.QuerySelector(".author-role")!.TextContent));
        Assert.Equal(Words("Bio " + Payload), Words(page.QuerySelector(".author-bio")!.TextContent));
        Assert.Equal(Words("Bio " + Payload), Words(page.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        // URLs arrive percent-encoded, still pointing where they were written.
        Assert.Equal([new Uri("https://example.org/\"><xinj onmouseover=alert(1)>").AbsoluteUri, "https://example.org/@xinj", new Uri("https://x.com/a?b=\"><xinj>").AbsoluteUri],
            page.QuerySelectorAll(".author-links a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(page.All, e => e.LocalName == Marker);
        var person = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("mainEntity");
        Assert.Equal(name, Words(person.GetProperty("name").GetString()));

        var story = HtmlPages.Load(output, "en/2026/10/serangan/index.html");
        // The byline written as text stays text; the author's is a link to their page.
        Assert.Contains(Words("Author " + Payload), Words(story.QuerySelector(".author")!.TextContent));
        Assert.Equal([(name, "/it's/en/author/reporter/")], story.QuerySelectorAll(".author a").Select(a => (Words(a.TextContent), a.GetAttribute("href")!)));
        Assert.Equal([Words("Author " + Payload), "https://news.example.org/it's/en/author/reporter/"],
            story.QuerySelectorAll("meta[property='article:author']").Select(m => Words(m.GetAttribute("content"))));
        Assert.Equal(["@xinj@example.org"], story.QuerySelectorAll("meta[name='fediverse:creator']").Select(m => m.GetAttribute("content")));
        var article = System.Text.Json.JsonDocument.Parse(story.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal([Words("Author " + Payload), name], article.GetProperty("author").EnumerateArray().Select(a => Words(a.GetProperty("name").GetString())));
        Assert.Equal(Words("Translator " + Payload), Words(article.GetProperty("translator").GetProperty("name").GetString()));

        var atom = FeedFiles.LoadXml(Path.Combine(output, "en", "author", "reporter", "atom.xml"));
        Assert.Equal([Words("Author " + Payload), name], atom.Root!.Elements(FeedFiles.Atom + "entry").Single().Elements(FeedFiles.Atom + "author").Select(a => Words(a.Element(FeedFiles.Atom + "name")!.Value)));
    }

    [Fact]
    public void A_correction_lands_as_the_text_it_is_in_the_box_json_ld_feeds_and_the_corrections_page()
    {
        using var temp = new TempDir();
        var output = Build(temp);
        var text = Words("Correction " + Payload);
        foreach (var language in new[] { "id", "en" })
        {
            var story = HtmlPages.Load(output, $"{language}/2026/10/serangan/index.html");
            Assert.Equal(text, Words(story.QuerySelector("article .corrections span")!.TextContent));
            Assert.DoesNotContain(story.All, e => e.LocalName == Marker);
            var article = System.Text.Json.JsonDocument.Parse(story.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
            Assert.Equal(text, Words(article.GetProperty("correction")[0].GetProperty("text").GetString()));
            var entry = FeedFiles.LoadXml(Path.Combine(output, language, "atom.xml")).Root!.Elements(FeedFiles.Atom + "entry").Single();
            var content = HtmlPages.Parse("<body>" + entry.Element(FeedFiles.Atom + "content")!.Value);
            Assert.Equal(text, Words(content.QuerySelector(".corrections span")!.TextContent));
            Assert.DoesNotContain(content.All, e => e.LocalName == Marker);
            var page = HtmlPages.Load(output, $"{language}/corrections/index.html");
            Assert.Equal(text, Words(page.QuerySelectorAll(".correction-list li p").Last().TextContent));
        }
    }

    [Fact]
    public void Hostile_author_fields_add_no_rule_to_the_cdn_files()
    {
        using var plain = new TempDir();
        using var hostile = new TempDir();
        var plainOutput = Build(plain, authorsYml: "reporter:\n  name: Reporter\n");
        var hostileOutput = Build(hostile);
        Assert.True(File.Exists(Path.Combine(hostileOutput, "en", "author", "reporter", "atom.xml")));
        foreach (var file in new[] { "_redirects", "_headers" })
            Assert.Equal(File.ReadAllText(Path.Combine(plainOutput, file)), File.ReadAllText(Path.Combine(hostileOutput, file)));
    }

    [Theory]
    [InlineData("category: politik", "category: \"x\\\"><xinj>\"", "category")]
    [InlineData("date: 2026-10-01T10:00:00+07:00", "date: \"2026-10-01<xinj>\"", "is not ISO 8601")]
    public void Payloads_in_key_fields_are_refused_with_a_diagnostic(string field, string hostile, string message)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/s/id.md"] = Story.Replace(field, hostile) }, SiteYml);
        var report = SiteBuild.Run(input, temp.Combine("output"));
        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics, d => d.Severity == Severity.Error && d.Message.Contains(message) && d.File == "articles/s/id.md");
    }

    [Fact]
    public void A_hostile_base_url_is_refused_or_escaped()
    {
        using var temp = new TempDir();
        var output = Build(temp, siteYml: SiteYml.Replace("\"https://news.example.org/it's/\"", "\"https://news.example.org/a\\\"><xinj onload=alert(1)>/\""));
        Assert.Empty(OutputChecks.Problems(output, Marker));
    }
}
