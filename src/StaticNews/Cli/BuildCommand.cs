using System.CommandLine;
using System.Globalization;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>`staticnews build`: the input folder to the output folder.</summary>
public static class BuildCommand
{
    public static readonly Option<string> Input = new("--input", "-i") { Description = "The site folder (site.yml, articles/)", DefaultValueFactory = _ => "input" };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No progress display: only problems and the closing summary" };

    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Where the site is written", DefaultValueFactory = _ => "output" };
        var baseUrl = new Option<string?>("--base-url") { Description = "Override site.yml's baseUrl (e.g. for a preview deploy)" };
        var theme = new Option<string?>("--theme") { Description = "A theme folder whose files override the default theme's" };
        var drafts = new Option<bool>("--drafts") { Description = "Also build stories marked draft: true" };
        var future = new Option<bool>("--future") { Description = "Also build stories dated in the future" };
        var command = new Command("build", "Build the site from the input folder into the output folder") { Input, output, baseUrl, theme, drafts, future, Quiet };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new BuildOptions
            {
                InputDirectory = parse.GetValue(Input)!,
                OutputDirectory = parse.GetValue(output)!,
                BaseUrl = parse.GetValue(baseUrl),
                ThemeDirectory = parse.GetValue(theme),
                IncludeDrafts = parse.GetValue(drafts),
                IncludeFuture = parse.GetValue(future),
            };
            if (!Directory.Exists(options.InputDirectory))
            {
                Console.Error.WriteLine($"error: input folder not found: {Path.GetFullPath(options.InputDirectory)}");
                return 2;
            }
            var report = await BuildProgress.Run(progress => SiteBuilder.BuildAsync(options, progress: progress), parse.GetValue(Quiet));
            return Report(report, options);
        });
        return command;
    }

    internal static int Report(BuildReport report, BuildOptions options)
    {
        foreach (var d in report.Diagnostics)
            (d.Severity == Severity.Error ? Console.Error : Console.Out).WriteLine(d);
        if (!report.Success)
        {
            Console.Error.WriteLine($"Build failed: {report.Errors} error(s), {report.Warnings} warning(s). The output folder was not changed.");
            return 1;
        }
        Console.WriteLine(Summary(report, options.OutputDirectory));
        return 0;
    }

    /// <summary>The closing line of every build: what the site holds, what this build changed, how long it took.</summary>
    internal static string Summary(BuildReport report, string outputDirectory) => string.Create(CultureInfo.InvariantCulture,
        $"Built {report.Stories} stories ({report.Versions} versions): {report.Pages} pages, {report.Feeds} feeds, {report.Warnings} warning(s) in {report.Elapsed.TotalSeconds:0.00} s. ")
        + (report.OutputChanged
            ? string.Create(CultureInfo.InvariantCulture, $"{outputDirectory}: {report.Files} files, {report.FilesWritten} written, {report.Files - report.FilesWritten} unchanged ({report.FilesKept} not re-rendered).")
            : $"{outputDirectory}: nothing changed, no file written.");
}
