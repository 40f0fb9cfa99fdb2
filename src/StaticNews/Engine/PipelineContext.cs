using System.Collections.Concurrent;
using StaticNews.Configuration;
using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>What a pipeline sees while it runs: the site, the build options, its dependencies' results, the output.</summary>
public sealed class PipelineContext
{
    private readonly Pipeline _current;
    private readonly IReadOnlyDictionary<Type, Pipeline> _pipelines;
    private readonly IReadOnlyDictionary<Type, Progress> _progress;

    internal PipelineContext(BuildSession session, Pipeline current, IReadOnlyDictionary<Type, Pipeline> pipelines,
        IReadOnlyDictionary<Type, Progress> progress)
    {
        Session = session;
        Diagnostics = new DiagnosticBag(session.Diagnostics);
        _current = current;
        _pipelines = pipelines;
        _progress = progress;
    }

    public BuildSession Session { get; }
    public SiteConfig Site => Session.Site;
    public BuildOptions Options => Session.Options;
    /// <summary>This pipeline's diagnostics (also reported to the session).</summary>
    public DiagnosticBag Diagnostics { get; }
    public OutputSink Output => Session.Output;

    /// <summary>The result of a pipeline this one declared as a dependency.</summary>
    public TResult ResultOf<TPipeline, TResult>() where TPipeline : Pipeline<TResult> where TResult : class
    {
        if (!_current.Dependencies.Contains(typeof(TPipeline)))
            throw new InvalidOperationException($"{_current.Name} reads {typeof(TPipeline).Name} without declaring it as a dependency.");
        return ((TPipeline)_pipelines[typeof(TPipeline)]).Result;
    }

    /// <summary>How far this pipeline has got through its ordered items, for the pipelines that follow it.</summary>
    public Progress Progress => _progress[_current.GetType()];

    /// <summary>The progress of a pipeline this one declared it follows.</summary>
    public Progress ProgressOf<TPipeline>() where TPipeline : Pipeline => ProgressOf(typeof(TPipeline));

    /// <summary>The progress of <paramref name="pipeline"/>, which this one declared it follows.</summary>
    public Progress ProgressOf(Type pipeline)
    {
        if (!_current.Follows.Contains(pipeline))
            throw new InvalidOperationException($"{_current.Name} follows {pipeline.Name} without declaring it.");
        return _progress[pipeline];
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each item on all cores, starting them in their order (so the items
    /// done first are the first ones, which is what a follower waits for). A failure in one document becomes a
    /// diagnostic and the others go on, so one build reports every bad file.
    /// </summary>
    public void ForEach<T>(IEnumerable<T> items, Action<T> body) =>
        Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Session.Options.Parallelism },
            item => Document(body, item));

    /// <summary>
    /// <see cref="ForEach{T}(IEnumerable{T}, Action{T})"/> of the numbers 0 to <paramref name="count"/> - 1: each taken by
    /// the next free core with one atomic step, in their order. A large archive has hundreds of thousands of files and
    /// pages, and an enumerator taken under a lock item by item was a cost of its own.
    /// </summary>
    public void ForEach(int count, Action<int> body)
    {
        if (count <= 0) return;
        var next = -1;
        var workers = Math.Min(count, Session.Options.Parallelism is > 0 and var parallelism ? parallelism : Environment.ProcessorCount);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            for (var item = Interlocked.Increment(ref next); item < count; item = Interlocked.Increment(ref next)) Document(body, item);
        });
    }

    // One document of a stage done on all cores: its failure is a diagnostic, and the others go on.
    private void Document<T>(Action<T> body, T item)
    {
        try { body(item); }
        catch (InputException e) { Diagnostics.Error(e.Message, e.File, e.Line); }
        catch (BuildStoppedException) { /* reported with the failure that stopped it */ }
        catch (Exception e) { Session.Failed(_current, e, Diagnostics); }
    }

    /// <summary>
    /// <paramref name="select"/> of each item, in order, computed on all cores: for one document made of
    /// many costly parts (a feed is up to twice feedSize rendered bodies). The first failure is
    /// thrown as it was, as if the items had been mapped one by one.
    /// </summary>
    public TResult[] Map<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> select)
    {
        var results = new TResult[items.Count];
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Session.Options.Parallelism }, i => results[i] = select(items[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return results;
    }
}
