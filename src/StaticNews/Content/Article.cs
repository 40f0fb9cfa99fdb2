using StaticNews.Configuration;

namespace StaticNews.Content;

/// <summary>
/// One language version of a story as written in its file: front matter values exactly as given
/// (nothing inherited yet) and the rendered body. Immutable.
/// </summary>
public sealed record Article
{
    public Article() { }

    /// <summary>An article whose title is held as the article cache read it (see <see cref="TitleHeld"/>).</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
#pragma warning disable CS8618 // Title is set through its field: the compiler cannot see that through the property
    internal Article(HeldText title, string storyKey, string language, string sourcePath)
#pragma warning restore CS8618
    {
        _title = title.Value;
        StoryKey = storyKey;
        Language = language;
        SourcePath = sourcePath;
    }

    /// <summary>The story folder's name under articles/.</summary>
    public required string StoryKey { get; init; }
    public required string Language { get; init; }
    /// <summary>Path relative to the input folder, with '/' separators (for diagnostics).</summary>
    public required string SourcePath { get; init; }
    public required string Title { get => Text(_title)!; init => _title = value; }
    /// <summary>
    /// <see cref="Title"/> as held: a string, or UTF-8 left in the article cache's file (<see cref="StoredText"/>). A
    /// build that renders a few pages shows few titles, and an archive's every title held as a string would be as many
    /// more objects for the collector to carry through the build.
    /// </summary>
    internal HeldText TitleHeld => new(_title);
    private object? _title;
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get => _seldom.Updated; init { if (value != Updated) _seldom = _seldom with { Updated = value }; } }
    /// <summary>The bylines, each an authors.yml key or a name as written (<c>author:</c> or <c>authors: [...]</c>); null when not given.</summary>
    public IReadOnlyList<string>? Authors { get; init; }
    /// <summary>Who translated this version (an authors.yml key or a name as written), if given.</summary>
    public string? Translator { get => _seldom.Translator; init { if (value != Translator) _seldom = _seldom with { Translator = value }; } }
    public string? Category { get; init; }
    /// <summary>On an original: its corrections in the order written (<c>corrections: [{ date, text }]</c>); null when not given.</summary>
    public IReadOnlyList<Correction>? Corrections { get => _seldom.Corrections; init { if (value != Corrections) _seldom = _seldom with { Corrections = value }; } }
    /// <summary>The tags as written (each cleaned of extra white space), identities distinct; null when not given.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>
    /// On a translation, <c>tags: { Korea Utara: Corée du Nord }</c>: this language's names for the original's tags,
    /// each as (the original's tag text as written here, the name).
    /// </summary>
    public IReadOnlyList<TagName>? TagNames { get => _seldom.TagNames; init { if (value != TagNames) _seldom = _seldom with { TagNames = value }; } }
    /// <summary>Front matter <c>summary</c>.</summary>
    public string? Summary { get => Text(_summary); init => _summary = Held(value); }
    /// <summary><see cref="Summary"/> as held: what the article cache stores, and reads back without making a string of it.</summary>
    internal HeldText SummaryHeld { get => new(_summary); init => _summary = value.Value; }
    // The summaries are most of the text a build holds (one per version of the site, read a few times each: its page,
    // the listings and feeds that show it), so they are held as UTF-8 and made strings when read; a text UTF-8 cannot
    // hold (a lone surrogate, from a YAML escape) as it is. An article the cache read leaves them in the cache's file.
    private object? _summary;
    private object? _bodySummary;
    public string? Image { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get => _seldom.ImageCaption; init { if (value != ImageCaption) _seldom = _seldom with { ImageCaption = value }; } }
    public string? ImageCredit { get => _seldom.ImageCredit; init { if (value != ImageCredit) _seldom = _seldom with { ImageCredit = value }; } }
    /// <summary>The point every crop of the image keeps in view (<c>image_focus: [x, y]</c>, fractions).</summary>
    public Images.ImageFocus? ImageFocus { get => _seldom.ImageFocus; init { if (value != ImageFocus) _seldom = _seldom with { ImageFocus = value }; } }
    public TranslationKind? Translation { get; init; }
    public string? Slug { get => _seldom.Slug; init { if (value != Slug) _seldom = _seldom with { Slug = value }; } }
    public bool Draft { get => _seldom.Draft; init { if (value != Draft) _seldom = _seldom with { Draft = value }; } }
    /// <summary>Front matter <c>engine</c>: the translation provider that made this version (see Translation/).</summary>
    public string? Engine { get => _provenance.Engine; init { if (value != Engine) _provenance = _provenance with { Engine = value }; } }
    /// <summary>Front matter <c>source_hash</c>: the original's <see cref="TextHash"/> this translation was made from.</summary>
    public string? SourceHash { get => _provenance.SourceHash; init { if (value != SourceHash) _provenance = _provenance with { SourceHash = value }; } }
    /// <summary>Front matter <c>translated</c>: when this translation was made.</summary>
    public DateTimeOffset? Translated { get => _provenance.Translated; init { if (value != Translated) _provenance = _provenance with { Translated = value }; } }
    /// <summary>Front matter <c>reviewed: true</c>: an editor has checked this machine translation.</summary>
    public bool Reviewed { get => _provenance.Reviewed; init { if (value != Reviewed) _provenance = _provenance with { Reviewed = value }; } }
    /// <summary>
    /// On an original: the hash of the text its translations are made from (see <see cref="Content.TextHash"/>);
    /// a translation records it as <c>source_hash</c>. Null on translations.
    /// </summary>
    public string? TextHash { get; init; }
    /// <summary>Front matter <c>aliases</c>: old site-relative addresses of this version (before StaticNews), redirected to it.</summary>
    public IReadOnlyList<Alias> Aliases { get => _seldom.Aliases; init { if (!(value is { Count: 0 } && Aliases.Count == 0)) _seldom = _seldom with { Aliases = value }; } }
    private RenderedBody? _body;
    private Func<Article, Uri, RenderedBody>? _render;

    // What most versions leave unset is held apart, shared by every article that sets none of it: an article is held
    // for the whole build, one per version of the site, and these fields would be most of its size. Each init makes a
    // new one (copied, never changed in place), so an article made `with` another never changes it.
    private SeldomSet _seldom = SeldomSet.None;
    private Provenance _provenance = Provenance.None;

    private sealed record SeldomSet
    {
        public static readonly SeldomSet None = new();
        public DateTimeOffset? Updated { get; init; }
        public string? Translator { get; init; }
        public IReadOnlyList<Correction>? Corrections { get; init; }
        public IReadOnlyList<TagName>? TagNames { get; init; }
        public string? ImageCaption { get; init; }
        public string? ImageCredit { get; init; }
        public Images.ImageFocus? ImageFocus { get; init; }
        public string? Slug { get; init; }
        public bool Draft { get; init; }
        public IReadOnlyList<Alias> Aliases { get; init; } = [];
    }

    // Set on the versions the translation loop made (see Translation/), together.
    private sealed record Provenance
    {
        public static readonly Provenance None = new();
        public string? Engine { get; init; }
        public string? SourceHash { get; init; }
        public DateTimeOffset? Translated { get; init; }
        public bool Reviewed { get; init; }
    }

    /// <summary>The body for its page at <paramref name="pageUrl"/> and for feeds (see <see cref="RenderedBody"/>).</summary>
    public RenderedBody Body(Uri pageUrl) =>
        _body ?? _render?.Invoke(this, pageUrl) ?? throw new InvalidOperationException($"{SourcePath}: the body was never rendered (see DeferBody)");

    /// <summary>A body given as finished HTML, the same on the page and in feeds (articles made in memory).</summary>
    public string Html { init => _body = RenderedBody.Fixed(value); }

    /// <summary>The summary derived from the body (site.yml's summaryWords), used when the front matter gives none; empty when it gives one.</summary>
    public string BodySummary { get => Text(_bodySummary) ?? ""; init => _bodySummary = Held(value); }
    /// <summary><see cref="BodySummary"/> as held (see <see cref="SummaryHeld"/>).</summary>
    internal HeldText BodySummaryHeld { get => new(_bodySummary); init => _bodySummary = value.Value; }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static object? Held(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        try { return StrictUtf8.GetBytes(text); }
        catch (System.Text.EncoderFallbackException) { return text; }
    }

    private static string? Text(object? held) => held switch
    {
        byte[] utf8 => System.Text.Encoding.UTF8.GetString(utf8),
        StoredText stored => stored.ToString(),
        _ => (string?)held,
    };

    /// <summary>
    /// A text as an article holds it: null, UTF-8 bytes (valid UTF-8), a string (one UTF-8 cannot hold, or empty), or
    /// UTF-8 left in the article cache's file (<see cref="StoredText"/>).
    /// </summary>
    internal readonly record struct HeldText(object? Value);

    /// <summary>
    /// This very article, its body rendered by <paramref name="render"/> when asked for (the page, the feeds it is in)
    /// instead of kept with it: every body of a large site held at once would make memory grow with the site. The
    /// render keeps recent bodies within a budget (see <see cref="RecentBodies"/>). Only for an article no one else has
    /// seen yet (a fresh parse, or one the article cache read, which it hands out once): not copied, as a copy of every
    /// article of the archive each build would be that many more objects for the collector to promote.
    /// </summary>
    internal Article DeferBody(Func<Article, Uri, RenderedBody> render)
    {
        _body = null;
        _render = render;
        return this;
    }

    /// <summary>
    /// Points the summaries this article holds as UTF-8 at the same bytes in the article cache's file
    /// (<paramref name="summaryAt"/>, <paramref name="bodySummaryAt"/>; -1 where they are not there) and lets go of them
    /// (see <see cref="ArticleCache.SaveIfNew"/>). Only while no one else reads the article.
    /// </summary>
    internal void LeaveSummariesIn(Microsoft.Win32.SafeHandles.SafeFileHandle file, long summaryAt, long bodySummaryAt)
    {
        if (_summary is byte[] summary && summaryAt >= 0) _summary = new StoredText(file, summaryAt, summary.Length);
        if (_bodySummary is byte[] bodySummary && bodySummaryAt >= 0) _bodySummary = new StoredText(file, bodySummaryAt, bodySummary.Length);
    }

    /// <summary>Hash of the file as read: what incremental builds compare to know this version changed (a value: one per version of the site).</summary>
    public Publish.Fingerprint ContentHash { get; init; }
}

/// <summary>A translation's name for one of its original's tags.</summary>
public sealed record TagName(string Tag, string Name);
