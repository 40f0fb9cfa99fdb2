using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StaticNews.Content;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>
/// A body goes out as segments of HTML and comes back translated: the rendered page must keep everything that is not
/// words — code, URLs, link targets, raw HTML with its attributes, images, structure — and glossary names.
/// </summary>
public sealed class MarkdownSegmentsTests
{
    private const string Body = """
        Koperasi **Kopi Lut Tawar** di _Takengon_ mengirim kontainer pertama. Lihat [laporan](https://example.org/laporan?id=7&x=1 "Laporan lengkap"), [arsip][arsip] dan [peta].
        Ketua koperasi, Nurhayati Ibrahim, berkata: `kirim(19, "ton")` berjalan lancar.

        ## Harga naik 30 persen

        > "Dulu kami tidak tahu kopi kami diminum di mana," kata Nurhayati Ibrahim.
        > Sekarang pembeli datang sendiri.

        - Biji kopi <abbr title="Arabika Gayo">AG</abbr> dijemur di rumah jemur.
        - Setiap karung diberi kode, lihat <https://kopi.example.org/kode>.

        1. Panen pertama
        2. Panen kedua\
           dengan hujan

        ![Kebun kopi di dataran tinggi Gayo](kebun.jpg "Kebun")

        | Desa | Ton |
        |------|----:|
        | Bintang | 4 |
        | Kebayakan | 3 |

        ```python
        print("jangan diterjemahkan")
        ```

        <figure class="pull"><img src="peta.png" alt="Peta Aceh Tengah"><figcaption>Peta asli</figcaption></figure>

        Catatan kaki tentang ekspor[^1]. Situs www.kopi.example.org memuat daftar harga.

        [^1]: Data dari Dinas Perdagangan.

        [arsip]: https://example.org/arsip
        [peta]: /peta/ "Peta"
        """;

    private static readonly Glossary Names = new(["Nurhayati Ibrahim", "Lut Tawar"], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>The body through the whole path: segments, glossary terms, HTML out, a fake engine (uppercase words), HTML back, Markdown.</summary>
    private static string Translate(string body, Func<string, string> words, Glossary? glossary = null)
    {
        var segments = MarkdownSegments.Parse(body);
        var translations = new Dictionary<string, IReadOnlyList<SegmentNode>>();
        foreach (var segment in segments.Segments)
        {
            var marked = (glossary ?? Glossary.Empty).Mark(segment, "fr");
            var answer = FakeEngine(SegmentHtml.Write(marked), words);
            translations[segment.Id] = SegmentHtml.Read(answer, marked);
        }
        return segments.Apply(translations);
    }

    private static readonly HtmlParser Parser = new();

    private static string FakeEngine(string html, Func<string, string> words)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><body></body>");
        foreach (var node in Parser.ParseFragment(html, document.Body!).ToList()) document.Body!.AppendChild(node);
        foreach (var text in document.Body!.Descendants<IText>().ToList())
            if (!text.Ancestors<IElement>().Any(e => e.GetAttribute("translate") == "no")) text.Data = words(text.Data);
        return document.Body.InnerHtml;
    }

