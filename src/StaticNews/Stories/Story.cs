using StaticNews.Configuration;
using StaticNews.Content;

namespace StaticNews.Stories;

/// <summary>
/// One story with all its language versions known. Versions are in the site's language order and
/// carry what they inherit from the original (date, category, tags, image) resolved.
/// </summary>
public sealed class Story
{
    public Story(string key, IReadOnlyList<string> assets, Func<Story, IReadOnlyList<StoryVersion>> versions)
    {
        Key = key;
        Assets = assets;
        Versions = versions(this);
        Original = null!;
        foreach (var version in Versions)
            if (version.Kind == TranslationKind.Original)
                Original = Original is null ? version : throw new InvalidOperationException($"story '{key}' has two originals");
        if (Original is null) throw new InvalidOperationException($"story '{key}' has no original");
        LatestCorrection = TranslationFreshness.LatestCorrection(Original.Article);
    }

    /// <summary>The story folder's name: stable identity of the story.</summary>
    public string Key { get; }
    /// <summary>Absolute paths of the files the story folder publishes beside its Markdown (images, PDF documents: see <see cref="StoryMedia"/>), shared by all versions.</summary>
    public IReadOnlyList<string> Assets { get; }
    public IReadOnlyList<StoryVersion> Versions { get; }
    public StoryVersion Original { get; }
    public DateTimeOffset Date => Original.Date;
    /// <summary>When the original was last corrected, if ever.</summary>
    public DateTimeOffset? LatestCorrection { get; }
    /// <summary>The original's corrections, oldest first (every version shows them).</summary>
    public IReadOnlyList<Correction> Corrections => _corrections ??= Original.Article.Corrections is { Count: > 0 } corrections ? [.. corrections.OrderBy(c => c.Date)] : [];
    private IReadOnlyList<Correction>? _corrections;

    public StoryVersion? Version(string language) => Versions.FirstOrDefault(v => v.Language.Code == language);
}

/// <summary>One language version of a story, ready to render. A document with identity: compared by reference.</summary>
public sealed class StoryVersion
{
    public required Story Story { get; init; }
    public required Article Article { get; init; }
    public required LanguageConfig Language { get; init; }
    public required TranslationKind Kind { get; init; }
    public required DateTimeOffset Date { get; init; }
    // What a version inherits from its original is read from the two articles when asked, not held again per version.
    private Article Inherited => Story.Original.Article;
    /// <summary>Last substantive change of this version, if any.</summary>
    public DateTimeOffset? Updated => Article.Updated;
    public string? Category => Article.Category ?? Inherited.Category;
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Image => Article.Image ?? Inherited.Image;
    // What is said of the image belongs to the image: a version that sets its own image inherits none of it.
    public string? ImageAlt => Article.Image is null ? Article.ImageAlt ?? Inherited.ImageAlt : Article.ImageAlt;
    public string? ImageCaption => Article.Image is null ? Article.ImageCaption ?? Inherited.ImageCaption : Article.ImageCaption;
    public string? ImageCredit => Article.Image is null ? Article.ImageCredit ?? Inherited.ImageCredit : Article.ImageCredit;
    public Images.ImageFocus? ImageFocus => Article.Image is null ? Article.ImageFocus ?? Inherited.ImageFocus : Article.ImageFocus;
    /// <summary>Its bylines (its own, else its original's), in the order written.</summary>
    public IReadOnlyList<Byline> Bylines { get; init; } = [];
    /// <summary>Who translated it, if the version says.</summary>
    public Byline? Translator { get; init; }
    /// <summary>Site-relative URL path, e.g. /en/2026/11/kopi-gayo/.</summary>
    public required string Url { get; init; }
    /// <summary>The front matter summary, or one derived from the body.</summary>
    public string Summary => Article.Summary ?? Article.BodySummary;
    /// <summary>Whether this translation was made from the original's current text (see <see cref="TranslationFreshness"/>).</summary>
    public Staleness Staleness { get; init; }
    public bool IsStale => Staleness != Staleness.Fresh;
    /// <summary>
    /// False for a machine translation no editor has reviewed when site.yml asks to keep those out of search
    /// engines (<c>translation: { indexUnreviewed: false }</c>): its page says noindex, and no sitemap or hreflang set lists it.
    /// </summary>
    public bool IsIndexed { get; init; } = true;
    /// <summary>Where it is in its <see cref="StoryIndex.Versions"/> (set by the index; see <see cref="StoryIndex.PositionOf"/>).</summary>
    internal int Position { get; set; } = -1;

    public string Title => Article.Title;
    /// <summary>The body for the page and for feeds, rendered against this version's page URL on <paramref name="site"/>.</summary>
    public RenderedBody Body(SiteConfig site) => Article.Body(new Uri(site.AbsoluteUrl(Url)));
    public bool IsTranslation => Kind != TranslationKind.Original;
    /// <summary>Date of last change: updated if set, else published; or the story's latest correction when that is later.</summary>
    public DateTimeOffset LastModified =>
        Story.LatestCorrection is { } corrected && corrected > (Updated ?? Date) ? corrected : Updated ?? Date;
}
