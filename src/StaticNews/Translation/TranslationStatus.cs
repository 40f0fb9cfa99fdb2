using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Translation;

/// <summary>What a story has in one language.</summary>
public enum VersionState { Original, Human, Machine, Reviewed, Missing }

/// <summary>One story in one language: its state, whether it is stale, and whether <c>translate</c> may replace it.</summary>
public sealed record VersionStatus(Story Story, LanguageConfig Language, StoryVersion? Version, VersionState State)
{
    public Staleness Staleness => Version?.Staleness ?? Staleness.Fresh;
    public bool IsStale => Staleness != Staleness.Fresh;
    /// <summary>The version's file is marked <c>draft: true</c>: someone is still working on it.</summary>
    public bool IsDraft => Version?.Article.Draft == true;

    /// <summary>
    /// Whether <c>translate</c> may write this version: it is missing, or it is a machine translation nobody
    /// reviewed, is working on, or could have written by hand (it says <c>translation: machine</c> or records
    /// the engine that made it).
    /// </summary>
    public bool IsReplaceable => State == VersionState.Missing
        || (State == VersionState.Machine && !IsDraft
            && (Version!.Article.Translation == TranslationKind.Machine || Version.Article.Engine is not null));

    /// <summary>Why a stale version is left as it is (null when it is replaceable).</summary>
    public string? WhyKept => IsReplaceable ? null : State switch
    {
        VersionState.Human => "a human translation",
        VersionState.Reviewed => "a reviewed machine translation (reviewed: true)",
        _ when IsDraft => "a draft (draft: true)",
        _ => "it does not say 'translation: machine' (it may have been written by hand)",
    };
}

/// <summary>Every story × every configured language: the matrix <c>status</c> shows and <c>translate</c> plans from.</summary>
public static class TranslationStatus
{
    public static IReadOnlyList<IReadOnlyList<VersionStatus>> Of(StoryIndex index, SiteConfig site) =>
        index.Stories.Select(story => (IReadOnlyList<VersionStatus>)site.Languages.Select(language =>
        {
            var version = story.Version(language.Code);
            var state = version is null ? VersionState.Missing
                : version.Kind switch
                {
                    TranslationKind.Original => VersionState.Original,
                    TranslationKind.Human => VersionState.Human,
                    _ => version.Article.Reviewed ? VersionState.Reviewed : VersionState.Machine,
                };
            return new VersionStatus(story, language, version, state);
        }).ToList()).ToList();
}
