using StaticNews.Engine;

namespace StaticNews.Redirects;

/// <summary>The record of published addresses as the build found it (empty if there was none); null if it could not be read, which was reported.</summary>
public sealed record RecordedUrls(PublishedUrls? Record);

/// <summary>
/// Reads the record of published addresses (<see cref="PublishedUrls"/>) as the build starts, beside the stages that
/// read the input: a large archive's record runs to tens of megabytes, and the stage that needs it (Redirects) runs
/// last, alone, once every page is written.
/// </summary>
public sealed class PublishedUrlsPipeline : Pipeline<RecordedUrls>
{
    protected override RecordedUrls Execute(PipelineContext context)
    {
        try
        {
            if (context.Session.State is not { } state) return new(PublishedUrls.Empty);
            return new(context.Options.UrlsReadAhead?.Take(state, context.Session.Key) ?? PublishedUrls.Read(state) ?? PublishedUrls.Empty);
        }
        catch (Exception e) when (e is FormatException || FileErrors.Are(e))
        {
            context.Diagnostics.Error($"the record of published addresses cannot be read ({e.Message}): restore it from a backup, or delete it and " +
                                      $"rebuild it from the deployed site's sitemaps (`staticnews urls recover --from <site>`)", context.Session.State!.File(PublishedUrls.FileName));
            return new(null);
        }
    }
}
