using System.Xml.Linq;
using StaticNews.Cli;
using StaticNews.Engine;
using StaticNews.Stories;
using StaticNews.Tests.Support;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>XLIFF 1.2 out to translators and back: what a CAT tool fills in becomes a human translation with the original's structure.</summary>
public sealed class XliffTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly XNamespace X = "urn:oasis:names:tc:xliff:document:1.2";

    private string Site() => SiteBuild.WriteSite(_temp, new Dictionary<string, string>
    {
        ["articles/kopi/id.md"] = Articles.Md("title: Kopi Gayo ke Jepang\ndate: 2026-10-14T15:20:00+07:00\nimage_alt: Kebun kopi", """
            Koperasi **Lut Tawar** mengekspor [19 ton](https://example.org/ton) kopi.

            Kode karung `GAYO-001` dicatat.<br>Pembeli datang sendiri.
            """),
        ["articles/kopi/en.md"] = Articles.Md("title: Gayo coffee\ntranslation: machine\nslug: gayo-coffee", "Machine text."),
        ["glossary.yml"] = "keep: [Lut Tawar]\nterms:\n  kopi: { ar: قهوة }\n",
    }, SiteBuild.MinimalSiteYml);

    private static int Run(params string[] args) => Program.Main(args).GetAwaiter().GetResult();

    /// <summary>What a translator's CAT tool does: a target for each unit, words in capitals, every code kept in place.</summary>
    private static void Translate(string file, Func<XElement, XElement>? edit = null)
    {
        var document = XDocument.Load(file, LoadOptions.PreserveWhitespace);
        foreach (var unit in document.Descendants(X + "trans-unit"))
        {
            var target = new XElement(X + "target", new XAttribute(XNamespace.Xml + "lang", "ar"), unit.Element(X + "source")!.Nodes().Select(Copy));
            unit.Element(X + "source")!.AddAfterSelf(edit is null ? target : edit(target));
        }
        document.Save(file, SaveOptions.DisableFormatting);
    }

    private static XNode Copy(XNode node) => node switch
    {
        XText text => new XText(text.Value.ToUpperInvariant()),
        XElement element => new XElement(element.Name, element.Attributes(), element.Nodes().Select(Copy)),
        _ => node,
    };

    [Fact]
    public async Task Export_then_a_translators_edit_then_import_gives_a_human_translation_with_the_originals_structure()
    {
        var input = Site();
        var folder = _temp.Combine("xliff");
        Assert.Equal(0, Run("xliff", "export", "--input", input, "--lang", "ar", "--output", folder));
        var file = Path.Combine(folder, "kopi.ar.xlf");
        var exported = XDocument.Load(file);
        Assert.Equal("1.2", exported.Root!.Attribute("version")!.Value);
        var units = exported.Descendants(X + "trans-unit").ToDictionary(u => u.Attribute("id")!.Value);
        Assert.Equal(["title", "image_alt", "body-1", "body-2"], units.Keys);
        var body1 = units["body-1"].Element(X + "source")!;
        Assert.Equal(["bold", "link"], body1.Elements(X + "g").Select(g => g.Attribute("ctype")!.Value));
        Assert.Equal(["x-code", "x-html"], units["body-2"].Element(X + "source")!.Elements(X + "x").Select(x => x.Attribute("ctype")!.Value));
        Assert.Contains(units["body-1"].Elements(X + "note"), n => n.Value.Contains("keep \"Lut Tawar\"") && n.Value.Contains("\"kopi\" is \"قهوة\""));
        // A second export never overwrites what may be a translator's work.
        Assert.Equal(1, Run("xliff", "export", "--input", input, "--lang", "ar", "--output", folder));

        Translate(file);
        Assert.Equal(0, Run("xliff", "import", file, "--input", input));

        var site = await SiteBuild.ReadStories(input);
        var story = site.Index.Stories.Single();
        var ar = story.Version("ar")!;
        Assert.Equal(StaticNews.Configuration.TranslationKind.Human, ar.Kind);
        Assert.Equal("KOPI GAYO KE JEPANG", ar.Title);
        Assert.Equal("KEBUN KOPI", ar.ImageAlt);
        Assert.Equal(story.Original.Article.TextHash, ar.Article.SourceHash);
        Assert.Null(ar.Article.Engine);
        Assert.False(ar.IsStale);
        var text = File.ReadAllText(Path.Combine(input, "articles/kopi/ar.md"));
        Assert.Contains("translation: human\n", text);
        Assert.Contains("KOPERASI **LUT TAWAR** MENGEKSPOR [19 TON](https://example.org/ton) KOPI.", text);
        Assert.Contains("KODE KARUNG `GAYO-001` DICATAT.<br>PEMBELI DATANG SENDIRI.", text);

        var output = _temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var page = HtmlPages.Load(output, ar.Url.TrimStart('/') + "index.html");
        Assert.NotNull(page.QuerySelector(".translated-from"));
        Assert.Null(page.QuerySelector(".translation-notice"));
        Assert.Equal("https://example.org/ton", page.QuerySelector("article a[href^='https://example.org']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_translation_that_lost_a_code_or_a_unit_is_refused_with_its_line_and_nothing_is_written()
    {
        var input = Site();
        var folder = _temp.Combine("xliff");
        Assert.Equal(0, Run("xliff", "export", "--input", input, "--story", "kopi", "--lang", "ar", "--output", folder));
        var file = Path.Combine(folder, "kopi.ar.xlf");
        Translate(file, target => { target.Elements(X + "x").Where(x => x.Attribute("ctype")!.Value == "x-code").Remove(); return target; });
        var before = Directory.GetFiles(Path.Combine(input, "articles/kopi")).Order().ToList();

        Assert.Equal(1, Run("xliff", "import", file, "--input", input));
        Assert.Equal(before, Directory.GetFiles(Path.Combine(input, "articles/kopi")).Order().ToList());
        var error = Assert.Throws<InputException>(() => Xliff.Import(file, "kopi.ar.xlf"));
        Assert.Contains("lost the code `GAYO-001`", error.Message);
        Assert.True(error.Line > 1);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_translation_of_an_original_that_changed_since_export_is_imported_as_stale()
    {
        var input = Site();
        var folder = _temp.Combine("xliff");
        Assert.Equal(0, Run("xliff", "export", "--input", input, "--lang", "ar", "--output", folder));
        var original = Path.Combine(input, "articles/kopi/id.md");
        File.WriteAllText(original, File.ReadAllText(original).Replace("19 ton", "21 ton"));
        var file = Path.Combine(folder, "kopi.ar.xlf");
        Translate(file);

        Assert.Equal(0, Run("xliff", "import", file, "--input", input));
        var ar = (await SiteBuild.ReadStories(input)).Index.Stories.Single().Version("ar")!;
        Assert.Equal(Staleness.TextChanged, ar.Staleness);
        Assert.Contains("[19 TON]", File.ReadAllText(Path.Combine(input, "articles/kopi/ar.md"))); // what the translator saw
    }
}
