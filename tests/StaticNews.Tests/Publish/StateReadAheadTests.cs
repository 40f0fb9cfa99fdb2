using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// `serve` reads the output's record, build cache and record of published addresses while it waits for the next change
/// (StateReadAhead), so that its next build starts from them at once: what it reads ahead must be what that build would
/// read, or nothing.
/// </summary>
public sealed class StateReadAheadTests
{
    private static (string Input, string Output) BuiltSample(TempDir temp, Func<BuildOptions, BuildOptions>? configure = null)
    {
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        OldFiles.Age(input);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output, configure: configure).Success);
        return (input, output);
    }

    /// <summary>Overwrites the state file <paramref name="name"/> of <paramref name="output"/> where it is, its size and time as they were: read again, it is not what StaticNews wrote.</summary>
    private static void Garble(string output, string name)
    {
        var path = StateFolder.For(output).File(name);
        var time = File.GetLastWriteTimeUtc(path);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write)) file.Write(new byte[file.Length]);
        File.SetLastWriteTimeUtc(path, time);
    }

    private const string Story = "articles/krl-tembus-karawang/en.md";

    /// <summary>The story's English file with its title replaced by <paramref name="title"/>.</summary>
    private static void Retitle(string input, string title)
    {
        var path = Path.Combine(input, Story);
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, line => line.StartsWith("title:", StringComparison.Ordinal));
        lines[at] = $"title: \"{title}\"";
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public async Task A_preview_rebuild_starts_from_the_records_read_after_the_last_build_not_from_the_files_again()
    {
        using var temp = new TempDir();
        using var site = RecordedSite.ReadAhead();
        using var urls = StaticNews.Redirects.PublishedUrls.ReadAhead();
        BuildOptions Preview(BuildOptions options) => options with { SiteReadAhead = site, UrlsReadAhead = urls };
        var (input, output) = BuiltSample(temp, Preview);
        await site.Reading;
        await urls.Reading;
        // Read again, the record of the files is no record at all (the build would refuse an output holding files it has
        // no record of), and the record of published addresses is unreadable (an error).
        Garble(output, "output.bin");
        Garble(output, StaticNews.Redirects.PublishedUrls.FileName);
        Retitle(input, "Commuter line reaches Karawang, read ahead");

        var rebuilt = SiteBuild.Run(input, output, configure: Preview);

        Assert.True(rebuilt.Success, string.Join('\n', rebuilt.Diagnostics));
        Assert.True(rebuilt.PublishedInPlace);
        var page = Directory.EnumerateFiles(Path.Combine(output, "en"), "index.html", SearchOption.AllDirectories)
            .Select(path => HtmlPages.Parse(File.ReadAllText(path)))
            .Single(document => document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")?.Contains("krl-tembus-karawang") == true);
        Assert.Equal("Commuter line reaches Karawang, read ahead", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task What_was_read_ahead_is_let_go_once_another_build_wrote_its_files_or_for_another_key_or_output()
    {
        using var temp = new TempDir();
        var (input, output) = BuiltSample(temp);
        var state = StateFolder.For(output);
        var key = OutputRecord.Read(state)!.Key;
        using var ahead = RecordedSite.ReadAhead();

        ahead.Start(state, key);
        var taken = ahead.Take(state, key);
        Assert.NotNull(taken);
        Assert.Equal(OutputRecord.Read(state)!.Files.OrderBy(f => f.Key, StringComparer.Ordinal), taken.Record.Files.OrderBy(f => f.Key, StringComparer.Ordinal));
        // Each read is one build's.
        Assert.Null(ahead.Take(state, key));

        // Another process's build between two of the preview's publishes a change: it wrote both files.
        ahead.Start(state, key);
        await ahead.Reading;
        Retitle(input, "Commuter line reaches Karawang, built elsewhere");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Null(ahead.Take(state, key));

        // The build cache alone written (its time moved): let go too.
        ahead.Start(state, key);
        await ahead.Reading;
        var cache = state.File("cache/fingerprints.bin");
        File.SetLastWriteTimeUtc(cache, File.GetLastWriteTimeUtc(cache).AddSeconds(1));
        Assert.Null(ahead.Take(state, key));

        ahead.Start(state, key);
        Assert.Null(ahead.Take(state, "another key"));
        ahead.Start(state, key);
        Assert.Null(ahead.Take(StateFolder.For(temp.Combine("elsewhere")), key));
        ahead.Start(state, key);
        Assert.NotNull(ahead.Take(state, key));
    }
}
