using System.CommandLine;
using System.Globalization;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>`staticnews build`: the input folder to the output folder.</summary>
public static class BuildCommand
{
    public static readonly Option<string> Input = new("--input", "-i") { Description = "The site folder (site.yml, articles/)", DefaultValueFactory = _ => "input" };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No progress display: only problems and the closing summary" };
    // Shared by the commands that build (build, serve).
    public static readonly Option<string> Output = new("--output", "-o") { Description = "Where the site is written", DefaultValueFactory = _ => "output" };
    public static readonly Option<string?> Theme = new("--theme") { Description = "A theme folder whose files override the default theme's" };
    public static readonly Option<bool> Drafts = new("--drafts") { Description = "Also build stories marked draft: true" };
    public static readonly Option<bool> Future = new("--future") { Description = "Also build stories dated in the future" };
    public static readonly Option<string?> ImageCache = new("--image-cache")
    {
        Description = "Keep encoded images in this folder instead of beside the output: share it between sites or outputs, or keep it in CI's cache (it is never emptied; delete it when you like)",
    };
    public static readonly Option<bool> NoWait = new("--no-wait") { Description = "Fail at once if another build is publishing into the same output folder, instead of waiting for it" };

    /// <summary>The build options a command line asks for, or null (after saying why) when the input folder is missing.</summary>
    internal static BuildOptions? ReadOptions(ParseResult parse, string? baseUrl = null)
    {
        var options = new BuildOptions
        {
            InputDirectory = parse.GetValue(Input)!,
            OutputDirectory = parse.GetValue(Output)!,
            BaseUrl = baseUrl,
            ThemeDirectory = parse.GetValue(Theme),
            IncludeDrafts = parse.GetValue(Drafts),
            IncludeFuture = parse.GetValue(Future),
            WaitForOtherBuilds = !parse.GetValue(NoWait),
            ImageCacheDirectory = parse.GetValue(ImageCache),
            Waiting = Console.Error.WriteLine,
        };
        return InputExists(options.InputDirectory) ? options : null;
    }

    /// <summary>False (after saying so) when the input folder is missing: bad usage, exit 2.</summary>
    internal static bool InputExists(string input)
    {
        if (Directory.Exists(input)) return true;
        Console.Error.WriteLine($"error: input folder not found: {Path.GetFullPath(input)}");
        return false;
    }

    /// <summary>Each diagnostic on its own line: errors to standard error, warnings to standard output.</summary>
    internal static void Print(IEnumerable<Diagnostic> diagnostics, string prefix = "")
    {
        foreach (var d in diagnostics)
            (d.Severity == Severity.Error ? Console.Error : Console.Out).WriteLine(prefix + d);
    }

    public static Command Create()
    {
        var baseUrl = new Option<string?>("--base-url") { Description = "Override site.yml's baseUrl (e.g. for a preview deploy)" };
        var command = new Command("build", "Build the site from the input folder into the output folder") { Input, Output, baseUrl, Theme, Drafts, Future, ImageCache, NoWait, Quiet };
        command.SetAction(async (parse, cancel) =>
        {
            if (ReadOptions(parse, parse.GetValue(baseUrl)) is not { } options) return 2;
            var report = await BuildProgress.Run(progress => SiteBuilder.BuildAsync(options, progress: progress), parse.GetValue(Quiet));
            return Report(report, options);
        });
        return command;
    }

    internal static int Report(BuildReport report, BuildOptions options)
    {
        Print(report.Diagnostics);
        if (report.Refused) return 2; // the line says why and what to do; nothing was touched
        if (!report.Success)
        {
            Console.Error.WriteLine($"Build failed: {report.Errors} error(s), {report.Warnings} warning(s). The output folder was not changed.");
            return 1;
        }
        Console.WriteLine(Summary(report, options.OutputDirectory));
        // An error after publishing (search asked for and not made): the site is live, and the run still fails, so
        // a deploy script does not ship a site without what site.yml asks of it unnoticed.
        if (report.Errors > 0)
        {
            Console.Error.WriteLine($"The site was published, with {report.Errors} error(s) (above).");
            return 1;
        }
        return 0;
    }

    /// <summary>The closing line of every build: what the site holds, what this build changed, how long it took.</summary>
    internal static string Summary(BuildReport report, string outputDirectory) => string.Create(CultureInfo.InvariantCulture,
        $"Built {report.Stories} stories ({report.Versions} versions): {report.Pages} pages, {report.Feeds} feeds, {report.Warnings} warning(s) in {report.Elapsed.TotalSeconds:0.00} s. ")
        + (report.OutputChanged
            ? string.Create(CultureInfo.InvariantCulture, $"{outputDirectory}: {report.Files} files, {report.FilesWritten} written, {report.Files - report.FilesWritten} unchanged ({report.FilesKept} not re-rendered), " +
                                       $"{(report.PublishedInPlace ? "published in place" : "swapped in whole")}.")
            : report.UpToDate ? $"{outputDirectory}: up to date (no input changed since it was built), no file written."
            : $"{outputDirectory}: nothing changed, no file written.");
}
