using System.Diagnostics;
using System.Globalization;
using StaticNews.Tests.Support;
using Xunit.Abstractions;

namespace StaticNews.Tests.Translation;

/// <summary>
/// `staticnews translate` as its own process, the way a newsroom runs it: credentials come from its environment and
/// never reach its output, and a run killed at any moment (SIGKILL, no chance to clean up) leaves every version file
/// either as it was or complete.
/// </summary>
public sealed class TranslateProcessTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Secret = "d5a0e3c1-7f2b-4c8e-9a6d-secret:fx";

    private string Site(Uri url, string provider, int stories) => SiteBuild.WriteSite(_temp,
        Enumerable.Range(1, stories).ToDictionary(i => $"articles/berita-{i:00}/id.md",
            i => Articles.Md($"title: Berita {i}\ndate: 2026-10-{1 + i % 28:00}T09:00:00+07:00", string.Concat(Enumerable.Repeat($"Kalimat ke-{i} tentang kopi. ", 30)))),
        $"""
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: {"{"} name: Bahasa Indonesia {"}"}
          fr: {"{"} name: Français {"}"}
        translation:
          provider: {provider}
          concurrency: 1
          {provider}: {"{"} url: {url} {"}"}
        """);

    private static Process Translate(string input, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "StaticNews.dll"), "translate", "--input", input })
            start.ArgumentList.Add(arg);
        start.Environment["SOURCE_DATE_EPOCH"] = SiteBuild.SampleClock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    [Fact]
    public async Task The_key_comes_from_the_environment_and_is_never_printed()
    {
        using var api = new FakeTranslationApi("deepl");
        var input = Site(api.Url, "deepl", 2);

        using var refused = Translate(input, new Dictionary<string, string> { ["DEEPL_AUTH_KEY"] = Secret });
        var refusedOutput = await refused.StandardOutput.ReadToEndAsync() + await refused.StandardError.ReadToEndAsync();
        await refused.WaitForExitAsync();
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("check DEEPL_AUTH_KEY", refusedOutput);
        Assert.DoesNotContain(Secret, refusedOutput);
        Assert.DoesNotContain("d5a0e3c1", refusedOutput);
        Assert.Empty(Directory.EnumerateFiles(input, "fr.md", SearchOption.AllDirectories));
        // The key went in the documented header, not in the URL or the body.
        Assert.All(api.Requests, r => Assert.Equal("DeepL-Auth-Key " + Secret, r.Header("Authorization")));
        Assert.All(api.Requests, r => Assert.DoesNotContain(Secret, r.Query + r.Body));

        using var accepted = Translate(input, new Dictionary<string, string> { ["DEEPL_AUTH_KEY"] = FakeTranslationApi.Key });
        var acceptedOutput = await accepted.StandardOutput.ReadToEndAsync() + await accepted.StandardError.ReadToEndAsync();
        await accepted.WaitForExitAsync();
        Assert.True(accepted.ExitCode == 0, acceptedOutput);
        Assert.DoesNotContain(FakeTranslationApi.Key, acceptedOutput);
        Assert.Equal(2, Directory.EnumerateFiles(input, "fr.md", SearchOption.AllDirectories).Count());
        Assert.DoesNotContain(FakeTranslationApi.Key, string.Concat(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Select(File.ReadAllText)));

        using var missing = Translate(input, new Dictionary<string, string> { ["DEEPL_AUTH_KEY"] = "" });
        await missing.WaitForExitAsync();
        Assert.Equal(0, missing.ExitCode); // nothing left to translate: no key needed
    }

    [Fact]
    public async Task A_killed_run_leaves_each_version_as_it_was_or_complete()
    {
        const int stories = 24;
        using var api = new FakeTranslationApi("libretranslate", requireKey: false);
        var input = Site(api.Url, "libretranslate", stories);
        var random = new Random(20261127);
        var outcomes = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            using var process = Translate(input, new Dictionary<string, string>());
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // Killed once a few more versions have been asked for: at a moment the run chose, not one this test did.
            var before = api.TranslateRequests.Count;
            var target = before + random.Next(1, 6);
            while (!process.HasExited && api.TranslateRequests.Count < target) await Task.Delay(5);
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            var written = 0;
            for (var i = 1; i <= stories; i++)
            {
                var file = Path.Combine(input, $"articles/berita-{i:00}/fr.md");
                if (!File.Exists(file)) continue;
                var text = File.ReadAllText(file);
                Assert.StartsWith($"---\ntitle: BERITA {i}\n", text);
                Assert.Contains("source_hash: ", text);
                Assert.EndsWith(string.Concat(Enumerable.Repeat($"KALIMAT KE-{i} TENTANG KOPI. ", 30)) + "\n", text);
                written++;
            }
            outcomes.Add($"{written} written");
        }
        log.WriteLine(string.Join("; ", outcomes));

        // Whatever a kill left behind (a hidden temporary file at most), the next run finishes the job and the site builds.
        using var last = Translate(input, new Dictionary<string, string>());
        await last.WaitForExitAsync();
        Assert.Equal(0, last.ExitCode);
        Assert.Equal(stories, Directory.EnumerateFiles(input, "fr.md", SearchOption.AllDirectories).Count());
        var report = SiteBuild.Run(input, _temp.Combine("output"));
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.Equal(stories * 2, report.Versions);
    }
}
