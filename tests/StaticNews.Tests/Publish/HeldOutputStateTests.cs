using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// `serve` reads the output's record and build cache while it waits for the next change (HeldOutputState), so that its
/// next build starts from them at once: what it reads ahead must be what that build would read, or nothing.
/// </summary>
public sealed class HeldOutputStateTests
{
    private static (string Input, string Output) BuiltSample(TempDir temp, HeldOutputState? held = null)
    {
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        OldFiles.Age(input);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output, configure: options => options with { HeldOutput = held }).Success);
        return (input, output);
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
        using var held = new HeldOutputState();
        var (input, output) = BuiltSample(temp, held);
        await held.Reading;
        // The record's bytes overwritten where they are, its size and time as they were: read again, it is no record at all,
        // and the build would refuse an output holding files it has no record of.
        var record = StateFolder.For(output).File("output.bin");
        var time = File.GetLastWriteTimeUtc(record);
        using (var file = new FileStream(record, FileMode.Open, FileAccess.Write)) file.Write(new byte[file.Length]);
        File.SetLastWriteTimeUtc(record, time);
        Retitle(input, "Commuter line reaches Karawang, read ahead");

        var rebuilt = SiteBuild.Run(input, output, configure: options => options with { HeldOutput = held });

        Assert.True(rebuilt.Success, string.Join('\n', rebuilt.Diagnostics));
        Assert.True(rebuilt.PublishedInPlace);
        var page = Directory.EnumerateFiles(Path.Combine(output, "en"), "index.html", SearchOption.AllDirectories)
            .Select(path => HtmlPages.Parse(File.ReadAllText(path)))
            .Single(document => document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")?.Contains("krl-tembus-karawang") == true);
        Assert.Equal("Commuter line reaches Karawang, read ahead", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Records_read_ahead_are_let_go_once_another_build_wrote_them_or_for_another_key_or_output()
    {
        using var temp = new TempDir();
        var (input, output) = BuiltSample(temp);
        var state = StateFolder.For(output);
        var key = OutputRecord.Read(state)!.Key;
        using var held = new HeldOutputState();

        held.ReadInBackground(state, key);
        var taken = held.Take(state, key);
        Assert.NotNull(taken);
        Assert.Equal(OutputRecord.Read(state)!.Files.OrderBy(f => f.Key, StringComparer.Ordinal), taken.Value.Record.Files.OrderBy(f => f.Key, StringComparer.Ordinal));
        // Each read is one build's.
        Assert.Null(held.Take(state, key));

        // Another process's build between two of the preview's publishes a change: it wrote both files.
        held.ReadInBackground(state, key);
        await held.Reading;
        Retitle(input, "Commuter line reaches Karawang, built elsewhere");
        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.Null(held.Take(state, key));

        // The build cache alone written (its time moved): let go too.
        held.ReadInBackground(state, key);
        await held.Reading;
        var cache = state.File("cache/fingerprints.bin");
        File.SetLastWriteTimeUtc(cache, File.GetLastWriteTimeUtc(cache).AddSeconds(1));
        Assert.Null(held.Take(state, key));

        held.ReadInBackground(state, key);
        Assert.Null(held.Take(state, "another key"));
        held.ReadInBackground(state, key);
        Assert.Null(held.Take(StateFolder.For(temp.Combine("elsewhere")), key));
        held.ReadInBackground(state, key);
        Assert.NotNull(held.Take(state, key));
    }
}
