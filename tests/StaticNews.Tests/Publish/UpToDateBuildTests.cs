using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// A build whose input folder is unchanged since the published site was built stops after listing it (LastBuild);
/// every change it must not miss makes it build: an edit, a new or removed file, an option, a link in the input, a
/// file saved too recently to trust its time, a scheduled story coming due, a story leaving the news sitemap.
/// </summary>
public sealed class UpToDateBuildTests
{
    private static Dictionary<string, DateTime> Times(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(output, f), File.GetLastWriteTimeUtc);

    private static string SampleCopy(TempDir temp)
    {
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        OldFiles.Age(input);
        return input;
    }

    [Fact]
    public void A_build_with_no_input_changed_is_up_to_date_and_reports_what_the_last_build_reported()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        // A file a story folder may not publish: a warning each build must say.
        OldFiles.Save(input, "articles/krl-tembus-karawang/catatan.html", "<p>catatan</p>");
        var output = temp.Combine("output");
        var first = SiteBuild.Run(input, output);
        Assert.True(first.Success);
        Assert.False(first.UpToDate);
        var times = Times(output);
        // What a killed build left beside the site: its staging tree and the site it swapped out.
        var state = StaticNews.Publish.StateFolder.For(output);
        foreach (var leftover in new[] { "staging", "retired" })
        {
            Directory.CreateDirectory(state.File($"{leftover}/id"));
            File.WriteAllText(state.File($"{leftover}/id/index.html"), "<p>half");
        }

        var again = SiteBuild.Run(input, output);

