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

    private static Dictionary<string, string> Site(string edition) =>
        Enumerable.Range(0, Stories).SelectMany(i => new[]
        {
            ($"articles/story-{i:000}/id.md", $"---\ntitle: {edition} berita {i}\ndate: 2026-10-{1 + i % 28:00}T{i % 24:00}:00:00+07:00\ncategory: c{i % 7}\ntags: [t{i % 13}]\n---\n{edition} isi berita {i}. " + string.Concat(Enumerable.Repeat("Kalimat panjang. ", 40)) + "\n"),
            ($"articles/story-{i:000}/en.md", $"---\ntitle: {edition} story {i}\n---\n{edition} body {i}.\n"),
        }).ToDictionary(e => e.Item1, e => e.Item2);

    [Fact]
    public void A_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix()
    {
        using var temp = new TempDir();
        using var sites = new OldAndNew(temp);
        var (oldInput, newInput, oldSite, newSite) = (sites.OldInput, sites.NewInput, sites.OldSite, sites.NewSite);
        Assert.NotEqual(oldSite, newSite);

        var output = temp.Combine("output");
        var full = Stopwatch.StartNew();
        Assert.Equal(0, Cli(newInput, temp.Combine("timing")).WaitAndExitCode());
        var duration = full.Elapsed;

        var random = new Random(20261127);
        var outcomes = new List<string>();
        for (var run = 0; run < Kills; run++)
        {
            // The published site is the old one; a staging folder from the previous kill may still lie beside it.
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            CopyTree(temp.Combine("ref-old"), output);
            outcomes.Add(KillAndLook(newInput, output, random, duration, oldSite, newSite));
        }
        log.WriteLine($"full build {duration.TotalMilliseconds:0} ms; kills: {string.Join("; ", outcomes)}");

        // A leftover staging folder does not disturb the next build, which publishes the new site and cleans up.
        Directory.CreateDirectory(Publisher.StagingFor(output));
        File.WriteAllText(Path.Combine(Publisher.StagingFor(output), "half-written.html"), "<p");
        Assert.Equal(0, Cli(newInput, output).WaitAndExitCode());
        Assert.Equal(newSite, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(Publisher.StagingFor(output)));
    }

    [Fact]
    public void A_killed_rebuild_that_stages_into_the_previous_site_leaves_the_old_site_or_the_new_one()
    {
        using var temp = new TempDir();
        using var sites = new OldAndNew(temp);
        var (oldInput, newInput, oldSite, newSite) = (sites.OldInput, sites.NewInput, sites.OldSite, sites.NewSite);
        var output = temp.Combine("output");

        // The published site is the old one, and the new one is kept beside it as the previous site: the
        // build brings that tree up to date with the output, then writes every changed file into it.
        void PublishOldKeepingAPreviousSite()
        {
            Assert.True(SiteBuild.Run(newInput, output).Success);
            Assert.True(SiteBuild.Run(oldInput, output).Success);
            Assert.Equal(oldSite, OutputChecks.Snapshot(output));
            Assert.True(Directory.Exists(PreviousSite.FolderFor(output)));
        }

        PublishOldKeepingAPreviousSite();
        var full = Stopwatch.StartNew();
        Assert.Equal(0, Cli(newInput, output).WaitAndExitCode());
        var duration = full.Elapsed;
        Assert.Equal(newSite, OutputChecks.Snapshot(output));

        var random = new Random(20261128);
        var outcomes = new List<string>();
        for (var run = 0; run < Kills; run++)
        {
            PublishOldKeepingAPreviousSite();
            outcomes.Add(KillAndLook(newInput, output, random, duration, oldSite, newSite));

            // Whatever the kill left beside the output, the next build publishes exactly the new site.
            Assert.True(SiteBuild.Run(newInput, output).Success);
            Assert.Equal(newSite, OutputChecks.Snapshot(output));
        }
        log.WriteLine($"rebuild {duration.TotalMilliseconds:0} ms; kills: {string.Join("; ", outcomes)}");
    }

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
        var process = Cli(input, output);
        Thread.Sleep(delay);
        var finished = process.HasExited;
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();

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

    /// <summary>Starts `staticnews build` as its own process, from the StaticNews.dll beside the tests (the default theme is copied there too).</summary>
    private static Process Cli(string input, string output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "StaticNews.dll"), "build", "--input", input, "--output", output })
            start.ArgumentList.Add(arg);
        start.Environment["SOURCE_DATE_EPOCH"] = SiteBuild.SampleClock.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}

internal static class ProcessExtensions
{
    public static int WaitAndExitCode(this Process process)
    {
        process.WaitForExit();
        return process.ExitCode;
    }
}
