using System.Diagnostics;
using System.Text.Json;
using StaticNews.Tests.Browser.Support;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser;

/// <summary>The Nu Html Checker (vnu.jar from the npm package vnu-jar) reports no error on any page of the sample site.</summary>
[Collection("browser")]
public sealed class HtmlValidityTests(BrowserSite site)
{
    [Fact]
    public void Nu_Html_Checker_reports_no_error_on_any_page()
    {
        var pages = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(pages.Count > 100, $"only {pages.Count} pages built");

        var errors = RunChecker(site.Output, pages);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(30)));
    }

    /// <summary>The control: the same harness does see an error when there is one (a checker that ran nothing would pass).</summary>
    [Fact]
    public void Nu_Html_Checker_reports_an_invalid_page()
    {
        using var temp = new TempDir();
        var page = temp.Combine("bad.html");
        File.WriteAllText(page, "<!DOCTYPE html><html lang=en><title>x</title><p><div>block in a paragraph</span>");

        var errors = RunChecker(temp.Path, [page]);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("bad.html", e));
    }

    /// <summary>Runs vnu.jar on the files; returns its errors as "path:line: message", paths relative to root.</summary>
    private static List<string> RunChecker(string root, IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-jar", BrowserTools.VnuJar, "--errors-only", "--format", "json" }.Concat(files)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start (apt-get install default-jre-headless)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd(); // vnu writes its JSON report to stderr
        process.WaitForExit();
        var report = JsonDocument.Parse(stderr.Length > 0 ? stderr : stdout.Result);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => $"{Path.GetRelativePath(root, m.GetProperty("url").GetString()!.Replace("file:", ""))}:" +
                $"{(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
    }
}
