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
}

/// <summary>
/// Whether a translation was made from the original as it is now: the one rule the stale notice of a
/// build, <c>check</c>, <c>status</c> and <c>translate</c> all follow. A translation that records the
/// hash of the original's text it was made from (<c>source_hash</c>, written by <c>staticnews translate</c>
/// and XLIFF import) is stale exactly when that text changed; one without it, when the original's
/// <c>updated</c> is later than the translation's <c>translated</c>, <c>updated</c> or <c>date</c>.
/// </summary>
public static class TranslationFreshness
{
    public static Staleness Of(Article original, Article translation)
    {
        if (ReferenceEquals(original, translation)) return Staleness.Fresh;
        if (translation.SourceHash is { } madeFrom) return madeFrom == original.TextHash ? Staleness.Fresh : Staleness.TextChanged;
        var translatedAt = translation.Translated ?? translation.Updated ?? translation.Date ?? original.Date;
        return original.Updated is { } changed && changed > translatedAt ? Staleness.UpdatedAfter : Staleness.Fresh;
    }
}
