namespace StaticNews.Stories;

/// <summary>
/// The stories a long-lived process (`staticnews serve`) holds from one build to the next, so that a rebuild takes up
/// the stories whose folders did not change instead of making every version of the archive again: in a large archive
/// that is hundreds of thousands of objects, and the collector's work of keeping them, in every rebuild. Handed back only
/// to a build of the same key, which then works with the site as configured that made them; a story is taken up only
/// where its folder is unchanged since the published site and its articles are the ones it was made from (see
/// <see cref="StoriesPipeline"/>).
/// </summary>
public sealed class HeldStories
{
    private MadeStories? _held;

    /// <summary>The stories held, for a build of <paramref name="key"/>; null if none are, or not for that build. Nothing is held afterwards.</summary>
    public MadeStories? Take(string key) => Interlocked.Exchange(ref _held, null) is { } held && held.Key == key ? held : null;

    /// <summary>Holds the stories of a build that published its site, for the next one.</summary>
    public void Hold(MadeStories made) => Volatile.Write(ref _held, made);
}
