using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Serve;
using StaticNews.Tests.Support;
using Xunit.Abstractions;

namespace StaticNews.Tests.Publish;

/// <summary>
/// One build at a time per output folder, across processes: a second build waits for the first (and says so), or
/// with --no-wait fails at once; `serve` takes its turn for each rebuild like any build.
/// </summary>
public sealed class OutputLockTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120); // a deadline against hanging, not a speed check
    private const string Waiting = "Waiting for another build that is publishing into";

    [Fact]
    public void Two_builds_into_one_output_at_once_take_turns_leave_a_whole_site_and_each_reports_what_it_did()
    {
        using var temp = new TempDir();
        using var oldEdition = new TempDir();
        using var newEdition = new TempDir();
        var oldInput = SiteBuild.WriteSite(oldEdition, Editions.Site("Lama", 100));
        var newInput = SiteBuild.WriteSite(newEdition, Editions.Site("Baru", 100));
        var oldSite = Reference(oldInput, temp.Combine("ref-old"));
        var newSite = Reference(newInput, temp.Combine("ref-new"));
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(oldInput, output).Success);

        var overlapped = 0;
        var rounds = new List<string>();
        // Four rounds, and more until the two met at the lock: a build that finds its site up to date holds the lock only
        // for a moment, and the other can arrive after it (two rounds of four did not meet in one run on a loaded machine).
        for (var round = 0; round < 4 || (overlapped == 0 && round < 12); round++)
        {
            using var first = CliProcess.Build(oldInput, output);
            using var second = CliProcess.Build(newInput, output);
            Assert.Equal(0, first.WaitForExit());
            Assert.Equal(0, second.WaitForExit());

            var after = OutputChecks.Snapshot(output);
            Assert.True(after.SequenceEqual(oldSite) || after.SequenceEqual(newSite), $"round {round}: the output is neither site ({after.Count} files)");
            var (firstWaited, secondWaited) = (first.Output.Contains(Waiting), second.Output.Contains(Waiting));
            Assert.False(firstWaited && secondWaited);
            // The build that waited published last: the output is its site.
            if (firstWaited) Assert.Equal(oldSite, after);
            if (secondWaited) Assert.Equal(newSite, after);
            // Each says what it did with its own site: published all of its files, or found nothing to change (or no input changed since its site was built).
            foreach (var (build, site) in new[] { (first, oldSite), (second, newSite) })
                Assert.True(build.Output.Contains($"{output}: {site.Count} files") || build.Output.Contains($"{output}: nothing changed")
                            || build.Output.Contains($"{output}: up to date"), build.Output);
            if (firstWaited || secondWaited) overlapped++;
            rounds.Add(firstWaited ? "old waited" : secondWaited ? "new waited" : "no overlap");
        }
        log.WriteLine(string.Join("; ", rounds));
        Assert.True(overlapped > 0, "the two builds never ran at the same time");
        Assert.False(Directory.Exists(StateFolder.For(output).File("staging")));
    }

    [Fact]
    public void With_no_wait_a_build_fails_at_once_while_another_one_holds_the_output()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var published = OutputChecks.Snapshot(output);

        using (Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "another build" }))
        {
            var (code, text) = CliProcess.Run(["build", "--input", input, "--output", output, "--base-url", "https://preview.example.org/", "--no-wait"]);
            Assert.Equal(1, code);
            Assert.Contains($"error: another build is publishing into {output} (process {Environment.ProcessId})", text);

            var report = SiteBuild.Run(input, output, configure: o => o with { WaitForOtherBuilds = false, BaseUrl = "https://preview.example.org/" });
            Assert.False(report.Success);
            Assert.Contains("another build is publishing into", Assert.Single(report.Diagnostics).Message);
            Assert.Equal(published, OutputChecks.Snapshot(output));
        }
        var after = SiteBuild.Run(input, output, configure: o => o with { WaitForOtherBuilds = false, BaseUrl = "https://preview.example.org/" });
        Assert.True(after.Success, string.Join("\n", after.Diagnostics));
    }

    [Fact]
    public async Task Serve_waits_for_its_turn_before_it_builds()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        var output = temp.Combine("output");
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = SiteBuild.Options(input, output) with { Waiting = message => waiting.TrySetResult(message) };

        Task<LivePreview> starting;
        using (Publication.Begin(new PublishOptions { OutputDirectory = output, CacheKey = "another build" }))
        {
            starting = Task.Run(() => LivePreview.StartAsync(options, System.Net.IPAddress.Loopback, 0, _ => { }, SiteBuild.SampleClock));
            Assert.Contains(Waiting, await waiting.Task.WaitAsync(Patience));
            Assert.False(starting.IsCompleted);
            Assert.False(File.Exists(Path.Combine(output, "index.html")));
        }
        await using var preview = await starting.WaitAsync(Patience);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
    }

    private static SortedDictionary<string, string> Reference(string input, string output)
    {
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return OutputChecks.Snapshot(output);
    }
}
