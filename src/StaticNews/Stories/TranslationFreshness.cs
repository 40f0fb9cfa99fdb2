using StaticNews.Configuration;
using StaticNews.Content;

namespace StaticNews.Stories;

/// <summary>Why a translation is stale, if it is.</summary>
public enum Staleness
{
    Fresh,
    /// <summary>It records the original's text it was made from (<c>source_hash</c>), and that text has changed since.</summary>
    TextChanged,
    /// <summary>It records no source text, and the original's <c>updated</c> is later than the translation's time.</summary>
    UpdatedAfter,
    /// <summary>A machine translation made before the latest of the original's <c>corrections</c>.</summary>
    CorrectedAfter,
}

/// <summary>
/// Whether a translation was made from the original as it is now: the one rule the stale notice of a
/// build, <c>check</c>, <c>status</c> and <c>translate</c> all follow. A translation that records the
/// hash of the original's text it was made from (<c>source_hash</c>, written by <c>staticnews translate</c>
/// and XLIFF import) is stale exactly when that text changed; one without it, when the original's
/// <c>updated</c> is later than the translation's <c>translated</c>, <c>updated</c> or <c>date</c>. A machine
/// translation is also stale when it was made before the original's latest correction (a correction may leave the
/// text as it was, its front matter saying what was wrong: the machine translated the story as it was then).
/// </summary>
public static class TranslationFreshness
{
    public static Staleness Of(Article original, Article translation, TranslationKind kind)
    {
        if (ReferenceEquals(original, translation)) return Staleness.Fresh;
        var translatedAt = translation.Translated ?? translation.Updated ?? translation.Date ?? original.Date;
        if (translation.SourceHash is { } madeFrom)
        {
            if (madeFrom != original.TextHash) return Staleness.TextChanged;
        }
        else if (original.Updated is { } changed && changed > translatedAt) return Staleness.UpdatedAfter;
        return kind == TranslationKind.Machine && LatestCorrection(original) is { } corrected && corrected > translatedAt
            ? Staleness.CorrectedAfter : Staleness.Fresh;
    }

    /// <summary>When the original was last corrected, if ever.</summary>
    public static DateTimeOffset? LatestCorrection(Article original)
    {
        DateTimeOffset? latest = null;
        foreach (var correction in original.Corrections ?? [])
            if (latest is null || correction.Date > latest) latest = correction.Date;
        return latest;
    }
}
