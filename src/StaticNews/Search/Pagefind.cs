using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StaticNews.Search;

/// <summary>
/// The Pagefind program that indexes the story pages. StaticNews never downloads it: it is found on PATH, or in the npm
/// package's platform folder (node_modules/@pagefind/&lt;os&gt;-&lt;cpu&gt;/bin) in the input folder or one above it,
/// the extended build (which segments Chinese and Japanese) before the plain one.
/// </summary>
public sealed record Pagefind(string Program)
{
    /// <summary>What to run to get it, said in the error when it is missing.</summary>
    public const string InstallCommand = "npm install --save-dev --save-exact pagefind@1.6.0";

    private static readonly string[] Names = OperatingSystem.IsWindows() ? ["pagefind_extended.exe", "pagefind.exe"] : ["pagefind_extended", "pagefind"];

    /// <summary>The program to run, or null when there is none; <paramref name="environmentVariable"/> gives PATH.</summary>
    public static Pagefind? Locate(string inputDirectory, Func<string, string?> environmentVariable)
    {
        var onPath = (environmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Names)
            foreach (var folder in onPath)
                if (IsProgram(Path.Combine(folder, name))) return new Pagefind(Path.Combine(folder, name));
        // npm's layout: the pagefind package's binary comes in an optional dependency named after the platform.
        var platform = $"{(OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux")}-{Cpu}";
        for (var folder = new DirectoryInfo(Path.GetFullPath(inputDirectory)); folder is not null; folder = folder.Parent)
            foreach (var name in Names)
            {
                var candidate = Path.Combine(folder.FullName, "node_modules", "@pagefind", platform, "bin", name);
                if (IsProgram(candidate)) return new Pagefind(candidate);
            }
        return null;
    }

    private static string Cpu => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static bool IsProgram(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);

    /// <summary>What the index depends on besides the pages: the program itself (another version writes another index).</summary>
    public string Identity
    {
        get
        {
            var file = new FileInfo(Program);
            return $"{file.FullName} {file.Length} {file.LastWriteTimeUtc.Ticks}";
        }
    }

    /// <summary>Indexes the HTML pages under <paramref name="site"/> into <paramref name="output"/>; null on success, else what went wrong.</summary>
    public string? Index(string site, string output)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--site", site, "--output-path", output, "--silent"]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var said = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0) return null;
        var text = (errors.Result + "\n" + said).Trim();
        var lastLines = string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return $"{Program} exited with code {process.ExitCode}" + (lastLines.Length > 0 ? $": {lastLines}" : "");
    }
}
