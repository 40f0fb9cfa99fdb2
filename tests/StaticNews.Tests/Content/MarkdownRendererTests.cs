using AngleSharp.Html.Parser;
using CsCheck;
using StaticNews.Content;

namespace StaticNews.Tests.Content;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();
    private static readonly Uri Page = new("https://news.example.org/id/2026/10/berita/");

    [Fact]
    public void Bare_links_of_every_kind_become_links()
    {
        var html = _renderer.Render(
            "Lihat https://example.org/a hari ini.\n\nSitus www.example.org juga.\n\nSurel mailto:redaksi@example.org saja.\n\n" +
            "Arsip ftp://files.example.org/x lama.\n\nTelepon tel:+62211234 kami.", Page).PageHtml;
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(
        [
            ("https://example.org/a", "https://example.org/a"), ("http://www.example.org", "www.example.org"),
            ("mailto:redaksi@example.org", "redaksi@example.org"),
            // Linked, and like any link with a scheme outside the policy's (http, https, mailto), led nowhere.
            ("#", "ftp://files.example.org/x"), ("#", "+62211234"),
        ], links);
    }

    /// <summary>Text made of prose, Markdown syntax and pieces of URLs, whole or broken.</summary>
    private static readonly Gen<string> Markdown = Gen.OneOf(
            "Berita ", "the ", "what ", "http", "https", "ftp", "mailto", "tel", "www", "WWW", "Www", "HtTp", ":", "//", "/", ".", "@", "+62",
            "https://example.org/a", "http://x.y", "ftp://x.y/z", "mailto:a@x.y", "tel:+6221", "www.example.org", "WWW.X.Y", "HTTP://X.Y",
            "example.org", "x.y", " ", "\n", "\n\n", "*", "_", "**", "~~", "`", "# ", "> ", "- ", "1. ", "[", "]", "(", ")", "<", ">",
            "<a href=\"x\">", "</a>", "| a | b |\n|---|---|\n", "[^1]", "[^1]: catatan", "```\n", "中文", "العربية", "é")
        .Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void A_body_renders_the_same_whether_or_not_it_is_checked_for_bare_links_first()
    {
        // The renderer skips the autolink parser for a body that cannot hold a bare link: that must never change the page.
        Markdown.Sample(text =>
        {
            Assert.Equal(_renderer.Render(text, _renderer.WithAutoLinks, Page), _renderer.Render(text, Page));
            Assert.Equal(MarkdownRenderer.PlainText(text, _renderer.WithAutoLinks), _renderer.PlainText(text));
        }, iter: 3000);
    }

    /// <summary>Paragraphs of prose with the constructs whose meaning can depend on lines further down.</summary>
    private static readonly Gen<string> Body = Gen.Frequency(
            (12, Gen.OneOf("kata ", "berita hari ini ", "the news ", "中文新闻", "日本語 ", "خبر ", "*tegas* ", "_miring_ ", "`kode` ")),
            (6, Gen.OneOf("\n", "\n\n", "\n \n", "\r\n\r\n", "\n\t\n")),
            (1, Gen.OneOf("[", "]", "[a]", "[a][r] ", "\n[r]: /x\n", "[^1] ", "\n[^1]: catatan\n", "```\n", "~~~\n", "<pre>\n", "</pre>\n",
                "<!--\n", "-->\n", "    kode\n", "> ", "- ", "1. ", "# ", "\n===\n", "\n---\n", "| a | b |\n|---|---|\n", "\nkata kata | berita hari ini\n--- | ---\n", "\nkata kata berita\n===\n", "^^^\n",
                "<div>\n", "www.example.org ", "mailto:a@b.id ", "&amp; ", "\\")))
        .Array[0, 120].Select(parts => string.Concat(parts));

    [Fact]
    public void A_summary_read_from_the_first_paragraphs_is_the_summary_of_the_whole_body()
    {
        Gen.Select(Body, Gen.Int[1, 15], Gen.Int[0, 300]).Sample((body, words, firstCut) =>
            Assert.Equal(TextTools.Summarize(_renderer.PlainText(body), words), _renderer.Summary(body, words, firstCut)), iter: 3000);
    }
}
