using System.CommandLine;
using System.Globalization;
using StaticNews.Check;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>`staticnews check`: validate the input, write nothing. Exit 1 on errors (or on warnings with --strict).</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on warnings too: broken links, missing or stale translations" };
        var drafts = new Option<bool>("--drafts") { Description = "Also check stories marked draft: true" };
        var future = new Option<bool>("--future") { Description = "Also check stories dated in the future" };
        var output = new Option<string>("--output", "-o") { Description = "The output folder a build writes: links to the old addresses its record lists are not broken (nothing is written)", DefaultValueFactory = _ => "output" };
        var command = new Command("check", "Validate the input without writing anything: errors with file and line, broken internal links, missing and stale translations")
            { BuildCommand.Input, output, strict, drafts, future };
        command.SetAction(async parse =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            if (!BuildCommand.InputExists(input)) return 2;
            var options = new BuildOptions
            {
                InputDirectory = input,
                OutputDirectory = parse.GetValue(output)!, // never written: only the record of published addresses beside it is read
                IncludeDrafts = parse.GetValue(drafts),
                IncludeFuture = parse.GetValue(future),
            };
            var report = await SiteChecker.CheckAsync(options);
            BuildCommand.Print(report.Diagnostics);
            var failed = report.Errors > 0 || (parse.GetValue(strict) && report.Warnings > 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Checked {report.Stories} stories ({report.Versions} versions): {report.Errors} error(s), {report.Warnings} warning(s) in {report.Elapsed.TotalSeconds:0.00} s.")
                + (failed && report.Errors == 0 ? " Failing: --strict treats warnings as errors." : ""));
            return failed ? 1 : 0;
        });
        return command;
    }
}
