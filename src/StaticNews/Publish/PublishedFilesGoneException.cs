namespace StaticNews.Publish;

/// <summary>
/// Files this build kept as published (not rendered: their inputs are unchanged) were found deleted from the output by
/// hand, too late to render them: nothing was published, and a build after <see cref="Publication.Forget"/> renders them.
/// </summary>
internal sealed class PublishedFilesGoneException(IReadOnlyList<string> paths)
    : Exception($"{paths.Count} published file(s) deleted by hand, {paths[0]} first")
{
    public IReadOnlyList<string> Paths { get; } = paths;
}
