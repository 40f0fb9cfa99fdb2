namespace StaticNews.Engine;

/// <summary>
/// A named stage of the build, in Statiq's shape: it declares the pipelines it reads from,
/// and the engine runs it once they have all completed, concurrently with independent ones.
/// </summary>
public abstract class Pipeline
{
    public virtual string Name => GetType().Name.Replace("Pipeline", "");

    /// <summary>The pipelines whose results this one reads (through <see cref="PipelineContext.ResultOf{T}"/>).</summary>
    public virtual IReadOnlyList<Type> Dependencies => [];

    /// <summary>
    /// Pipelines this one runs beside, pacing itself behind their <see cref="Progress"/> (through
    /// <see cref="PipelineContext.ProgressOf{T}"/>) instead of waiting for them to complete before it starts: Feeds
    /// takes each story just after Pages, Redirects does its own work first and then waits for their end.
    /// </summary>
    public virtual IReadOnlyList<Type> Follows => [];

    internal abstract void Run(PipelineContext context);

    internal abstract bool HasResult { get; }

    /// <summary>What the last run produced, in a few words ("12 stories"), for the progress display; null if nothing to say.</summary>
    public virtual string? Summary => null;
}

/// <summary>A pipeline that produces an immutable, typed result for the pipelines after it.</summary>
public abstract class Pipeline<TResult> : Pipeline where TResult : class
{
    private TResult? _result;

    public TResult Result => _result ?? throw new InvalidOperationException($"Pipeline {Name} has not completed.");

    internal override bool HasResult => _result is not null;

    protected abstract TResult Execute(PipelineContext context);

    internal override void Run(PipelineContext context) => _result = Execute(context);
}

/// <summary>A pipeline whose effect is the files it writes to the output.</summary>
public abstract class OutputPipeline : Pipeline<OutputPipeline.Done>
{
    public sealed class Done { public static readonly Done Instance = new(); }

    protected abstract void Write(PipelineContext context);

    protected sealed override Done Execute(PipelineContext context)
    {
        Write(context);
        return Done.Instance;
    }
}
