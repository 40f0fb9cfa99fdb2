using AngleSharp;
using AngleSharp.Dom;
using CsCheck;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// Property: for story bodies made of Markdown and raw HTML from a grammar of tricky fragments (attribute-like
/// text inside alt, title and code, entities, quotes of both kinds, nested markup, href= and src= in text, hostile
/// and relative URLs), every HTML output — the page body, RSS content:encoded, Atom content, JSON Feed
/// content_html — read by an HTML5 parser has no script element, no event-handler attribute and no script-capable
/// URL; every href and src in a feed is absolute; and a feed entry is its page's body, element for element and
/// text for text, with each link leading where the page's link leads.
/// STATICNEWS_FUZZ_ITERATIONS sets the case count (default 200); STATICNEWS_FUZZ_SEED replays a case CsCheck printed.
/// </summary>
public sealed class MarkupFuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const string BaseUrl = "https://news.example.org/";

    /// <summary>Pieces of text that look like markup, attributes or URLs, and the characters that end them.</summary>
    private static readonly Gen<string> Piece = Gen.OneOf(
        "kata", "berita ", " ", "  ", "\t", "中文", "العربية", "é",
        "href=x", "src=y", " href=\"x\" ", "src='y'", " href=", " src=", " onerror=alert(1) ", "onmouseover=\"alert(2)\"", " onload='alert(3)' ",
        "onfocus=alert(4) autofocus ", " style=x:expression(alert(5)) ", "\"", "'", "`", "\"\"", "''", "=", "<", ">", "/>", "</", "\\",
        "&", "&quot;", "&#34;", "&#x22;", "&#39;", "&apos;", "&lt;", "&gt;", "&amp;", "&amp;quot;", "&#0;", "&nbsp;", "&#x6A;avascript:",
        "<b>", "</b>", "<em>", "</em>", "<script>alert(6)</script>", "<img src=x onerror=alert(7)>", "<svg onload=alert(8)>", "<a href=javascript:alert(9)>",
        "javascript:alert(10)", "JaVaScRiPt:alert(11)", "java\tscript:", "data:text/html,<script>alert(12)</script>",
        "*", "_", "[", "]", "(", ")", "!", "#", "|", "-->", "<!--");

    private static readonly Gen<string> Text = Piece.Array[0, 6].Select(string.Concat);

    /// <summary>Text with no line break, for the places one would end the construct.</summary>
    private static readonly Gen<string> Line = Text.Select(t => t.Replace('\n', ' '));

    private static readonly Gen<string> Url = Gen.Frequency(
        (6, Gen.OneOf("x.png", "foto/terumbu.png", "../lain/", "/id/", "?hal=2", "#bagian", "//cdn.example.net/a.png", "x.png?a=1&b=2",
            "%2e%2e/rahasia", "\\\\host\\x", "", " spasi.png ", "a\"b.png", "a'b.png", "a>b.png", "a<b.png", "ü.png", "#", "?")),
        (3, Gen.OneOf("https://a.example/", "http://b.example/x?y=\"z\"&w=1", "mailto:desk@example.org", "HTTPS://C.EXAMPLE/", "https://d.example/a b")),
        (3, Gen.OneOf("javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "vbscript:x", "data:text/html,x",
            "data:image/svg+xml,<svg onload=alert(1)>", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x09;ascript:alert(1)", "file:///etc/passwd")),
        (2, Gen.Select(Gen.OneOf("x.png", "https://a.example/", "../lain/"), Text, (url, text) => url + text)));

    /// <summary>One construct: Markdown or raw HTML, with text and URLs where authors put them.</summary>
    private static readonly Gen<string> Construct = Gen.OneOf(
        Gen.Select(Line, Url, (t, u) => $"![{t}]({u})"),
        Gen.Select(Line, Url, Line, (t, u, title) => $"![{t}](<{u}> \"{title}\")"),
        Gen.Select(Line, Url, Line, (t, u, title) => $"[{t}]({u} '{title}')"),
        Gen.Select(Line, Url, Line, (t, u, title) => $"[{t}][r]\n\n[r]: {u} \"{title}\"\n"),
        Gen.Select(Line, t => $"`{t}`"),
        Gen.Select(Text, t => $"```\n{t}\n```\n"),
        Gen.Select(Url, u => $"<{u}>"),
        Gen.Select(Line, t => $"*{t}*"),
        Gen.Select(Line, t => $"# {t}"),
        Gen.Select(Line, t => $"> {t}"),
        Gen.Select(Line, Line, (a, b) => $"| {a} | b |\n|---|---|\n| {b} | c |\n"),
        Gen.Select(Line, t => $"catatan[^1]\n\n[^1]: {t}\n"),
        Gen.Select(Url, Text, (u, t) => $"<img src=\"{u}\" alt=\"{t}\">"),
        Gen.Select(Url, Text, Line, (u, t, title) => $"<img src='{u}' alt='{t}' title={title}>"),
        Gen.Select(Url, Text, Text, (u, title, t) => $"<a href=\"{u}\" title=\"{title}\">{t}</a>"),
        Gen.Select(Url, Text, (u, t) => $"<a href={u}>{t}</a>"),
        Gen.Select(Text, Text, (a, b) => $"<p>{a}<em title=\"{b}\">{a}</em></p>"),
        Gen.Select(Url, Text, (u, t) => $"<figure><img src=\"{u}\" alt=\"\"><figcaption>{t}</figcaption></figure>"),
        Gen.Select(Url, Text, (u, t) => $"<blockquote cite=\"{u}\"><q cite='{u}'>{t}</q></blockquote>"),
        Gen.Select(Text, t => $"<code>{t}</code>"),
        Gen.Select(Text, Line, Url, (title, t, u) => $"<div title=\"{title}\">\n\n[{t}]({u})\n\n</div>"),
        Text);

    private static readonly Gen<string> Body = Gen.Select(Construct, Gen.OneOf(" ", "\n", "\n\n"))
        .Array[1, 6].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    [Fact]
    public void Every_html_output_runs_no_script_and_feeds_carry_the_pages_body_with_absolute_urls()
    {
        var iterations = FuzzRuns.Iterations(inCi: 200);
        var seed = FuzzRuns.Seed;
        long outputs = 0;
        Gen.Select(Body, Body).Sample((original, translation) =>
        {
            using var temp = new TempDir();
            var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
            {
                ["articles/s/id.md"] = $"---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\n---\n{original}\n",
                ["articles/s/en.md"] = $"---\ntitle: T\n---\n{translation}\n",
            });
            var output = temp.Combine("output");
            var report = SiteBuild.Run(input, output, configure: o => o with { Parallelism = 1 });
            if (!report.Success) throw new Exception("did not build:\n" + string.Join("\n", report.Diagnostics));

            var pages = new Dictionary<string, IElement>();
            foreach (var language in new[] { "id", "en" })
            {
                var url = $"{BaseUrl}{language}/2026/10/s/";
                var body = PageBody(output, language, url);
                Fail(FeedContents.ScriptProblems(body), $"the {language} page");
                pages[url] = body;
                Interlocked.Increment(ref outputs);
            }
            foreach (var entry in FeedContents.All(output))
            {
                var content = entry.Parse();
                var where = $"{entry.Feed} {entry.Id}";
                Fail(FeedContents.ScriptProblems(content), where);
                Fail(FeedContents.RelativeUrls(content), where + ": not absolute");
                content.QuerySelector(".translation-notice")?.Remove();
                // The content sits in one element that gives its language and direction (see FeedEntries); inside it, the page's body.
                var inLanguage = content.Children.Single();
                if (inLanguage.LocalName != "div" || inLanguage.GetAttribute("dir") is null || inLanguage.GetAttribute("lang") is null)
                    throw new Exception($"{where}: the content is not in its language's element: {inLanguage.OuterHtml}");
                SameBody(pages[entry.Link], inLanguage, entry.Link, where);
                Interlocked.Increment(ref outputs);
            }
        }, iter: iterations, seed: seed, print: cases => $"id.md body:\n{cases.Item1}\n---\nen.md body:\n{cases.Item2}");
        log.WriteLine($"{iterations} cases, {outputs} HTML outputs (page bodies and feed contents): no script, feed URLs absolute, feeds as their pages");
    }

    /// <summary>The story body of the page for <paramref name="url"/>, parsed as a browser would at that address (links resolve against it).</summary>
    private static IElement PageBody(string output, string language, string url)
    {
        var html = File.ReadAllText(Path.Combine(output, language, "2026", "10", "s", "index.html"));
        var context = BrowsingContext.New(AngleSharp.Configuration.Default);
        var document = context.OpenAsync(response => response.Content(html).Address(url)).GetAwaiter().GetResult();
        return document.QuerySelector(".story-body")!;
    }

    /// <summary>
    /// The feed's content is the page's body: the same elements in the same order with the same attributes and text,
    /// each href, src and cite leading where the page's leads (both read by the same URL parser, AngleSharp's, escapes decoded).
    /// </summary>
    private static void SameBody(IElement page, IElement feed, string pageUrl, string where)
    {
        if (Normalize(page.TextContent) != Normalize(feed.TextContent))
            throw new Exception($"{where}: the text differs from the page's:\n{page.TextContent}\n---\n{feed.TextContent}");
        var (pageElements, feedElements) = (page.Descendants<IElement>().ToList(), feed.Descendants<IElement>().ToList());
        if (pageElements.Count != feedElements.Count)
            throw new Exception($"{where}: {feedElements.Count} elements, the page has {pageElements.Count}:\n{page.InnerHtml}\n---\n{feed.InnerHtml}");
        var baseUrl = new Url(pageUrl);
        foreach (var (p, f) in pageElements.Zip(feedElements))
        {
            if (p.LocalName != f.LocalName || p.Attributes.Length != f.Attributes.Length)
                throw new Exception($"{where}: <{f.LocalName}> with {f.Attributes.Length} attributes where the page has <{p.LocalName}> with {p.Attributes.Length}:\n{p.OuterHtml}\n---\n{f.OuterHtml}");
            foreach (var attribute in p.Attributes)
            {
                var value = f.GetAttribute(attribute.Name);
                var same = attribute.Name is "href" or "src" or "cite"
                    ? value is not null && Decoded(new Url(baseUrl, attribute.Value)) == Decoded(new Url(value))
                    : value == attribute.Value;
                if (!same) throw new Exception($"{where}: {attribute.Name}=\"{value}\" where the page has \"{attribute.Value}\" in <{p.LocalName}>");
            }
        }
    }

    /// <summary>A URL with its escapes decoded: two spellings of one address (%3C or &lt; in a fragment) compare equal.</summary>
    private static string Decoded(Url url) => Uri.UnescapeDataString(url.Href);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static void Fail(IEnumerable<string> problems, string where)
    {
        var list = problems.ToList();
        if (list.Count > 0) throw new Exception($"{where}: {string.Join("; ", list.Take(5))}");
    }
}