        Assert.True(again.Success);
        Assert.True(again.UpToDate);
        Assert.False(again.OutputChanged);
        Assert.Equal(0, again.FilesWritten);
        Assert.Equal((first.Stories, first.Versions, first.Files, first.Pages, first.Feeds, first.ImageFiles),
            (again.Stories, again.Versions, again.Files, again.Pages, again.Feeds, again.ImageFiles));
        Assert.Contains(first.Diagnostics, d => d.Severity == Severity.Warning && d.ToString().Contains("catatan.html"));
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), again.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(times, Times(output));
        Assert.Contains("up to date", StaticNews.Cli.BuildCommand.Summary(again, "output"));
        Assert.False(Directory.Exists(state.File("staging")));
        Assert.False(Directory.Exists(state.File("retired")));
    }

    [Fact]
    public void Every_change_to_the_input_folder_is_built()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.True(SiteBuild.Run(input, output).UpToDate);

        // An edit (the file's time moves on, as an editor's save does).
        var story = Path.Combine(input, "articles/krl-tembus-karawang/id.md");
        File.WriteAllText(story, File.ReadAllText(story).Replace("title: \"Kereta Komuter Jakarta Resmi Melaju hingga Karawang\"", "title: \"KRL Resmi Melaju hingga Karawang\""));
        File.SetLastWriteTimeUtc(story, OldFiles.Time.AddMinutes(1));
        var edited = SiteBuild.Run(input, output);
        Assert.False(edited.UpToDate);
        Assert.Contains("KRL Resmi Melaju hingga Karawang", File.ReadAllText(Path.Combine(output, "id/2026/10/krl-tembus-karawang/index.html")));
        Assert.True(SiteBuild.Run(input, output).UpToDate);

        // A new file, with an old time (copied from elsewhere keeping its time).
        OldFiles.Save(input, "static/kebijakan.txt", "Kebijakan redaksi");
        Assert.False(SiteBuild.Run(input, output).UpToDate);
        Assert.Equal("Kebijakan redaksi", File.ReadAllText(Path.Combine(output, "kebijakan.txt")));
        Assert.True(SiteBuild.Run(input, output).UpToDate);

        // A removed story folder.
        Directory.Delete(Path.Combine(input, "articles/sekolah-batik-pekalongan"), recursive: true);
        Assert.False(SiteBuild.Run(input, output).UpToDate);
        Assert.Empty(Directory.EnumerateDirectories(output, "sekolah-batik-pekalongan", SearchOption.AllDirectories));

        // Another option (drafts shown) is another site.
        var drafts = SiteBuild.Run(input, output, configure: o => o with { IncludeDrafts = true });
        Assert.False(drafts.UpToDate);
    }

    [Fact]
    public void A_file_saved_just_now_or_a_link_in_the_input_is_never_taken_on_trust()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        // Saved within the racy window: its time can't vouch for its content yet, so the build after the one that listed
        // it then builds too. (Saved again just before that listing: a build between them can take longer than the window.)
        var story = Path.Combine(input, "articles/krl-tembus-karawang/en.md");
        // (Once such a file has settled, holding what its build read, the next build may be up to date: see below.)
        File.SetLastWriteTimeUtc(story, DateTime.UtcNow);
        Assert.False(SiteBuild.Run(input, output).UpToDate);
        File.SetLastWriteTimeUtc(story, DateTime.UtcNow);
        Assert.False(SiteBuild.Run(input, output).UpToDate);
        File.SetLastWriteTimeUtc(story, OldFiles.Time);

        // A link: its target can change without it.
        var target = Path.Combine(input, "catatan", "elsewhere.txt");
        OldFiles.Save(input, "catatan/elsewhere.txt", "one");
        Directory.CreateDirectory(Path.Combine(input, "static"));
        File.CreateSymbolicLink(Path.Combine(input, "static", "linked.txt"), target);
        Assert.True(SiteBuild.Run(input, output).Success);
        OldFiles.Save(input, "catatan/elsewhere.txt", "two");
        var rebuilt = SiteBuild.Run(input, output);
        Assert.False(rebuilt.UpToDate);
        Assert.Equal("two", File.ReadAllText(Path.Combine(output, "linked.txt")));
    }

    /// <summary>
    /// A build of the sample with a breaking story saved just before it (too new to stamp), which waits after the content
    /// stage until the story is older than the racy window, as a build of a large archive does; <paramref name="meanwhile"/>
    /// runs once the story was read, before the wait.
    /// </summary>
    private static BuildReport BuildWithBreakingStory(string input, string output, Action? meanwhile = null)
    {
        NewFiles.Save(input, "articles/banjir-bekasi/id.md", Articles.Original("Banjir Bekasi"));
        return SiteBuilder.BuildAsync(SiteBuild.Options(input, output), SiteBuild.SampleClock, (pipeline, _) =>
        {
            if (pipeline is not StaticNews.Content.ContentPipeline) return;
            meanwhile?.Invoke();
            Thread.Sleep(StaticNews.Content.FileStamp.RacyWindow + TimeSpan.FromSeconds(0.5));
        }).GetAwaiter().GetResult();
    }

    [Fact]
    public void A_story_saved_just_before_its_build_is_trusted_by_the_next_build_once_it_has_settled()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        var breaking = BuildWithBreakingStory(input, output);
        Assert.True(breaking.Success);
        Assert.False(breaking.UpToDate);
        Assert.Contains("Banjir Bekasi", File.ReadAllText(Path.Combine(output, "id/2026/11/banjir-bekasi/index.html")));

        // The story's file is as its build read it, and old enough now for its time to vouch for it: nothing to build.
        var again = SiteBuild.Run(input, output);
        Assert.True(again.Success);
        Assert.True(again.UpToDate);
        Assert.Equal(breaking.Files, again.Files);

        // Its stamp is trusted from then on as any other file's: an edit is built.
        OldFiles.Save(input, "articles/banjir-bekasi/id.md", Articles.Original("Banjir Bekasi Surut"));
        var edited = SiteBuild.Run(input, output);
        Assert.False(edited.UpToDate);
        Assert.Contains("Banjir Bekasi Surut", File.ReadAllText(Path.Combine(output, "id/2026/11/banjir-bekasi/index.html")));
        Assert.True(SiteBuild.Run(input, output).UpToDate);
    }

    [Fact]
    public void A_story_saved_again_after_its_build_read_it_is_built_again()
    {
        using var temp = new TempDir();
        var input = SampleCopy(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        // Saved again while its build runs, and settled before the build ends: its time is old enough, its bytes are not
        // what the build read.
        var story = Path.Combine(input, "articles/banjir-bekasi/id.md");
        var breaking = BuildWithBreakingStory(input, output, () => File.WriteAllText(story, Articles.Original("Banjir Bekasi Meluas")));
        Assert.True(breaking.Success);
        Assert.DoesNotContain("Banjir Bekasi Meluas", File.ReadAllText(Path.Combine(output, "id/2026/11/banjir-bekasi/index.html")));

        var again = SiteBuild.Run(input, output);
        Assert.False(again.UpToDate);
        Assert.Contains("Banjir Bekasi Meluas", File.ReadAllText(Path.Combine(output, "id/2026/11/banjir-bekasi/index.html")));
    }

    [Fact]
    public void A_scheduled_story_appears_when_its_time_comes_and_a_story_leaves_the_news_sitemap_after_two_days()
    {
        using var temp = new TempDir();
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/berita-lama/id.md"] = Article("Berita Lama", now.AddHours(-40)),
            ["articles/berita-terjadwal/id.md"] = Article("Berita Terjadwal", now.AddHours(3)),
        });
        OldFiles.Age(input);
        var output = temp.Combine("output");
        string News() => File.ReadAllText(Path.Combine(output, "news-sitemap.xml"));
        var scheduledPage = Path.Combine(output, "id/2026/11/berita-terjadwal/index.html");

        Assert.True(SiteBuild.Run(input, output, new BuildClock(now)).Success);
        Assert.False(File.Exists(scheduledPage));
        Assert.Contains("berita-lama", News());
        Assert.True(SiteBuild.Run(input, output, new BuildClock(now.AddHours(1))).UpToDate);

        var due = SiteBuild.Run(input, output, new BuildClock(now.AddHours(4)));
        Assert.False(due.UpToDate);
        Assert.True(File.Exists(scheduledPage));
        Assert.Contains("berita-lama", News());
        Assert.True(SiteBuild.Run(input, output, new BuildClock(now.AddHours(5))).UpToDate);

        var later = SiteBuild.Run(input, output, new BuildClock(now.AddHours(9)));  // 49 hours after the old story
        Assert.False(later.UpToDate);
        Assert.DoesNotContain("berita-lama", News());
        Assert.Contains("berita-terjadwal", News());

        // A clock set back (SOURCE_DATE_EPOCH) is not vouched for either.
        Assert.False(SiteBuild.Run(input, output, new BuildClock(now)).UpToDate);
        Assert.False(File.Exists(scheduledPage));
    }

    private static string Article(string title, DateTimeOffset date) => $"""
        ---
        title: {title}
        date: {date:yyyy-MM-ddTHH:mm:sszzz}
        ---
        Isi berita {title}.
        """;
}
