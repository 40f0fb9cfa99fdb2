using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Engine;

/// <summary>The engine's scheduling: dependencies first, independent pipelines side by side.</summary>
public sealed class BuildEngineTests
{
    [Fact]
    public void Pipelines_waiting_on_the_same_dependency_run_at_the_same_time()
    {
        // Each of the two waits until the other has started: run one after the other, neither would see the other.
        var bothStarted = new Barrier(2);
        var source = new Source();
        var left = new Meeting(bothStarted);
        var right = new Meeting(bothStarted);
        Run(source, new LeftMeeting(left), new RightMeeting(right));
        Assert.True(left.Met, "the first pipeline ran alone");
        Assert.True(right.Met, "the second pipeline ran alone");
    }

    [Fact]
    public void A_pipeline_starts_only_after_its_dependency_has_completed()
    {
        var source = new Source { Delay = TimeSpan.FromMilliseconds(200) };
        var meeting = new Meeting(new Barrier(1)) { Source = source };
        Run(source, new LeftMeeting(meeting));
        Assert.True(meeting.SawSourceResult);
    }

    private static void Run(params Pipeline[] pipelines)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>());
        var output = temp.Combine("output");
        var diagnostics = new DiagnosticBag();
        var site = Configuration.SiteConfigLoader.Load(input, null, diagnostics)!;
        var session = new BuildSession(site, new BuildOptions { InputDirectory = input, OutputDirectory = output }, SiteBuild.SampleClock,
            new global::StaticNews.Pages.Theme(null), new OutputSink(Publisher.StagingFor(output), output), diagnostics);
        var run = new BuildEngine(pipelines).RunAsync(session);
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "the engine did not finish");
        Assert.Empty(diagnostics.Sorted());
    }

    private sealed class Source : Pipeline<string>
    {
        public TimeSpan Delay { get; init; }

        protected override string Execute(PipelineContext context)
        {
            Thread.Sleep(Delay);
            return "ready";
        }
    }

    private sealed class Meeting(Barrier barrier)
    {
        public Source? Source { get; init; }
        public bool Met { get; private set; }
        public bool SawSourceResult { get; private set; }

        public void Attend()
        {
            SawSourceResult = Source?.Result == "ready";
            Met = barrier.SignalAndWait(TimeSpan.FromSeconds(5));
        }
    }

    private sealed class LeftMeeting(Meeting meeting) : OutputPipeline
    {
        public override IReadOnlyList<Type> Dependencies => [typeof(Source)];
        protected override void Write(PipelineContext context) => meeting.Attend();
    }

    private sealed class RightMeeting(Meeting meeting) : OutputPipeline
    {
        public override IReadOnlyList<Type> Dependencies => [typeof(Source)];
        protected override void Write(PipelineContext context) => meeting.Attend();
    }
}
