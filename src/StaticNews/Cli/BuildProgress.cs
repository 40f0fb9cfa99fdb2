using System.Globalization;
using Spectre.Console;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>
/// Shows a build's progress: on an interactive terminal a Spectre.Console display with one line per
/// pipeline stage and its counts; otherwise (output redirected, CI, or --quiet) plain lines. The
/// closing summary is printed by <see cref="BuildCommand.Report"/> either way.
/// </summary>
public static class BuildProgress
{
    /// <summary>True when a live display makes sense: a terminal a person watches, not a CI log.</summary>
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="build"/>, passing it the per-stage callback of the chosen display.</summary>
    public static async Task<BuildReport> Run(Func<Action<Pipeline, TimeSpan>?, Task<BuildReport>> build, bool quiet)
    {
        if (quiet) return await build(null);
        if (!IsInteractive) return await build(PlainLine);

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async display =>
            {
                var stages = SiteBuilder.Pipelines().ToDictionary(p => p.Name, p => display.AddTask(Markup.Escape(p.Name), maxValue: 1).IsIndeterminate());
                var report = await build((pipeline, elapsed) =>
                {
                    if (!stages.TryGetValue(pipeline.Name, out var task)) return;
                    task.Description = Markup.Escape(Describe(pipeline, elapsed));
                    task.IsIndeterminate(false);
                    task.Value = 1;
                    task.StopTask();
                });
                foreach (var task in stages.Values.Where(t => !t.IsFinished)) task.StopTask(); // skipped after an error
                return report;
            });
    }

    private static void PlainLine(Pipeline pipeline, TimeSpan elapsed) => Console.WriteLine("  " + Describe(pipeline, elapsed));

    private static string Describe(Pipeline pipeline, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{pipeline.Name}: {pipeline.Summary ?? "done"} ({elapsed.TotalSeconds:0.00} s)");
}
