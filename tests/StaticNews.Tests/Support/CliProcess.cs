using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace StaticNews.Tests.Support;

/// <summary>
/// `staticnews` as its own process, from the StaticNews.dll beside the tests (the default theme is copied there too),
/// with the clock fixed as the sample tests fix it. Its output lines are collected as they come.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineCame = new(0);

    private CliProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts `staticnews <paramref name="arguments"/>` in <paramref name="workingDirectory"/> (default: the tests' own).</summary>
    public static CliProcess Start(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StaticNews.dll"));
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment["SOURCE_DATE_EPOCH"] = SiteBuild.SampleClock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        start.Environment["CI"] = "true"; // plain lines, no live display
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var cli = new CliProcess(Process.Start(start)!);
        cli.Process.OutputDataReceived += (_, e) => cli.Received(e.Data);
        cli.Process.ErrorDataReceived += (_, e) => cli.Received(e.Data);
        cli.Process.BeginOutputReadLine();
        cli.Process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>`staticnews build --input <paramref name="input"/> --output <paramref name="output"/>` and any more arguments.</summary>
    public static CliProcess Build(string input, string output, params string[] more) => Start(["build", "--input", input, "--output", output, .. more]);

    /// <summary>Runs to the end: the exit code and every line it printed.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var cli = Start(arguments, workingDirectory, environment);
        var code = cli.WaitForExit();
        return (code, cli.Output);
    }

    /// <summary>Everything printed so far, a line each.</summary>
    public string Output => string.Join("\n", _lines);

    public int WaitForExit()
    {
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/> (true) or the process ended without one (false).</summary>
    public bool WaitForLine(string text)
    {
        while (true)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            if (Process.HasExited)
            {
                Process.WaitForExit(); // every line read
                return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            }
            _lineCame.Wait(TimeSpan.FromMilliseconds(200));
        }
    }

    public void Kill()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
    }

    private void Received(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _lineCame.Release();
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}
