namespace StaticNews.Publish;

/// <summary>
/// A published site as a build of the key it was recorded by takes it on trust (see <see cref="Publication.Begin"/>): the
/// record of its files, with their state when published, and the build cache of what each was made from.
/// </summary>
internal sealed record RecordedSite(OutputRecord Record, BuildCache Cache)
{
    /// <summary>The site recorded in <paramref name="state"/> by a build of <paramref name="key"/>; null if a build of that key would not take it on trust.</summary>
    public static RecordedSite? Read(StateFolder state, string key) =>
        OutputRecord.Read(state) is { } record && record.IsTrustedBy(key)
            ? new RecordedSite(record, BuildCache.Load(state, key, record.Files))
            : null;

    /// <summary>The site, read by `serve` while it waits for the next change (see <see cref="StateReadAhead{T}"/>).</summary>
    public static StateReadAhead<RecordedSite> ReadAhead() => new(Read, OutputRecord.FileName, BuildCache.FileName);
}
