using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Redirects;

/// <summary>`staticnews urls recover`: the record of published addresses, lost with the state folder, is rebuilt from the deployed site's sitemaps.</summary>
public sealed class RecoveryTests
{
    private static List<string[]> Rules(string output) => NetlifyRules.Redirects(output);

    /// <summary>
    /// A site deployed from one machine; then, on a machine without its state folder, a slug is edited, a date fixed
    /// into another month (with a new permalink pattern too) and a story deleted. Returns the deployed output, the
    /// edited input and the new machine's output folder.
    /// </summary>
    private static (string Deployed, string Input, string Output) DeployedThenEditedElsewhere(TempDir temp)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/kopi/id.md"] = Original("Kopi Gayo ke Jepang", date: "2026-11-03T09:00:00+07:00", extra: "author: sari\n"),
            ["authors.yml"] = "sari:\n  name: { id: Sari Dewi }\n",
            ["articles/kopi/en.md"] = Md("title: Gayo coffee goes to Japan"),
            ["articles/banjir/id.md"] = Original("Banjir di Kampung Melayu", date: "2026-10-30T09:00:00+07:00"),
            ["articles/banjir/en.md"] = Md("title: Floods in Kampung Melayu"),
            ["articles/teh/id.md"] = Original("Teh Kayu Aro", date: "2026-10-12T09:00:00+07:00"),
        });
        var deployed = temp.Combine("deployed");
        // One story per sitemap file, so recovery must follow the index to every file of each language.
        Assert.True(SiteBuild.Run(input, deployed, configure: o => o with { SitemapStoriesPerFile = 1 }).Success);
        Assert.True(File.Exists(Path.Combine(deployed, "sitemap-id-stories-3.xml")));

        File.WriteAllText(Path.Combine(input, "articles/kopi/en.md"), Md("title: Gayo coffee goes to Japan\nslug: gayo-coffee"));
        File.WriteAllText(Path.Combine(input, "articles/banjir/id.md"), Original("Banjir di Kampung Melayu", date: "2026-11-01T09:00:00+07:00"));
        Directory.Delete(Path.Combine(input, "articles/teh"), recursive: true);
        File.AppendAllText(Path.Combine(input, "site.yml"), "\npermalink: /{lang}/{yyyy}/{mm}/{dd}/{slug}/\n");
        return (deployed, input, temp.Combine("output"));
    }

    private static void AssertEveryOldAddressAnswers(string output)
    {
        var rules = Rules(output);
        string[] Rule(string from) => Assert.Single(rules, r => r[0] == from);
        Assert.Equal(["/en/2026/11/kopi/", "/en/2026/11/03/gayo-coffee/", "301!"], Rule("/en/2026/11/kopi/"));
        Assert.Equal(["/id/2026/11/kopi/", "/id/2026/11/03/kopi/", "301!"], Rule("/id/2026/11/kopi/"));
        Assert.Equal(["/id/2026/10/banjir/", "/id/2026/11/01/banjir/", "301!"], Rule("/id/2026/10/banjir/"));
        Assert.Equal(["/en/2026/10/banjir/", "/en/2026/11/01/banjir/", "301!"], Rule("/en/2026/10/banjir/"));
        Assert.Equal(["/id/2026/10/teh/", "/id/404.html", "410"], Rule("/id/2026/10/teh/"));
        // Listings are no story's: no rule.
        Assert.DoesNotContain(rules, r => r[0] is "/id/" or "/en/" || r[0].Contains("/tag/") || r[0].Contains("/category/") || r[0].Contains("/author/"));
        Assert.Equal("https://news.example.org/en/2026/11/03/gayo-coffee/",
            HtmlPages.Load(output, "en/2026/11/kopi/index.html").QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public void The_record_is_rebuilt_from_the_deployed_sitemaps_over_http()
    {
        using var temp = new TempDir();
        var (deployed, input, output) = DeployedThenEditedElsewhere(temp);
        using var server = new LoopbackServer(request =>
        {
            var file = Path.Combine(deployed, request.Path.TrimStart('/'));
            return File.Exists(file) ? new Reply(200, File.ReadAllText(file), ContentType: "application/xml") : new Reply(404, "");
        });

        var (exit, said) = CliProcess.Run(["urls", "recover", "--from", server.Url.AbsoluteUri, "--input", input, "--output", output]);
        Assert.True(exit == 0, said);
        Assert.Contains("1 of stories no longer there", said);
        Assert.Contains(server.Requests, r => r.Path == "/sitemap-en.xml");

        var build = SiteBuild.Run(input, output);
        Assert.True(build.Success, string.Join("\n", build.Diagnostics));
        AssertEveryOldAddressAnswers(output);
    }

    [Fact]
    public void The_record_is_rebuilt_from_a_copy_of_the_deployed_site_and_keeps_what_it_already_had()
    {
        using var temp = new TempDir();
        var (deployed, input, output) = DeployedThenEditedElsewhere(temp);

        Assert.Equal(0, CliProcess.Run(["urls", "recover", "--from", deployed, "--input", input, "--output", output]).ExitCode);
        var build = SiteBuild.Run(input, output);
        Assert.True(build.Success, string.Join("\n", build.Diagnostics));
        AssertEveryOldAddressAnswers(output);

        // Recovering again changes nothing the record holds.
        var before = EarlierUrlsRecords.Read(output).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(0, CliProcess.Run(["urls", "recover", "--from", deployed, "--input", input, "--output", output]).ExitCode);
        Assert.Equal(before, EarlierUrlsRecords.Read(output).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_sitemap_that_cannot_be_read_leaves_the_record_as_it_was()
    {
        using var temp = new TempDir();
        var (deployed, input, output) = DeployedThenEditedElsewhere(temp);
        File.WriteAllText(Path.Combine(deployed, "sitemap-en.xml"), "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>");

        var (exit, said) = CliProcess.Run(["urls", "recover", "--from", deployed, "--input", input, "--output", output]);

        Assert.Equal(1, exit);
        Assert.Contains("error:", said);
        Assert.False(File.Exists(Path.Combine(temp.Path, ".output.state", StaticNews.Redirects.PublishedUrls.FileName)));
    }
}
