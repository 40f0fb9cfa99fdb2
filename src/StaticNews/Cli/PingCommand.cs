using System.CommandLine;
using StaticNews.Feeds;

namespace StaticNews.Cli;

/// <summary>
/// `staticnews ping`: after the built output is deployed, tell the WebSub hubs of site.yml which
/// feeds changed since the last ping. Exit 0 when every hub accepted (or nothing changed), 1 when a
/// hub refused or could not be reached (those feeds are announced again next time), 2 without a build.
/// </summary>
public static class PingCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The output folder the build wrote (its feed record sits beside it)", DefaultValueFactory = _ => "output" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each hub's answer", DefaultValueFactory = _ => 30 };
        var maxTime = new Option<int>("--max-time") { Description = "Seconds the whole run may take; what is not sent by then is sent on the next run", DefaultValueFactory = _ => 300 };
        var command = new Command("ping", "Notify the WebSub hubs of every feed whose bytes changed since the last ping") { output, timeout, maxTime };
        command.SetAction(async (parse, cancel) =>
        {
            var state = Publish.StateFolder.For(parse.GetValue(output)!);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("StaticNews-WebSub/1.0");
            PingReport report;
            try { report = await new WebSubPinger(http, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(maxTime)))).PingAsync(state, cancel); }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"error: {e.Message} ({e.FileName})");
                return 2;
            }
            foreach (var warning in report.Warnings) Console.Error.WriteLine($"warning: {warning}");
            if (report.Hubs.Count == 0)
            {
                Console.WriteLine("No WebSub hubs in site.yml (hubs: [...]): nothing to ping.");
                return 0;
            }
            foreach (var url in report.Announced) Console.WriteLine($"announced {url}");
            foreach (var failure in report.Failures) Console.Error.WriteLine($"error: {failure}");
            Console.WriteLine($"{report.Announced.Count} feed(s) announced, {report.Unchanged.Count} unchanged, {report.Failures.Count} failure(s).");
            return report.Success ? 0 : 1;
        });
        return command;
    }
}
