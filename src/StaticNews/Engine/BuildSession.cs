using StaticNews.Configuration;
using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>How the build was asked for: folders and switches from the command line.</summary>
public sealed record BuildOptions
{
    public required string InputDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>A theme folder whose files override the default theme's, file by file.</summary>
    public string? ThemeDirectory { get; init; }
    public string? BaseUrl { get; init; }
    public bool IncludeDrafts { get; init; }
    public bool IncludeFuture { get; init; }
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Wait for another build of the same output to finish (false: fail at once, `--no-wait`).</summary>
    public bool WaitForOtherBuilds { get; init; } = true;
    /// <summary>
    /// Where encoded images are kept between builds (`--image-cache`); null: in the output's state folder. A folder
    /// shared by several sites or outputs, or kept by CI between runs, saves encoding the same picture twice.
    /// </summary>
    public string? ImageCacheDirectory { get; init; }
    /// <summary>Told once, with a line to show, when the build waits for another one.</summary>
    public Action<string>? Waiting { get; init; }
    /// <summary>Where the build reads environment variables (PATH, to find Pagefind).</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
    /// <summary>What a watcher saw change in the input since the last build's listing (`serve`); null: the input is listed whole.</summary>
    public InputChanges? InputChanges { get; init; }
    /// <summary>The article cache held from one build to the next (`serve`); null: each build reads it from the output's state.</summary>
    public Content.HeldArticleCache? HeldArticles { get; init; }
    /// <summary>The stories held from one build to the next (`serve`); null: each build makes every story.</summary>
    public Stories.HeldStories? HeldStories { get; init; }
    /// <summary>The output's record and build cache, read between builds (`serve`); null: each build reads them from the output's state as it starts.</summary>
    internal StateReadAhead<RecordedSite>? SiteReadAhead { get; init; }
    /// <summary>The record of published addresses, read between builds (`serve`); null: each build reads it from the output's state as it starts.</summary>
    internal StateReadAhead<Redirects.PublishedUrls>? UrlsReadAhead { get; init; }
    /// <summary>Not a user's choice (see <see cref="Sitemaps.SitemapPlan.StoriesPerFile"/>): tests make it tiny to see files fill.</summary>
    internal int SitemapStoriesPerFile { get; init; } = Sitemaps.SitemapPlan.StoriesPerFile;
}

/// <summary>Everything one build shares: configuration, options, the clock reading, diagnostics, the output.</summary>
public sealed class BuildSession
{
    public BuildSession(SiteConfig site, BuildOptions options, BuildClock clock, Pages.Theme theme, OutputSink output, DiagnosticBag diagnostics)
    {
        Site = site;
        Options = options;
        Clock = clock;
        Theme = theme;
        Output = output;
        Diagnostics = diagnostics;
    }

    public SiteConfig Site { get; }
    public BuildOptions Options { get; }
    public BuildClock Clock { get; }
    public Pages.Theme Theme { get; }
    public OutputSink Output { get; }
    public DiagnosticBag Diagnostics { get; }
    /// <summary>The build's <see cref="BuildKey"/>.</summary>
    public string Key { get; init; } = "";
    /// <summary>Articles parsed by the last build into the same output, reused for unchanged files (null: parse everything).</summary>
    public Content.ArticleCache? Articles { get; init; }
    /// <summary>
    /// The input folder as this build listed it before reading anything (null where nothing listed it: `check`, the
    /// tests' sessions). When it is <see cref="InputSnapshot.Trusted"/> (no link), the content stage takes its files from it
    /// instead of listing articles/ again: one listing per build, and the build reads what <see cref="LastBuild"/> records.
    /// </summary>
    public InputSnapshot? Inputs { get => _inputs; init => _inputs = value; }
    private InputSnapshot? _inputs;

    /// <summary>
    /// <see cref="Inputs"/>, handed over once: the content stage takes it, and the session lets go of it then (in a large
    /// archive the listing is a line per file, hundreds of thousands, that nothing after the content stage reads).
    /// </summary>
    public InputSnapshot? TakeInputs() => Interlocked.Exchange(ref _inputs, null);
    /// <summary>The stories the last build of this process made with the same key, taken up where unchanged (see <see cref="Stories.HeldStories"/>).</summary>
    public Stories.MadeStories? HeldStories { get; init; }
    /// <summary>Which stories' folders changed since the published site was built; null if that cannot be told (see <see cref="StoryChanges"/>).</summary>
    public StoryChanges? StoryChanges { get; init; }
    /// <summary>The state this output keeps beside it, for what a pipeline remembers between builds (null in a run that writes nothing).</summary>
    public StateFolder? State { get; init; }
    /// <summary>
    /// The published images, set by the Images stage when it completes. Story bodies are rendered after it (the
    /// Pages and Feeds stages depend on it, and ask for them), so their Markdown images can become pictures.
    /// </summary>
    public Images.ImageCatalog? Images { get; internal set; }

    private int _machineFailureSaid;

    /// <summary>
    /// Reports a failure that is not the input's (see <see cref="InternalError"/>) in <paramref name="pipeline"/>. A full
    /// or read-only file system is said once, by the first pipeline to meet it: the others writing at the time meet the
    /// same disk.
    /// </summary>
    internal void Failed(Pipeline pipeline, Exception e, DiagnosticBag diagnostics)
    {
        if (FileErrors.AreMachineWide(e) && Interlocked.Exchange(ref _machineFailureSaid, 1) == 1) return;
        diagnostics.Error(InternalError.Describe(pipeline, e, Options.OutputDirectory));
    }
}

/// <summary>
/// The clock is read once per build. It decides only what is published yet (future-dated stories)
/// and which articles the News sitemap lists (the two days before it); no clock value is written into
/// any file. SOURCE_DATE_EPOCH fixes it (reproducible builds).
/// </summary>
public sealed record BuildClock(DateTimeOffset Now)
{
    public static BuildClock FromEnvironment()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (!string.IsNullOrWhiteSpace(epoch) && long.TryParse(epoch, System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return new BuildClock(DateTimeOffset.FromUnixTimeSeconds(seconds));
        return new BuildClock(DateTimeOffset.UtcNow);
    }
}
