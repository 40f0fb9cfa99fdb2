namespace StaticNews.Engine;

/// <summary>
/// How far a pipeline has got through its ordered items (Pages: the story pages, in the story index's order), for
/// a pipeline that runs beside it and takes the same items just behind it (Feeds: each body right after its page
/// rendered it, while it is still kept; see <see cref="Pipeline.Follows"/>). Items finish out of order on several
/// cores; what counts is how many from the first are all done. The engine ends a pipeline's progress when the
/// pipeline stops for any reason, so a follower never waits on one that failed or never ran.
/// </summary>
public sealed class Progress
{
    private readonly object _gate = new();
    private readonly HashSet<int> _doneAhead = [];
    private int _done;
    private bool _ended;

    /// <summary>How many items from the first are done (all of them once ended).</summary>
    public int Done
    {
        get { lock (_gate) return _ended ? int.MaxValue : _done; }
    }

    /// <summary>Item <paramref name="position"/> (0-based, in the pipeline's order) is done.</summary>
    public void Finish(int position)
    {
        lock (_gate)
        {
            if (position != _done)
            {
                if (position > _done) _doneAhead.Add(position);
                return;
            }
            for (_done++; _doneAhead.Remove(_done); _done++) { }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The pipeline stopped: whoever waits goes on.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Returns once the first <paramref name="count"/> items are done, or the pipeline stopped.</summary>
    public void WaitFor(int count)
    {
        lock (_gate)
            while (!_ended && _done < count) Monitor.Wait(_gate);
    }
}
