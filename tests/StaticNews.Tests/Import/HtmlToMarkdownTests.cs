using AngleSharp.Html.Parser;
using CsCheck;
using StaticNews.Content;
using StaticNews.Import;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Import;

/// <summary>Imported HTML made into Markdown reads back, through the build's renderer, as the same text, links and structure.</summary>
public sealed class HtmlToMarkdownTests
{
    private static readonly HtmlParser Parser = new();

    private static string Markdown(string html)
    {
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        return HtmlToMarkdown.Convert(document.Body!);
    }

    private static AngleSharp.Dom.IDocument Rendered(string markdown) => HtmlPages.Parse(new MarkdownRenderer(HtmlPolicy.Default).Render(markdown, new Uri("https://news.example.org/id/2019/05/s/")).PageHtml);

    private static string Words(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static readonly HashSet<string> Blocks = ["p", "li", "ul", "ol", "h1", "h2", "h3", "blockquote", "pre", "br", "figure", "figcaption", "td", "th", "tr", "table", "dt", "dd"];

    /// <summary>The words of a tree as a reader sees them: blocks apart from each other.</summary>
    private static string Words(AngleSharp.Dom.INode root)
    {
        var text = new System.Text.StringBuilder();
        void Walk(AngleSharp.Dom.INode node)
        {
            if (node is AngleSharp.Dom.IText t) { text.Append(t.Data); return; }
            var block = node is AngleSharp.Dom.IElement e && Blocks.Contains(e.LocalName);
            if (block) text.Append(' ');
            foreach (var child in node.ChildNodes) Walk(child);
            if (block) text.Append(' ');
        }
        Walk(root);
        return Words(text.ToString());
    }

    // Text that Markdown would read as syntax if it were written as it is.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf("kata", "berita", "news", "新闻", "خبر", "café", "a_b", "snake_case"),
        Gen.OneOf("*", "**", "_", "__", "[", "]", "[x](y)", "![i](j)", "#", "# ", "##", "1.", "1. ", "2)", "a.", "iv.", "-", "- ", "+", "+ ", "=", "==", "===",
            "---", "***", "`", "``", "<", ">", "> ", "<b>", "&", "&amp;", "&copy;", "&#35;", "|", "~", "~~", "^", "^^^", "\\", "\\*", "!", "http://x.example/a_b", ":", "[^1]", "    "));

    /// <summary>Inline HTML; with <paramref name="link"/>, links too (a link inside a link is not HTML: the parser pulls them apart).</summary>
    private static Gen<string> InlineWith(Gen<string>? link) => Gen.Recursive<string>((depth, self) =>
    {
        if (depth > 3) return Gen.Frequency((5, Text.Select(t => System.Net.WebUtility.HtmlEncode(t))), (1, Gen.Const(" ")));
        var choices = new List<(int, IGen<string>)>
        {
            (8, Text.Select(t => System.Net.WebUtility.HtmlEncode(t))),
            (4, Gen.Const(" ")),
            (1, self.Array[1, 3].Select(a => $"<strong>{string.Concat(a)}x</strong>")),
            (1, self.Array[1, 3].Select(a => $"<em>x{string.Concat(a)}</em>")),
            (1, Text.Select(t => $"<code>{System.Net.WebUtility.HtmlEncode(t)}</code>")),
            (1, Gen.Const("<br>")),
        };
        if (link is not null) choices.Add((1, link));
        return Gen.Frequency(choices.ToArray());
    });

    private static readonly Gen<string> Link = InlineWith(null).Array[1, 3].Select(a => $"<a href=\"https://example.org/a(b) c?q=1&amp;r=2\">{string.Concat(a)}y</a>");

    private static readonly Gen<string> Inline = InlineWith(Link);

    private static readonly Gen<string> Line = Inline.Array[1, 8].Select(string.Concat);

    private static readonly Gen<string> Block = Gen.OneOf(
        Line.Select(l => $"<p>{l}</p>"),
        Line.Select(l => $"<h2>{l}</h2>"),
        Line.Array[1, 3].Select(items => $"<ul>{string.Concat(items.Select(i => $"<li>{i}</li>"))}</ul>"),
        Line.Array[1, 3].Select(items => $"<ol>{string.Concat(items.Select(i => $"<li>{i}</li>"))}</ol>"),
        Line.Array[1, 2].Select(ps => $"<blockquote>{string.Concat(ps.Select(p => $"<p>{p}</p>"))}</blockquote>"),
        Text.Array[1, 4].Select(t => $"<pre><code>{System.Net.WebUtility.HtmlEncode(string.Join("\n", t))}</code></pre>"));

