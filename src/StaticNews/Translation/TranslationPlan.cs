using StaticNews.Stories;

namespace StaticNews.Translation;

/// <summary>One version to translate, and the provider that will.</summary>
public sealed record TranslationJob(VersionStatus Status, string? Provider)
{
    public string StoryKey => Status.Story.Key;
    public string Language => Status.Language.Code;

    /// <summary>Why it is translated: missing, or stale and how.</summary>
    public string Reason => Status.State == VersionState.Missing ? "missing"
        : Status.Staleness switch
        {
            Staleness.TextChanged => "stale: original changed",
            Staleness.CorrectedAfter => "stale: original corrected",
            _ => "stale: original updated",
        };

    /// <summary>The file it is written to, relative to the input folder.</summary>
    public string File => $"articles/{StoryKey}/{Language}.md";
}

/// <summary>
/// What <c>translate</c> will do: the versions to translate (missing ones, and stale machine translations it may
/// replace) and the stale versions it leaves as they are (human, reviewed, drafts, hand-written ones), to report.
/// </summary>
public sealed record TranslationPlan(IReadOnlyList<TranslationJob> Jobs, IReadOnlyList<VersionStatus> KeptStale)
{
    /// <summary>
    /// The plan for the stories of <paramref name="site"/>, limited to one story and one language when asked;
    /// stories whose original is a draft only with <paramref name="drafts"/>. <paramref name="provider"/> overrides
    /// site.yml's choice.
    /// </summary>
    public static TranslationPlan For(SiteStories site, string? story = null, string? language = null, string? provider = null, bool drafts = false)
    {
        var jobs = new List<TranslationJob>();
        var kept = new List<VersionStatus>();
        foreach (var row in TranslationStatus.Of(site.Index, site.Site))
        {
            var original = row[0].Story.Original;
            if (story is not null && row[0].Story.Key != story) continue;
            if (original.Article.Draft && !drafts) continue;
            foreach (var status in row)
            {
                if (status.State == VersionState.Original || (language is not null && status.Language.Code != language)) continue;
                if (status.State == VersionState.Missing || (status.IsStale && status.IsReplaceable))
                    jobs.Add(new TranslationJob(status, provider ?? site.Site.Translation.ProviderFor(status.Language.Code)));
                else if (status.IsStale)
                    kept.Add(status);
            }
        }
        return new TranslationPlan(jobs, kept);
    }
}
