using System.CommandLine;
using System.Net;
using StaticNews.Engine;
using StaticNews.Serve;

namespace StaticNews.Cli;

/// <summary>`staticnews serve`: build, serve on loopback (or where --host says), rebuild and reload on every change.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on: 127.0.0.1 (this machine only) unless given; 0.0.0.0 or :: for every network interface",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve", "Build, serve the site on 127.0.0.1, and rebuild and reload open pages when the input or theme changes")
            { BuildCommand.Input, BuildCommand.Output, port, host, BuildCommand.Theme, BuildCommand.Drafts, BuildCommand.Future, BuildCommand.ImageCache, BuildCommand.NoWait };
        command.SetAction(async (parse, cancel) =>
        {
            var hostText = parse.GetValue(host)!;
            IPAddress? address = hostText == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(hostText.Trim('[', ']'), out var parsed) ? parsed : null;
            if (address is null)
            {
                Console.Error.WriteLine($"error: --host takes an IP address (127.0.0.1, 0.0.0.0 for every interface, 192.168.1.20, ::1), not '{hostText}'");
                return 2;
            }
            if (BuildCommand.ReadOptions(parse) is not { } options) return 2;
            await using var preview = await LivePreview.StartAsync(options, address, parse.GetValue(port), report => Print(report, options), cancel: cancel);
            Console.WriteLine($"Serving {Path.GetFullPath(options.OutputDirectory)} at {preview.Server.Address}, rebuilt when {options.InputDirectory} changes. Ctrl+C to stop.");
            if (!IPAddress.IsLoopback(address))
                Console.WriteLine($"Listening on {(address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "every network interface" : PreviewHosts.Format(address))}: " +
                    $"anyone who can reach this machine can read the preview{(options.IncludeDrafts ? ", drafts included" : "")}.");
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
