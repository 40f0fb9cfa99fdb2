using System.CommandLine;
using StaticNews.Engine;
using StaticNews.Serve;

namespace StaticNews.Cli;

/// <summary>`staticnews serve`: build, serve on loopback, rebuild and reload on every change.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "The port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var command = new Command("serve", "Build, serve the site on 127.0.0.1, and rebuild and reload open pages when the input or theme changes")
            { BuildCommand.Input, BuildCommand.Output, port, BuildCommand.Theme, BuildCommand.Drafts, BuildCommand.Future, BuildCommand.NoWait };
        command.SetAction(async (parse, cancel) =>
        {
            if (BuildCommand.ReadOptions(parse) is not { } options) return 2;
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
        BuildCommand.Print(report.Diagnostics, $"[{stamp}] ");
        Console.WriteLine(report.Success
            ? $"[{stamp}] {BuildCommand.Summary(report, options.OutputDirectory)}"
            : $"[{stamp}] Build failed: {report.Errors} error(s); still serving the last good site.");
    }
}