    [Fact]
    public void Text_links_and_structure_survive_the_round_trip()
    {
        Block.Array[1, 5].Select(string.Concat).Sample(html =>
        {
            var original = Parser.ParseDocument("<body>" + html + "</body>").Body!;
            var markdown = Markdown(html);
            var rendered = Rendered(markdown).Body!;
            var context = $"\nHTML: {html}\nMarkdown:\n{markdown}\nRendered: {rendered.InnerHtml}";
            Assert.True(Words(original) == Words(rendered), "text differs" + context);
            // The same address (percent-encoding a space or a parenthesis does not change it).
            // The same links to the same addresses (percent-encoding a space or a parenthesis does not change one); no
            // bare address in the text became a link. A link with no text was invisible and may go.
            static IEnumerable<string> Links(AngleSharp.Dom.IElement root) => root.QuerySelectorAll("a")
                .Where(a => a.TextContent.Trim().Length > 0).Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!));
            Assert.True(Links(original).SequenceEqual(Links(rendered)), "links differ" + context);
            // No text became a heading, list, quote, rule, table, image or footnote of its own.
            // (An element with no text at all, an empty heading or quote, may go.)
            static int Count(AngleSharp.Dom.IElement root, string name) => root.QuerySelectorAll(name).Count(e => e.TextContent.Trim().Length > 0);
            foreach (var name in new[] { "h1", "h2", "h3", "ul", "ol", "li", "blockquote", "hr", "table", "img", "pre", "figure" })
                Assert.True(Count(original, name) == Count(rendered, name), $"{name} count differs" + context);
            // Code spans of white space only are white space.
            static int Code(AngleSharp.Dom.IElement root) => root.QuerySelectorAll("code").Count(c => c.TextContent.Trim().Length > 0);
            Assert.True(Code(original) == Code(rendered), "code differs" + context);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("<p>a <b>bold </b>word</p>", "a **bold** word")]
    [InlineData("<p>x<em>\"quoted\"</em>y</p>", "x<em>\"quoted\"</em>y")]
    [InlineData("<p>line one<br>line two<br></p>", "line one\\\nline two")]
    [InlineData("<p>&nbsp;</p><p>after</p>", "after")]
    [InlineData("<figure><img src=\"a.jpg\" alt=\"A [b]\"><figcaption>Cap <em>x</em></figcaption></figure>", "^^^\n![A \\[b\\]](a.jpg)\n^^^ Cap *x*")]
    [InlineData("<ul><li>one<ul><li>two</li></ul></li><li>three</li></ul>", "- one\n  - two\n- three")]
    [InlineData("<p>see <a href=\"https://x.example/a b\">this</a></p>", "see [this](https://x.example/a%20b)")]
    [InlineData("<pre>a\n\nb</pre>", "```\na\n\nb\n```")]
    public void Simple_html_becomes_clean_markdown(string html, string expected) => Assert.Equal(expected + "\n", Markdown(html));

    [Fact]
    public void A_backslash_and_exclamation_mark_before_a_link_stay_text_not_an_image()
    {
        // Found by the round trip above (seed 2JGMy66GG5d1): a backslash, then "!", then a link was read back as an image.
        var rendered = Rendered(Markdown("<p>a\\!<a href=\"https://x.example/\">y</a></p>"));
        Assert.Empty(rendered.QuerySelectorAll("img"));
        Assert.Equal("https://x.example/", rendered.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("a\\!y", rendered.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void What_markdown_cannot_say_stays_html_without_blank_lines()
    {
        var markdown = Markdown("<table>\n\n<tr><td>a\n\n\nb</td></tr></table><dl><dt>k</dt><dd>v</dd></dl><p>after</p>");
        Assert.DoesNotContain("\n\n\n", markdown);
        var rendered = Rendered(markdown);
        Assert.Equal("a b", Words(rendered.QuerySelector("td")!.TextContent));
        Assert.Equal("v", rendered.QuerySelector("dl dd")!.TextContent);
        Assert.Equal("after", rendered.QuerySelectorAll("p").Last().TextContent);
    }
}
