using System.CommandLine;
using StaticNews.Engine;
using StaticNews.Serve;

namespace StaticNews.Cli;

/// <summary>`staticnews serve`: build, serve on loopback, rebuild and reload on every change.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Where the site is built and served from", DefaultValueFactory = _ => "output" };
        var port = new Option<int>("--port", "-p") { Description = "The port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var theme = new Option<string?>("--theme") { Description = "A theme folder whose files override the default theme's (watched too)" };
        var drafts = new Option<bool>("--drafts") { Description = "Also build stories marked draft: true" };
        var future = new Option<bool>("--future") { Description = "Also build stories dated in the future" };
        var command = new Command("serve", "Build, serve the site on 127.0.0.1, and rebuild and reload open pages when the input or theme changes")
            { BuildCommand.Input, output, port, theme, drafts, future };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new BuildOptions
            {
                InputDirectory = parse.GetValue(BuildCommand.Input)!,
                OutputDirectory = parse.GetValue(output)!,
                ThemeDirectory = parse.GetValue(theme),
                IncludeDrafts = parse.GetValue(drafts),
                IncludeFuture = parse.GetValue(future),
            };
            if (!Directory.Exists(options.InputDirectory))
            {
                Console.Error.WriteLine($"error: input folder not found: {Path.GetFullPath(options.InputDirectory)}");
                return 2;
            }
            await using var preview = await LivePreview.StartAsync(options, parse.GetValue(port), report => Print(report, options), cancel: cancel);
            Console.WriteLine($"Serving {Path.GetFullPath(options.OutputDirectory)} at {preview.Server.Address} (watching {options.InputDirectory}). Ctrl+C to stop.");
            try { await Task.Delay(Timeout.Infinite, cancel); }
            catch (OperationCanceledException) { }
            return 0;
        });
        return command;
    }

    private static void Print(BuildReport report, BuildOptions options)
    {
        var stamp = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture); // console only, never in a file
        foreach (var d in report.Diagnostics)
            (d.Severity == Severity.Error ? Console.Error : Console.Out).WriteLine($"[{stamp}] {d}");
        Console.WriteLine(report.Success
            ? $"[{stamp}] {BuildCommand.Summary(report, options.OutputDirectory)}"
            : $"[{stamp}] Build failed: {report.Errors} error(s); still serving the last good site.");
    }
}
