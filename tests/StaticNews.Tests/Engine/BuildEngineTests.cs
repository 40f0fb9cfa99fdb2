using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Engine;

/// <summary>The engine's scheduling: dependencies first, independent pipelines side by side.</summary>
public sealed class BuildEngineTests
{
    /// <summary>A deadline against hanging, not a speed check: a pipeline's thread can start late on a loaded machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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

    [Fact]
    public void A_follower_takes_each_item_after_its_leader_finished_it_without_waiting_for_the_leader_to_complete()
    {
        // The leader goes on past its first item only once the follower has taken it (or after a deadline against
        // hanging): a follower that waits for the whole leader takes it at the end, however fast the follower starts.
        var follower = new Follower { Items = 100 };
        var leader = new Leader { Items = 100, Pause = TimeSpan.FromMilliseconds(5), AfterFirst = follower.TookFirst };
        Run(new Source(), leader, follower);
        Assert.Equal(100, follower.Taken.Count);
        Assert.All(follower.Taken, t => Assert.True(t.LeaderDone > t.Item, $"item {t.Item} taken when the leader had done {t.LeaderDone}"));
        Assert.True(follower.Taken[0].LeaderDone < 100, "the follower waited for the whole leader");
    }

    [Fact]
    public void A_follower_is_not_left_waiting_by_a_leader_that_fails()
    {
        var leader = new Leader { Items = 100, FailAfter = 3 };
        var follower = new Follower { Items = 100 };
        var diagnostics = Run(new Source(), leader, follower, expectErrors: true);
        Assert.Contains(diagnostics, d => d.Message.Contains("leader broke"));
        Assert.Equal(100, follower.Taken.Count);
        Assert.True(follower.Taken[2].LeaderDone >= 3);
        Assert.Equal(int.MaxValue, follower.Taken[^1].LeaderDone); // ended: all done, as far as a follower is concerned
    }

    [Fact]
    public void A_full_disk_met_by_two_pipelines_at_once_is_one_error()
    {
        var bothWriting = new Barrier(2);
        var diagnostics = Run(new Source(), new LeftWriter(bothWriting), new RightWriter(bothWriting), expectErrors: true);
        var error = Assert.Single(diagnostics);
        Assert.StartsWith("no space left while building", error.Message);
    }

    [Fact]
    public void Progress_counts_the_items_done_from_the_first_whatever_order_they_finish_in()
    {
        var progress = new Progress();
        progress.Finish(2);
        progress.Finish(0);
        Assert.Equal(1, progress.Done);
        progress.Finish(1);
        Assert.Equal(3, progress.Done);
        var waited = Task.Run(() => progress.WaitFor(5));
        progress.Finish(4);
        Assert.False(waited.Wait(TimeSpan.FromMilliseconds(100)), "item 3 is not done yet");
        progress.Finish(3);
        Assert.True(waited.Wait(Patience));
    }

    [Fact]
    public void A_follower_its_leader_depends_on_is_a_cycle()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BuildEngine([new Source(), new DependsOnFollower(), new FollowsDependent()]));
        Assert.Contains("cycle", error.Message);
    }

    private static IReadOnlyList<Diagnostic> Run(params Pipeline[] pipelines) => Run(pipelines, expectErrors: false);

    private static IReadOnlyList<Diagnostic> Run(Pipeline first, Pipeline second, Pipeline third, bool expectErrors) => Run([first, second, third], expectErrors);

    private static IReadOnlyList<Diagnostic> Run(Pipeline[] pipelines, bool expectErrors)
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>());
        var output = temp.Combine("output");
        var diagnostics = new DiagnosticBag();
        var site = Configuration.SiteConfigLoader.Load(input, null, diagnostics)!;
        var session = new BuildSession(site, new BuildOptions { InputDirectory = input, OutputDirectory = output }, SiteBuild.SampleClock,
            new global::StaticNews.Pages.Theme(null), new OutputSink(temp.Combine("staging")), diagnostics);
        var run = new BuildEngine(pipelines).RunAsync(session);
        Assert.True(run.Wait(2 * Patience), "the engine did not finish");
        if (!expectErrors) Assert.Empty(diagnostics.Sorted());
        return diagnostics.Sorted();
    }

    /// <summary>Finishes its items one by one, in order, on one thread (or throws after <see cref="FailAfter"/>).</summary>
    private sealed class Leader : Pipeline<string>
    {
        public int Items { get; init; }
        public TimeSpan Pause { get; init; }
        public int? FailAfter { get; init; }
        /// <summary>If given, waited for (up to <see cref="Patience"/>) once the first item is done.</summary>
        public ManualResetEventSlim? AfterFirst { get; init; }
        public override IReadOnlyList<Type> Dependencies => [typeof(Source)];

        protected override string Execute(PipelineContext context)
        {
            for (var i = 0; i < Items; i++)
            {
                if (i == FailAfter) throw new InvalidOperationException("leader broke");
                Thread.Sleep(Pause);
                context.Progress.Finish(i);
                if (i == 0) AfterFirst?.Wait(Patience);
            }
            return "led";
        }
    }

    private sealed class Follower : Pipeline<string>
    {
        public int Items { get; init; }
        public List<(int Item, int LeaderDone)> Taken { get; } = [];
        public ManualResetEventSlim TookFirst { get; } = new();
        public override IReadOnlyList<Type> Dependencies => [typeof(Source)];
        public override IReadOnlyList<Type> Follows => [typeof(Leader)];

        protected override string Execute(PipelineContext context)
        {
            var leader = context.ProgressOf<Leader>();
            for (var i = 0; i < Items; i++)
            {
                leader.WaitFor(i + 1);
                Taken.Add((i, leader.Done));
                TookFirst.Set();
            }
            return "followed";
        }
    }

    private sealed class DependsOnFollower : Pipeline<string>
    {
        public override IReadOnlyList<Type> Dependencies => [typeof(FollowsDependent)];
        protected override string Execute(PipelineContext context) => "";
    }

    private sealed class FollowsDependent : Pipeline<string>
    {
        public override IReadOnlyList<Type> Follows => [typeof(DependsOnFollower)];
        protected override string Execute(PipelineContext context) => "";
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
            Met = barrier.SignalAndWait(Patience);
        }
    }

    /// <summary>Meets the other writer, then finds the disk full, as two pipelines writing at once do.</summary>
    private abstract class DiskFullWriter(Barrier barrier) : OutputPipeline
    {
        public override IReadOnlyList<Type> Dependencies => [typeof(Source)];

        protected override void Write(PipelineContext context)
        {
            barrier.SignalAndWait(Patience);
            throw new IOException("No space left on device", 28);
        }
    }

    private sealed class LeftWriter(Barrier barrier) : DiskFullWriter(barrier);

    private sealed class RightWriter(Barrier barrier) : DiskFullWriter(barrier);

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
