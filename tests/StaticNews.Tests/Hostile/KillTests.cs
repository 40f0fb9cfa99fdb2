using System.Diagnostics;
using StaticNews.Publish;
using StaticNews.Tests.Support;
using Xunit.Abstractions;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// Crash-safe publishing, proven on the real command line: the build process is killed (SIGKILL, no
/// chance to clean up) at seeded random moments, and after each kill the output folder holds exactly
/// the previous site or exactly the new one, never a mix; the next build then completes normally.
/// </summary>
public sealed class KillTests(ITestOutputHelper log)
{
    private const int Stories = 200;
    private const int Kills = 6;

    private static Dictionary<string, string> Site(string edition) => Editions.Site(edition, Stories);

    [Fact]
    public void A_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix()
    {
        using var temp = new TempDir();
        using var sites = new OldAndNew(temp);
        var (oldInput, newInput, oldSite, newSite) = (sites.OldInput, sites.NewInput, sites.OldSite, sites.NewSite);
        Assert.NotEqual(oldSite, newSite);

        var output = temp.Combine("output");
        var full = Stopwatch.StartNew();
        Assert.Equal(0, Build(newInput, temp.Combine("timing")));
        var duration = full.Elapsed;

        var random = new Random(20261127);
        var outcomes = new List<string>();
        for (var run = 0; run < Kills; run++)
        {
            // The published site is the old one (published by a build: the record beside it lists its files, and without
            // its cache the new build renders everything); a staging folder from the previous kill may still lie beside it.
            Assert.True(SiteBuild.Run(oldInput, output).Success);
            Assert.Equal(oldSite, OutputChecks.Snapshot(output));
            // (A kill before the publishing step leaves the old site with the record of its build: that build finds it up to date and makes no cache.)
            if (Directory.Exists(StateFolder.For(output).File("cache"))) Directory.Delete(StateFolder.For(output).File("cache"), recursive: true);
            outcomes.Add(KillAndLook(newInput, output, random, duration, oldSite, newSite));
        }
        log.WriteLine($"full build {duration.TotalMilliseconds:0} ms; kills: {string.Join("; ", outcomes)}");

        // A leftover staging folder does not disturb the next build, which publishes the new site and cleans up.
        var staging = StateFolder.For(output).File("staging");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "half-written.html"), "<p");
        Assert.Equal(0, Build(newInput, output));
        Assert.Equal(newSite, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void A_killed_rebuild_leaves_the_old_site_or_the_new_one()
    {
        using var temp = new TempDir();
        using var sites = new OldAndNew(temp);
        var (oldInput, newInput, oldSite, newSite) = (sites.OldInput, sites.NewInput, sites.OldSite, sites.NewSite);
        var output = temp.Combine("output");

        // The published site is the old one, built just after the new one: its cache and record lie beside it, and
        // the rebuild keeps what it can (links the unchanged files) and writes the rest.
        void PublishOld()
        {
            Assert.True(SiteBuild.Run(newInput, output).Success);
            Assert.True(SiteBuild.Run(oldInput, output).Success);
            Assert.Equal(oldSite, OutputChecks.Snapshot(output));
        }

        PublishOld();
        var full = Stopwatch.StartNew();
        Assert.Equal(0, Build(newInput, output));
        var duration = full.Elapsed;
        Assert.Equal(newSite, OutputChecks.Snapshot(output));

        var random = new Random(20261128);
        var outcomes = new List<string>();
        for (var run = 0; run < Kills; run++)
        {
            PublishOld();
            outcomes.Add(KillAndLook(newInput, output, random, duration, oldSite, newSite));

            // Whatever the kill left beside the output, the next build publishes exactly the new site.
            Assert.True(SiteBuild.Run(newInput, output).Success);
            Assert.Equal(newSite, OutputChecks.Snapshot(output));
        }
        log.WriteLine($"rebuild {duration.TotalMilliseconds:0} ms; kills: {string.Join("; ", outcomes)}");
    }

    [SkippableFact]
    public void A_build_killed_while_another_waits_for_the_output_hands_it_over_and_the_waiting_build_publishes_its_whole_site()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "stopping a process (SIGSTOP) needs Unix");
        using var temp = new TempDir();
        using var sites = new OldAndNew(temp);
        var output = temp.Combine("output");
        var outcomes = new List<string>();
        for (var round = 0; outcomes.Count < 2 && round < 6; round++)
        {
            Assert.True(SiteBuild.Run(sites.OldInput, output).Success);
            // (A kill before the publishing step leaves the old site with the record of its build: that build finds it up to date and makes no cache.)
            if (Directory.Exists(StateFolder.For(output).File("cache"))) Directory.Delete(StateFolder.For(output).File("cache"), recursive: true); // the first build renders everything

            // The first build holds the output from before its first stage ends; stopped there, it holds it until it is killed.
            using var first = CliProcess.Build(sites.NewInput, output);
            if (!first.WaitForLine("Content:")) continue; // finished before it could be stopped: try again
            Assert.Equal(0, kill(first.Process.Id, StopSignal));
            // Its line can reach us after it went on to publish (the 200 stories take a moment on a quiet machine): try again.
            if (!OutputChecks.Snapshot(output).SequenceEqual(sites.OldSite)) { first.Kill(); continue; }
            using var second = CliProcess.Build(sites.NewInput, output);
            Assert.True(second.WaitForLine("Waiting for another build"), second.Output);
            Assert.Contains($"publishing into {output} (process {first.Process.Id})", second.Output);
            first.Kill();

            Assert.Equal(0, second.WaitForExit());
            Assert.Equal(sites.NewSite, OutputChecks.Snapshot(output));
            Assert.Contains($"{output}: {sites.NewSite.Count} files", second.Output);
            Assert.False(Directory.Exists(StateFolder.For(output).File("staging")));
            outcomes.Add($"round {round}: killed holding the output, the waiting build published");
        }
        log.WriteLine(string.Join("; ", outcomes));
        Assert.NotEmpty(outcomes);
    }

    private static int StopSignal => OperatingSystem.IsMacOS() ? 17 : 19; // SIGSTOP

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Two editions of a 200-story site (inputs in folders of their own) and each one's output, built from scratch.</summary>
    private sealed class OldAndNew : IDisposable
    {
        private readonly TempDir _old = new(), _new = new();

        public OldAndNew(TempDir temp)
        {
            OldInput = SiteBuild.WriteSite(_old, Site("Lama"));
            NewInput = SiteBuild.WriteSite(_new, Site("Baru"));
            OldSite = Reference(OldInput, temp.Combine("ref-old"));
            NewSite = Reference(NewInput, temp.Combine("ref-new"));
        }

        public string OldInput { get; }
        public string NewInput { get; }
        public SortedDictionary<string, string> OldSite { get; }
        public SortedDictionary<string, string> NewSite { get; }

        public void Dispose()
        {
            _old.Dispose();
            _new.Dispose();
        }
    }

    /// <summary>Starts a build of <paramref name="input"/>, kills it at a random moment within <paramref name="duration"/>, and checks the output is one whole site.</summary>
    private static string KillAndLook(string input, string output, Random random, TimeSpan duration,
        SortedDictionary<string, string> oldSite, SortedDictionary<string, string> newSite)
    {
        var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds);
        using var build = CliProcess.Build(input, output);
        Thread.Sleep(delay);
        var finished = build.Process.HasExited;
        build.Kill();

        var after = OutputChecks.Snapshot(output);
        var outcome = after.SequenceEqual(oldSite) ? "old" : after.SequenceEqual(newSite) ? "new" : "MIX";
        Assert.True(outcome != "MIX", $"after a kill at {delay.TotalMilliseconds:0} ms the output is neither the old nor the new site " +
            $"({after.Count} files; old {oldSite.Count}, new {newSite.Count})");
        return $"{delay.TotalMilliseconds:0} ms: {(finished ? "finished" : "killed")}, {outcome}";
    }

    private static SortedDictionary<string, string> Reference(string input, string output)
    {
        var report = SiteBuild.Run(input, output);
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        return OutputChecks.Snapshot(output);
    }

    private static int Build(string input, string output)
    {
        using var build = CliProcess.Build(input, output);
        return build.WaitForExit();
    }
}
