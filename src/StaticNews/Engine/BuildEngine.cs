namespace StaticNews.Engine;

/// <summary>
/// Runs pipelines in dependency order: each starts as soon as all the pipelines it depends on have
/// completed, so independent ones run concurrently. Pipelines go on after errors in the documents
/// of their dependencies (with the documents that were fine), so one build reports as many problems
/// as it can; only pipelines that write output stop once the build has failed, since nothing they
/// write would be published.
/// </summary>
public sealed class BuildEngine
{
    private readonly IReadOnlyList<Pipeline> _pipelines;

    public BuildEngine(IEnumerable<Pipeline> pipelines)
    {
        _pipelines = pipelines.ToList();
        var known = _pipelines.Select(p => p.GetType()).ToHashSet();
        foreach (var p in _pipelines)
            foreach (var dep in p.Dependencies.Concat(p.Follows))
                if (!known.Contains(dep))
                    throw new InvalidOperationException($"Pipeline {p.Name} depends on {dep.Name}, which is not registered.");
        CheckAcyclic();
    }

    public IReadOnlyList<Pipeline> Pipelines => _pipelines;

    /// <summary>Raised when a pipeline finishes (for progress display).</summary>
    public event Action<Pipeline, TimeSpan>? PipelineCompleted;

    public async Task RunAsync(BuildSession session)
    {
        var byType = _pipelines.ToDictionary(p => p.GetType());
        var progress = _pipelines.ToDictionary(p => p.GetType(), _ => new Progress());
        var tasks = new Dictionary<Type, Task<bool>>();

        Task<bool> Start(Pipeline pipeline)
        {
            if (tasks.TryGetValue(pipeline.GetType(), out var existing)) return existing;
            var deps = pipeline.Dependencies.Select(d => Start(byType[d])).ToArray();
            var task = Task.Run(async () =>
            {
                try
                {
                    var ok = (await Task.WhenAll(deps)).All(x => x);
                    if (!ok || (pipeline is OutputPipeline && session.Diagnostics.HasErrors)) return false;
                    var context = new PipelineContext(session, pipeline, byType, progress);
                    // On a thread of its own: off the one that completed the last dependency (running there would hold
                    // back every other pipeline waiting on it), and out of the thread pool, which a follower waiting on
                    // its leader's progress would otherwise starve of the threads the leader's loops run on.
                    await Task.Factory.StartNew(() => Run(pipeline, context), CancellationToken.None,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default);
                    return pipeline.HasResult;
                }
                finally
                {
                    progress[pipeline.GetType()].End();
                }
            });
            tasks[pipeline.GetType()] = task;
            return task;
        }

        foreach (var p in _pipelines) _ = Start(p);
        await Task.WhenAll(tasks.Values);
    }

    private void Run(Pipeline pipeline, PipelineContext context)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            pipeline.Run(context);
        }
        catch (InputException e)
        {
            context.Diagnostics.Error(e.Message, e.File, e.Line);
        }
        catch (BuildStoppedException) { /* reported with the failure that stopped it */ }
        catch (Exception e)
        {
            // A bug or the file system failing, not bad input: still a diagnostic (the build fails, the output stays as it was), never a crash.
            context.Session.Failed(pipeline, e, context.Diagnostics);
        }
        PipelineCompleted?.Invoke(pipeline, watch.Elapsed);
    }

    /// <summary>Dependencies and followed pipelines together form no cycle: a follower waits on its leader as on a dependency.</summary>
    private void CheckAcyclic()
    {
        var state = new Dictionary<Type, int>();
        var byType = _pipelines.ToDictionary(p => p.GetType());
        void Visit(Type t)
        {
            state.TryGetValue(t, out var s);
            if (s == 2) return;
            if (s == 1) throw new InvalidOperationException($"Pipeline dependency cycle through {t.Name}.");
            state[t] = 1;
            foreach (var d in byType[t].Dependencies.Concat(byType[t].Follows)) Visit(d);
            state[t] = 2;
        }
        foreach (var t in byType.Keys) Visit(t);
    }
}
