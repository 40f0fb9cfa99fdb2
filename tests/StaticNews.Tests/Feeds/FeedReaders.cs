using System.Diagnostics;
using System.Text.Json;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Feeds;

/// <summary>
/// One entry as a feed reader took it: the link it opens, and the categories it shows (null: it shows none); from
/// feedparser also its summary with the summary's media type (text/plain or text/html) and its contents (none: empty).
/// </summary>
public sealed record ReadEntry(string? Link, IReadOnlyList<string>? Categories, string? Summary = null, string? SummaryType = null,
    IReadOnlyList<string>? Content = null);

/// <summary>One feed file as a feed reader took it: its complaint about the file, if any, and its entries in its order.</summary>
public sealed record ReadFeed(string? Problem, IReadOnlyList<ReadEntry> Entries);

/// <summary>
/// Real feed readers run over feed files, each through a small driver in Feeds/Readers/: python-feedparser (behind
/// rss2email and many tools), newsboat, sfeed, gofeed and ROME, all Debian packages that ./test.sh installs. A reader
/// that is missing fails the test with the package to install, never a silent skip.
/// </summary>
public static class FeedReaders
{
    private static string Drivers => Path.Combine(Repo.Root, "tests", "StaticNews.Tests", "Feeds", "Readers");

    /// <summary>Debian's own Python, where python3-feedparser is installed (a python3 earlier on PATH may lack it).</summary>
    private const string Python = "/usr/bin/python3";

    /// <summary>python-feedparser, given each file with the Content-Type it is served with (it checks the charset against the file's).</summary>
    public static IReadOnlyDictionary<string, ReadFeed> Feedparser(IReadOnlyDictionary<string, string> contentTypes, TempDir temp)
    {
        var files = temp.Combine("feedparser-files.json");
        File.WriteAllText(files, JsonSerializer.Serialize(contentTypes));
        Run(Python, ["-c", "import feedparser"], "python3-feedparser");
        return Parse(Run(Python, [Path.Combine(Drivers, "feedparser_entries.py"), files], "python3-feedparser"));
    }

    public static IReadOnlyDictionary<string, ReadFeed> Newsboat(IReadOnlyList<string> files, TempDir temp)
    {
        var work = Directory.CreateDirectory(temp.Combine("newsboat")).FullName;
        Require("newsboat", "newsboat");
        return Parse(Run(Python, [Path.Combine(Drivers, "newsboat_entries.py"), work, .. files], "newsboat"));
    }

    /// <summary>sfeed reads one feed on its standard input and writes a line per entry: its link is the 3rd field, categories the 9th ('|' between them).</summary>
    public static IReadOnlyDictionary<string, ReadFeed> Sfeed(IReadOnlyList<string> files)
    {
        Require("sfeed", "sfeed");
        return files.ToDictionary(f => f, f =>
        {
            var lines = Run("sfeed", [], "sfeed", stdin: f).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new ReadFeed(null, lines.Select(l => l.Split('\t')).Select(fields => new ReadEntry(fields[2],
                fields[8].Length == 0 ? [] : fields[8].Split('|'))).ToList());
        });
    }

    /// <summary>gofeed, from Debian's source package, built once per test output folder (Go's build cache beside it).</summary>
    public static IReadOnlyDictionary<string, ReadFeed> Gofeed(IReadOnlyList<string> files)
    {
        Require("go", "golang-go golang-github-mmcdole-gofeed-dev");
        var bin = Path.Combine(AppContext.BaseDirectory, "readers");
        var reader = Path.Combine(bin, "gofeed_entries");
        lock (typeof(FeedReaders))
        {
            if (!File.Exists(reader))
                Run("go", ["build", "-o", reader, Path.Combine(Drivers, "gofeed_entries.go")], "golang-go golang-github-mmcdole-gofeed-dev",
                    environment: new() { ["GO111MODULE"] = "off", ["GOPATH"] = "/usr/share/gocode", ["GOCACHE"] = Path.Combine(bin, "go-cache") });
        }
        return Parse(Run(reader, files, "golang-github-mmcdole-gofeed-dev"));
    }

    /// <summary>ROME (Debian's librome-java), the driver run as a single Java source file (needs a JDK's compiler).</summary>
    public static IReadOnlyDictionary<string, ReadFeed> Rome(IReadOnlyList<string> files)
    {
        const string Jars = "/usr/share/java/rome.jar:/usr/share/java/rome-utils.jar:/usr/share/java/jdom2.jar:/usr/share/java/slf4j-api.jar";
        if (!File.Exists("/usr/share/java/rome.jar")) Assert.Fail("ROME not found: ./test.sh installs it (or: apt-get install librome-java)");
        return Parse(Run("java", ["-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-cp", Jars, Path.Combine(Drivers, "RomeEntries.java"), .. files],
            "librome-java default-jdk-headless"));
    }

    private static IReadOnlyDictionary<string, ReadFeed> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, ReadFeed>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    private static void Require(string command, string packages)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, command)));
        if (!found) Assert.Fail($"{command} not found: ./test.sh installs it (or: apt-get install {packages})");
    }

    /// <summary>Runs a program to its end and returns its output; a failure names the program, its errors and the packages it comes from.</summary>
    private static string Run(string program, IEnumerable<string> arguments, string packages, string? stdin = null,
        Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Fail($"{program} not found: ./test.sh installs it (or: apt-get install {packages})"); throw; }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                using (var input = File.OpenRead(stdin)) input.CopyTo(process.StandardInput.BaseStream);
                process.StandardInput.Close();
            }
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {stderr.Result}" +
                $" (it comes from the Debian packages {packages}, which ./test.sh installs)");
            return stdout;
        }
    }
}
