using StaticNews.Cli;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Import;

/// <summary>Exports that are not what WordPress writes: one clear error with the file and line, exit 1, and the input folder exactly as it was.</summary>
public sealed class BadExportTests
{
    private static readonly string Newsroom = File.ReadAllText(ImportedSite.Fixture("newsroom.xml"));

    public static TheoryData<string, string, string> Exports => new()
    {
        // Cut off in the middle of a post's content, as an interrupted download leaves it.
        { "truncated", Newsroom[..Newsroom.IndexOf("Prices went up.", StringComparison.Ordinal)], "cut short" },
        { "not well-formed", Newsroom.Replace("<title>Kabar Nusantara</title>", "<title>Kabar & Nusantara</title>"), "not well-formed XML" },
        { "unknown version", Newsroom.Replace("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>1.9</wp:wxr_version>"), "WXR version '1.9'" },
        { "no version", Newsroom.Replace("<wp:wxr_version>1.2</wp:wxr_version>", ""), "no <wp:wxr_version>" },
        { "not an export", "<?xml version=\"1.0\"?><html><body>Login</body></html>", "not a WordPress export" },
        {
            "entity bomb",
            Newsroom.Replace("<rss version=\"2.0\"", """
                <!DOCTYPE rss [
                  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
                  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
                ]>
                <rss version="2.0"
                """).Replace("<title>Kabar Nusantara</title>", "<title>&e;&e;&e;&e;&e;&e;&e;&e;</title>"),
            "DOCTYPE"
        },
        { "external entity", Newsroom.Replace("<rss version=\"2.0\"", "<!DOCTYPE rss SYSTEM \"file:///etc/passwd\">\n<rss version=\"2.0\""), "DOCTYPE" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public void A_bad_export_is_refused_with_its_line_and_the_input_is_untouched(string name, string text, string expected)
    {
        using var site = new ImportedSite();
        // A site that already has content: an earlier import of the good export, and a story an editor wrote.
        Assert.True(site.Import(ImportedSite.Fixture("newsroom.xml"), ImportedSite.Uploads).Success);
        File.AppendAllText(site.Full("articles/pasar-terapung/id.md"), "\nSunting tangan.\n");
        var before = site.Snapshot();
        var export = site.Temp.Combine(name.Replace(' ', '-') + ".xml");
        File.WriteAllText(export, text);

        var report = site.Import(export, ImportedSite.Uploads);
        Assert.False(report.Success);
        var error = Assert.Single(report.Errors);
        Assert.Contains(expected, error.Message);
        Assert.Equal(Path.GetFileName(export), error.File);
        if (name != "not an export") Assert.True(error.Line > 0, $"no line in: {error}");
        Assert.Equal(before, site.Snapshot());
        Assert.DoesNotContain(site.Leftovers(), p => Path.GetFileName(p).StartsWith('.'));

        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try { Assert.Equal(1, Program.Main(["import", "wordpress", export, "--input", site.Input]).GetAwaiter().GetResult()); }
        finally { Console.SetError(previous); }
        Assert.Contains(expected, errors.ToString());
        Assert.Contains("Nothing was written", errors.ToString());
        Assert.Equal(before, site.Snapshot());
    }

    [Fact]
    public void The_truncation_is_named_at_the_end_of_the_file()
    {
        using var site = new ImportedSite();
        var export = site.Temp.Combine("cut.xml");
        var cut = Newsroom[..(Newsroom.Length / 2)];
        File.WriteAllText(export, cut);
        var error = Assert.Single(site.Import(export).Errors);
        Assert.Contains("cut short", error.Message);
        Assert.Equal(cut.Count(c => c == '\n') + 1, error.Line);
    }

    [Fact]
    public void A_field_larger_than_an_article_skips_that_post_only()
    {
        using var site = new ImportedSite();
        var export = site.Temp.Combine("huge.xml");
        var huge = new string('x', 11 * 1024 * 1024);
        File.WriteAllText(export, Newsroom.Replace("Traders in <b>Lok Baintan</b> sell from boats from dawn.", huge));
        var report = site.Import(export);
        Assert.True(report.Success);
        Assert.Contains(report.Notes, n => n.Message.Contains("post 21") && n.Message.Contains("content:encoded is over 10 MB") && n.Line == ImportedSite.ItemLine(export, 21));
        Assert.False(site.Exists("articles/pasar-terapung/en.md"));
        Assert.True(site.Exists("articles/pasar-terapung/id.md"));
    }

    [Fact]
    public void Control_characters_in_an_export_are_removed_with_a_note()
    {
        using var site = new ImportedSite();
        var export = site.Temp.Combine("controls.xml");
        File.WriteAllText(export, Newsroom.Replace("Traders in <b>Lok Baintan</b>", "Traders\u000B in <b>Lok\u0001 Baintan</b>"));
        var report = site.Import(export);
        Assert.True(report.Success);
        Assert.Contains("Traders in **Lok Baintan**", site.Text("articles/pasar-terapung/en.md"));
        Assert.Contains(report.Notes, n => n.Message.Contains("post 21") && n.Message.Contains("control characters"));
    }

    [Fact]
    public void An_upload_path_leading_out_of_the_uploads_folder_is_not_copied()
    {
        using var site = new ImportedSite();
        var secret = site.Temp.Combine("secret.jpg");
        File.WriteAllBytes(secret, [0xFF, 0xD8, 0xFF, 0xD9]);
        var uploads = site.Temp.CopyFrom(ImportedSite.Uploads, "uploads");
        var export = site.Temp.Combine("escape.xml");
        File.WriteAllText(export, Newsroom.Replace("<![CDATA[2019/05/foto-kopi.jpg]]>", "<![CDATA[../secret.jpg]]>"));
        var report = site.Import(export, uploads);
        Assert.True(report.Success);
        Assert.Contains(report.Notes, n => n.Message.Contains("outside the uploads folder"));
        Assert.DoesNotContain(Directory.EnumerateFiles(site.Input, "*", SearchOption.AllDirectories), f => File.ReadAllBytes(f).SequenceEqual(File.ReadAllBytes(secret)));
    }
}
