using StaticNews.Cli;
using StaticNews.Engine;
using StaticNews.Import;
using StaticNews.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Tests.Import;

/// <summary>
/// `staticnews import wordpress` on an export written the way WordPress 6 writes it (newsroom.xml): a Polylang
/// group in three languages, a WPML pair, Gutenberg and classic bodies, shortcodes, embeds, media, statuses.
/// </summary>
public sealed class WordpressImportTests
{
    private static readonly string Newsroom = ImportedSite.Fixture("newsroom.xml");

    [Fact]
    public void A_polylang_group_becomes_one_story_with_the_original_in_the_default_language()
    {
        using var site = new ImportedSite();
        Assert.True(site.Import(Newsroom, ImportedSite.Uploads).Success);

        // Posts 10 (id), 11 (en), 12 (fr) share a post_translations term: one folder, named after the original's slug.
        const string story = "articles/kopi-gayo-tembus-jepang";
        Assert.Equal(["en.md", "fr.md", "id.md"], Directory.GetFiles(site.Full(story), "*.md").Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.Null(site.Value($"{story}/id.md", "translation"));
        Assert.Equal("human", site.Value($"{story}/en.md", "translation"));
        Assert.Equal("human", site.Value($"{story}/fr.md", "translation"));
        // Each translation keeps its own WordPress slug, so its new URL reads as the old one did.
        Assert.Equal("gayo-coffee-reaches-japan", site.Value($"{story}/en.md", "slug"));
        Assert.Equal("le-cafe-gayo-arrive-au-japon", site.Value($"{story}/fr.md", "slug"));
        // The translator (another WordPress user than the original's author) is credited per version.
        Assert.Equal("dewi-lestari", site.Value($"{story}/en.md", "translator"));
        Assert.Null(site.Value($"{story}/en.md", "author"));
    }

    [Fact]
    public void A_wpml_group_becomes_one_story()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads);
        Assert.Equal("Pasar Terapung Banjarmasin", site.Value("articles/pasar-terapung/id.md", "title"));
        Assert.Equal("Banjarmasin's Floating Market", site.Value("articles/pasar-terapung/en.md", "title"));
        Assert.Equal("human", site.Value("articles/pasar-terapung/en.md", "translation"));
        Assert.False(Directory.Exists(site.Full("articles/floating-market")));
    }

    [Fact]
    public void Translations_named_with_machine_are_machine_translations()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads, new HashSet<string> { "fr" });
        Assert.Equal("machine", site.Value("articles/kopi-gayo-tembus-jepang/fr.md", "translation"));
        Assert.Equal("human", site.Value("articles/kopi-gayo-tembus-jepang/en.md", "translation"));
    }

    [Fact]
    public void Front_matter_carries_dates_in_the_site_time_zone_taxonomy_authors_summary_image_and_old_urls()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads);
        const string file = "articles/kopi-gayo-tembus-jepang/id.md";
        // post_date_gmt 2019-05-14 08:20:00 is 15:20 in Asia/Jakarta (the default time zone); modified -> updated.
        Assert.Equal(new DateTimeOffset(2019, 5, 14, 8, 20, 0, TimeSpan.Zero), DateTimeOffset.Parse(site.Value(file, "date")!));
        Assert.EndsWith("+07:00", site.Value(file, "date"));
        Assert.Equal(new DateTimeOffset(2019, 5, 16, 3, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(site.Value(file, "updated")!));
        Assert.Equal("rahmat-hidayat", site.Value(file, "author"));
        // Yoast's primary category (term 5, ekonomi) is the category; the other category stays as a tag.
        Assert.Equal("ekonomi", site.Value(file, "category"));
        Assert.Equal(["Ekspor", "Kopi Gayo", "Daerah"], site.Values(file, "tags"));
        Assert.Equal("Koperasi petani Gayo mengirim kontainer kopi pertama ke Jepang.", site.Value(file, "summary"));
        // The featured image, copied from the uploads folder at full size (not the 1024x683 copy the body shows).
        Assert.Equal("foto-kopi.jpg", site.Value(file, "image"));
        Assert.Equal("Petani memetik buah kopi merah", site.Value(file, "image_alt"));
        Assert.Equal("Petani memetik kopi di Takengon. (Foto: Rahmat Hidayat)", site.Value(file, "image_caption"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(ImportedSite.Uploads, "2019/05/foto-kopi.jpg")), File.ReadAllBytes(site.Full("articles/kopi-gayo-tembus-jepang/foto-kopi.jpg")));
        Assert.Equal(["/2019/05/kopi-gayo-tembus-jepang/"], site.Values(file, "aliases"));
        // The translations' old URLs are their new ones (the same /en/yyyy/mm/slug/ pattern): no alias to themselves.
        Assert.Empty(site.Values("articles/kopi-gayo-tembus-jepang/en.md", "aliases"));
    }

    [Fact]
    public void Drafts_scheduled_private_and_password_protected_posts()
    {
        using var site = new ImportedSite();
        var report = site.Import(Newsroom, ImportedSite.Uploads);
        // A draft has no post_date_gmt: its local date is taken in the site's time zone, and it stays a draft.
        Assert.Equal("true", site.Value("articles/catatan-bukan-judul/id.md", "draft"));
        Assert.Equal("2019-07-01T09:00:00+07:00", site.Value("articles/catatan-bukan-judul/id.md", "date"));
        // Scheduled: the future date is what keeps it unpublished until then; its percent-encoded slug is decoded.
        Assert.Equal("2031-01-01T09:00:00+07:00", site.Value("articles/café-toba/id.md", "date"));
        Assert.Null(site.Value("articles/café-toba/id.md", "draft"));
        Assert.Empty(site.Values("articles/café-toba/id.md", "aliases"));
        // Private, password-protected, trashed: not written, and listed with their lines.
        foreach (var (id, reason) in new[] { (32L, "private"), (33L, "password-protected"), (34L, "in the trash"), (60L, "language 'de' is not configured") })
        {
            var note = Assert.Single(report.Notes, n => n.Message.Contains($"post {id} "));
            Assert.Contains(reason, note.Message);
            Assert.Equal(ImportedSite.ItemLine(Newsroom, id), note.Line);
            Assert.Equal("newsroom.xml", note.File);
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(site.Input, "*.md", SearchOption.AllDirectories), f => f.Contains("rapat") || f.Contains("laporan-khusus") || f.Contains("salah"));
        Assert.Equal(1, report.Skipped["private"]);
        Assert.Equal(1, report.Skipped["password-protected"]);
        Assert.Single(report.Notes, n => n.Message.Contains("page 40") && n.Message.Contains("https://kabar.example.org/tentang-kami/"));
    }

    [Fact]
    public void Gutenberg_blocks_become_markdown_and_what_markdown_cannot_say_stays_html()
    {
        using var site = new ImportedSite();
        var report = site.Import(Newsroom, ImportedSite.Uploads);
        var body = site.Body("articles/kopi-gayo-tembus-jepang/id.md");
        Assert.Equal("Takengon", body.QuerySelector("p strong")!.TextContent);
        Assert.Contains("Harga naik 5*3 kali & lebih.", body.QuerySelector("p")!.TextContent);
        Assert.Equal("Harga di tingkat petani", body.QuerySelector("h2")!.TextContent);
        Assert.Equal(["Arabika: Rp 90.000/kg", "Robusta: Rp 45.000/kg"], body.QuerySelectorAll("ul li").Select(li => li.TextContent).ToArray());
        // The image block: the local full-size copy, its caption, and no link to the media file around it.
        var figure = body.QuerySelectorAll("figure").First(f => f.QuerySelector("figcaption")?.TextContent == "Panen di Takengon");
        Assert.Equal("foto-kopi.jpg", figure.QuerySelector("img")!.GetAttribute("src"));
        Assert.Null(figure.QuerySelector("a"));
        // The YouTube embed: its host is allowed in site.yml, so the player is embedded (privacy-enhanced address).
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", body.QuerySelector("iframe")!.GetAttribute("src"));
        Assert.Equal("Ketua koperasi", body.QuerySelector("blockquote cite")!.TextContent);
        Assert.Equal(["2018", "12", "2019", "40"], body.QuerySelectorAll("table tbody td").Select(td => td.TextContent).ToArray());
        // [gallery ids="101,102"]: one figure per image, with the attachment's caption.
        Assert.Contains(body.QuerySelectorAll("figure"), f => f.QuerySelector("img")?.GetAttribute("src") == "pasar.jpg" && f.QuerySelector("figcaption")?.TextContent == "Pasar terapung saat fajar");
        Assert.Equal("laporan.pdf", body.QuerySelectorAll("a").Single(a => a.TextContent == "Laporan ekspor").GetAttribute("href"));
        Assert.True(site.Exists("articles/kopi-gayo-tembus-jepang/laporan.pdf"));
        // A dynamic block has no content in an export: reported at the post's line.
        var note = Assert.Single(report.Notes, n => n.Message.Contains("wp:latest-posts"));
        Assert.Equal(ImportedSite.ItemLine(Newsroom, 10), note.Line);
        Assert.Contains("articles/kopi-gayo-tembus-jepang/id.md", note.Message);
    }

    [Fact]
    public void Classic_bodies_get_paragraphs_captions_embeds_and_links_to_the_new_pages()
    {
        using var site = new ImportedSite();
        var report = site.Import(Newsroom, ImportedSite.Uploads);
        var body = site.Body("articles/kopi-gayo-tembus-jepang/en.md");
        // The link to the Indonesian post's old address now leads to its new page.
        Assert.Equal("https://kabar.example.org/id/2019/05/kopi-gayo-tembus-jepang/", body.QuerySelectorAll("a").Single(a => a.TextContent == "reported in Indonesian").GetAttribute("href"));
        // [caption]...[/caption] is a figure with the image and the caption's own markup.
        var figure = body.QuerySelector("figure")!;
        Assert.Equal("Farmers picking red coffee cherries", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("Harvest in Takengon", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Takengon", figure.QuerySelector("figcaption em")!.TextContent);
        // Blank lines are paragraphs, a single line break is a line break; prose in brackets is not a shortcode.
        var paragraph = body.QuerySelectorAll("p").Single(p => p.TextContent.StartsWith("Prices went up."));
        Assert.NotNull(paragraph.QuerySelector("br"));
        Assert.EndsWith("[Read also: Aceh harvest]", paragraph.TextContent);
        // A YouTube address alone on its line was an embed; a map iframe from a host site.yml does not allow is a link.
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", body.QuerySelector("iframe")!.GetAttribute("src"));
        Assert.Contains(body.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://maps.example.com/embed?pb=123");
        Assert.Contains(report.Notes, n => n.Message.Contains("maps.example.com") && n.Line == ImportedSite.ItemLine(Newsroom, 11));
        // A plugin's shortcode cannot run: removed, and said so.
        Assert.DoesNotContain("contact-form-7", site.Text("articles/kopi-gayo-tembus-jepang/en.md"));
        Assert.Contains(report.Notes, n => n.Message.Contains("[contact-form-7]") && n.Line == ImportedSite.ItemLine(Newsroom, 11));
    }

    [Fact]
    public void Markdown_syntax_in_the_text_stays_text()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads);
        var body = site.Body("articles/catatan-bukan-judul/id.md");
        Assert.Empty(body.QuerySelectorAll("h1, ol, em"));
        var first = body.QuerySelector("p")!;
        Assert.StartsWith("# bukan judul", first.TextContent);
        Assert.Contains("1. bukan daftar", first.TextContent);
        Assert.Contains("Harga 5*3 = 15 dan [catatan] pakai _garis_ bawah, snake_case, `kode` dan tebal teks.", first.TextContent);
        Assert.Equal("tebal", first.QuerySelector("strong")!.TextContent);
        Assert.Equal("print(\"a  b\")\n\nprint(1)\n", body.QuerySelector("pre code.language-python")!.TextContent);
        // The title's asterisks are text too.
        Assert.Equal("Catatan: *bukan* judul", site.Value("articles/catatan-bukan-judul/id.md", "title"));
    }

    [Fact]
    public void Authors_and_categories_are_written_to_the_content_files()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads);
        var authors = Yaml(site.Text("authors.yml"));
        Assert.Equal("Rahmat Hidayat", Scalar(authors, "rahmat-hidayat", "name"));
        Assert.Equal("Dewi Lestari", Scalar(authors, "dewi-lestari", "name"));
        Assert.DoesNotContain("@", site.Text("authors.yml")); // e-mail addresses stay private
        var categories = (YamlMappingNode)Yaml(site.Text("taxonomy.yml"))["categories"];
        // Labels per language: the original's category name, and the translations' own category names.
        Assert.Equal("Ekonomi & Bisnis", Scalar(categories, "ekonomi", "label", "id"));
        Assert.Equal("Economy", Scalar(categories, "ekonomi", "label", "en"));
        Assert.Equal("Économie", Scalar(categories, "ekonomi", "label", "fr"));
        Assert.Equal("Kabar ekonomi dan bisnis", Scalar(categories, "ekonomi", "description", "id"));
        Assert.Equal("Regions", Scalar(categories, "daerah", "label", "en"));
        Assert.False(categories.Children.ContainsKey(new YamlScalarNode("uncategorized")));
    }

    [Fact]
    public void Entries_the_editors_wrote_are_kept_and_new_ones_added_after_them()
    {
        using var site = new ImportedSite();
        const string authors = "# Redaksi\nrahmat:\n  name: Rahmat Hidayat\n  role: { id: Wartawan }\n";
        const string taxonomy = "# Kurasi\ncategories:\n  ekonomi:\n    label: { id: Ekonomi, en: Business }\n\ntags:\n  kopi-gayo:\n    label: { en: Gayo coffee }\n";
        File.WriteAllText(site.Full("authors.yml"), authors);
        File.WriteAllText(site.Full("taxonomy.yml"), taxonomy);
        site.Import(Newsroom, ImportedSite.Uploads);

        Assert.StartsWith(authors, site.Text("authors.yml"));
        // The editors' key for the same person is used.
        Assert.Equal("rahmat", site.Value("articles/kopi-gayo-tembus-jepang/id.md", "author"));
        Assert.Equal("Dewi Lestari", Scalar(Yaml(site.Text("authors.yml")), "dewi-lestari", "name"));

        var root = Yaml(site.Text("taxonomy.yml"));
        Assert.StartsWith("# Kurasi\ncategories:\n  ekonomi:\n    label: { id: Ekonomi, en: Business }\n", site.Text("taxonomy.yml"));
        var categories = (YamlMappingNode)root["categories"];
        Assert.Equal("Business", Scalar(categories, "ekonomi", "label", "en"));
        Assert.Equal("Daerah", Scalar(categories, "daerah", "label", "id"));
        Assert.Equal("Gayo coffee", Scalar((YamlMappingNode)root["tags"], "kopi-gayo", "label", "en"));
    }

    [Fact]
    public void A_folder_the_import_did_not_make_is_never_written_into()
    {
        using var site = new ImportedSite();
        var mine = site.Full("articles/pasar-terapung/id.md");
        Directory.CreateDirectory(Path.GetDirectoryName(mine)!);
        File.WriteAllText(mine, "---\ntitle: Pasar kami\ndate: 2020-01-01T00:00:00+07:00\n---\n\nTulisan redaksi.\n");
        var before = File.ReadAllBytes(mine);
        site.Import(Newsroom, ImportedSite.Uploads);
        Assert.Equal(before, File.ReadAllBytes(mine));
        Assert.False(File.Exists(site.Full("articles/pasar-terapung/en.md")));
        Assert.Equal("Pasar Terapung Banjarmasin", site.Value("articles/pasar-terapung-2/id.md", "title"));
    }

    [Fact]
    public void Importing_again_changes_nothing()
    {
        using var site = new ImportedSite();
        var first = site.Import(Newsroom, ImportedSite.Uploads);
        Assert.True(first.Success);
        var before = site.Snapshot();
        var again = site.Import(Newsroom, ImportedSite.Uploads);
        Assert.True(again.Success);
        Assert.Equal(before, site.Snapshot());
        Assert.Equal(first.Articles.Values.Sum(), again.Articles[FileOutcome.Unchanged]);
        Assert.Equal(first.Media.Values.Sum(), again.Media[FileOutcome.Unchanged]);
        Assert.Empty(site.Leftovers());
    }

    [Fact]
    public void A_new_export_updates_what_nobody_touched_and_keeps_what_an_editor_changed_or_deleted()
    {
        using var site = new ImportedSite();
        site.Import(Newsroom, ImportedSite.Uploads);
        var edited = site.Full("articles/pasar-terapung/id.md");
        File.AppendAllText(edited, "\nKoreksi redaksi.\n");
        var editedBytes = File.ReadAllBytes(edited);
        File.Delete(site.Full("articles/pasar-terapung/en.md"));

        // The newsroom fixed two titles in WordPress and exported again.
        var export = site.Temp.Combine("export-2.xml");
        File.WriteAllText(export, File.ReadAllText(Newsroom)
            .Replace("<![CDATA[Kopi Gayo Tembus Pasar Jepang]]>", "<![CDATA[Kopi Gayo Tembus Pasar Jepang dan Korea]]>")
            .Replace("<![CDATA[Pasar Terapung Banjarmasin]]>", "<![CDATA[Pasar Terapung di Banjarmasin]]>"));
        var report = site.Import(export, ImportedSite.Uploads);

        Assert.Equal("Kopi Gayo Tembus Pasar Jepang dan Korea", site.Value("articles/kopi-gayo-tembus-jepang/id.md", "title"));
        Assert.Equal(editedBytes, File.ReadAllBytes(edited));
        Assert.False(File.Exists(site.Full("articles/pasar-terapung/en.md")));
        Assert.Equal(1, report.Articles[FileOutcome.Updated]);
        Assert.Equal(1, report.Articles[FileOutcome.KeptEdited]);
        Assert.Equal(1, report.Articles[FileOutcome.KeptDeleted]);
        Assert.Contains(report.Notes, n => n.Message.Contains("articles/pasar-terapung/id.md") && n.Message.Contains("edited by hand") && n.Line == ImportedSite.ItemLine(export, 20));
        // Still no second story for any post.
        Assert.Equal(4, Directory.GetDirectories(site.Full("articles")).Length);
    }

    [Fact]
    public void The_command_prints_the_report_and_exits_zero()
    {
        using var site = new ImportedSite();
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int exit;
        try { exit = Program.Main(["import", "wordpress", Newsroom, "--input", site.Input, "--uploads", ImportedSite.Uploads, "--machine", "fr"]).GetAwaiter().GetResult(); }
        finally { Console.SetOut(previous); }
        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains($"newsroom.xml:{ImportedSite.ItemLine(Newsroom, 32)}: warning: skipped: post 32 \"Rapat redaksi\": private", text);
        Assert.Contains("4 stories, 7 versions (en 2, fr 1, id 4)", text);
        Assert.Equal("machine", site.Value("articles/kopi-gayo-tembus-jepang/fr.md", "translation"));
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (var key in path) node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value;
    }
}