    private static IElement Rendered(string markdown)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><body>" + PageHtml(markdown) + "</body>");
        return document.Body!;
    }

    [Fact]
    public void Code_links_raw_HTML_images_structure_and_glossary_names_survive_while_the_words_are_translated()
    {
        var translated = Translate(Body, w => w.ToUpperInvariant(), Names);
        var before = Rendered(Body);
        var after = Rendered(translated);

        // The same elements in the same order: paragraphs, heading, quote, lists, table, figure, footnotes.
        Assert.Equal(before.Descendants<IElement>().Select(e => e.LocalName), after.Descendants<IElement>().Select(e => e.LocalName));
        // Link targets and titles, image sources, raw HTML attributes: exactly as written.
        Assert.Equal(before.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), after.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(before.QuerySelectorAll("a[title]").Select(a => a.GetAttribute("title")), after.QuerySelectorAll("a[title]").Select(a => a.GetAttribute("title")));
        Assert.Equal(["kebun.jpg", "peta.png"], after.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Equal("Arabika Gayo", after.QuerySelector("abbr")!.GetAttribute("title"));
        Assert.Equal("pull", after.QuerySelector("figure")!.ClassName);
        // Code untouched, inline and in blocks.
        Assert.Equal(before.QuerySelectorAll("code").Select(c => c.TextContent), after.QuerySelectorAll("code").Select(c => c.TextContent));
        // Words translated: paragraph text, heading, alt text, table cells, footnote, link text.
        Assert.Equal("HARGA NAIK 30 PERSEN", after.QuerySelector("h2")!.TextContent);
        Assert.Equal("KEBUN KOPI DI DATARAN TINGGI GAYO", after.QuerySelector("img[src='kebun.jpg']")!.GetAttribute("alt"));
        Assert.Equal(["DESA", "TON", "BINTANG", "4", "KEBAYAKAN", "3"], after.QuerySelectorAll("th, td").Select(c => c.TextContent));
        Assert.Contains("DATA DARI DINAS PERDAGANGAN.", after.QuerySelector(".footnotes")!.TextContent);
        Assert.Equal(["LAPORAN", "ARSIP", "PETA"], after.QuerySelectorAll("p a:not([href^='#'])").Take(3).Select(a => a.TextContent));
        // The raw HTML block is kept as written (its tags, attributes and text); autolinked URLs stay links to themselves.
        Assert.Equal("Peta asli", after.QuerySelector("figcaption")!.TextContent);
        Assert.Contains(after.QuerySelectorAll("a"), a => a.GetAttribute("href") == "http://www.kopi.example.org" && a.TextContent == "www.kopi.example.org");
        // Glossary names come back as written, everywhere they appear.
        Assert.Equal(2, after.TextContent.Split("Nurhayati Ibrahim").Length - 1);
        Assert.Contains("KOPI Lut Tawar", after.QuerySelector("strong")!.TextContent);
        // Only the words changed: the blocks are where they were, between the same blank lines.
        Assert.Equal(Body.Split("\n\n").Length, translated.Split("\n\n").Length);
    }

    [Fact]
    public void Putting_the_original_words_back_renders_the_same_page()
    {
        var same = Translate(Body, w => w);
        // A paragraph's lines are joined into one: the same page, a space where there was a line break.
        Assert.Equal(OneLine(PageHtml(Body)), OneLine(PageHtml(same)));
    }

    /// <summary>The body as its page shows it.</summary>
    private static string PageHtml(string markdown) => new MarkdownRenderer().Render(markdown, new Uri("https://news.example.org/id/2026/10/s/")).PageHtml;

    private static string OneLine(string html)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in html) if (c != '\n' || text.Length == 0 || text[^1] != '>') text.Append(c == '\n' ? ' ' : c);
        return text.ToString();
    }

    [Theory]
    [InlineData("*bintang* dan _garis_", "*bintang* dan _garis_")]
    [InlineData("1. bukan daftar", "1. bukan daftar")]
    [InlineData("# bukan judul", "# bukan judul")]
    [InlineData("<b>bukan tag</b> &copy; [bukan](tautan) `kode`", "<b>bukan tag</b> &copy; [bukan](tautan) `kode`")]
    [InlineData("- tanda | pipa > kutip", "- tanda | pipa > kutip")]
    public void Words_that_look_like_Markdown_stay_words(string translation, string shown)
    {
        var translated = Translate("Sebuah paragraf biasa.", _ => translation);
        var page = Rendered(translated);
        var paragraph = Assert.Single(page.Children);
        Assert.Equal("p", paragraph.LocalName);
        Assert.Equal(shown, paragraph.TextContent);
    }

    [Fact]
    public void An_answer_that_loses_a_link_or_code_is_refused()
    {
        var segment = MarkdownSegments.Parse("Baca [laporan](https://example.org/) dan `kode`.").Segments.Single();
        var html = SegmentHtml.Write(segment);
        Assert.Contains("<a id=", html);
        var lostLink = Assert.Throws<TranslationAnswerException>(() => SegmentHtml.Read("READ THE REPORT AND <span translate=\"no\" id=\"sn2\">kode</span>.", segment));
        Assert.Contains("https://example.org/", lostLink.Message);
        var twice = Assert.Throws<TranslationAnswerException>(() => SegmentHtml.Read(html + html, segment));
        Assert.Contains("twice", twice.Message);
        // Tags the engine added are dropped, their words kept; a lost bold is only a lost bold.
        var nodes = SegmentHtml.Read("<font>READ</font> <a id=\"sn1\">THE REPORT</a> <span translate=\"no\" id=\"sn2\">x</span>", segment);
        Assert.Equal("READ [THE REPORT](https://example.org/) `kode`", MarkdownText.Write(nodes, inTable: false, continuationPrefix: ""));
    }

    [Fact]
    public void An_answer_cannot_add_markup_or_links_only_words()
    {
        var segment = MarkdownSegments.Parse("Baca laporannya.").Segments.Single();
        var nodes = SegmentHtml.Read("<script>alert(1)</script><img src=x onerror=alert(2)>LIHAT <a href=\"javascript:alert(3)\">DI SINI</a>](javascript:alert(4))", segment);
        var markdown = MarkdownText.Write(nodes, inTable: false, continuationPrefix: "");
        var page = Rendered(markdown);
        Assert.Empty(page.QuerySelectorAll("script, img, a"));
        Assert.Equal("alert(1)LIHAT DI SINI](javascript:alert(4))", page.TextContent.Trim());
    }

    [Fact]
    public void Glossary_terms_are_whole_words_in_any_case_with_fixed_translations_capitalised_like_the_original()
    {
        var glossary = new Glossary(["KRL"], new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["Korea Utara"] = new Dictionary<string, string> { ["fr"] = "Corée du Nord" },
            ["koperasi"] = new Dictionary<string, string> { ["fr"] = "coopérative" },
        });
        var segment = new Segment("s", [new TextNode("Koperasi KRL di korea utara; koperasinya dan AKRLX tidak.")]);
        var marked = glossary.Mark(segment, "fr");
        Assert.Equal(["Koperasi", "KRL", "korea utara"], marked.Coded().OfType<TermNode>().Select(t => t.Term));
        Assert.Equal(["Coopérative", null, "Corée du Nord"], marked.Coded().OfType<TermNode>().Select(t => t.Fixed));
        // A language without a fixed translation translates the term freely.
        Assert.Equal(["KRL"], glossary.Mark(segment, "en").Coded().OfType<TermNode>().Select(t => t.Term));
    }
}
