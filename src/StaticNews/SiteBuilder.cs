using System.Diagnostics;
using StaticNews.Assets;
using StaticNews.Cdn;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews;

/// <summary>The outcome of one build.</summary>
public sealed record BuildReport(bool Success, IReadOnlyList<Diagnostic> Diagnostics, int Stories, int Versions, int Files, int FilesWritten, TimeSpan Elapsed)
{
    /// <summary>HTML pages in the site.</summary>
    public int Pages { get; init; }
    /// <summary>Feed files (RSS, Atom, JSON Feed) in the site.</summary>
    public int Feeds { get; init; }
    /// <summary>Files not rendered at all, their inputs unchanged since they were published.</summary>
    public int FilesKept { get; init; }
    /// <summary>False when nothing changed: the output folder was left exactly as it was.</summary>
    public bool OutputChanged { get; init; }

    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);
    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// One build, start to finish: read site.yml, run the pipelines into a staging folder, and publish
/// it in place of the output only if no error was reported. A failed build leaves the output as it was.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The pipelines of a full build. Each declares its dependencies; the engine orders and parallelises them.</summary>
    public static IReadOnlyList<Pipeline> Pipelines() =>
    [
        new ContentPipeline(),
        new StoriesPipeline(),
        new AssetsPipeline(),
        new PagesPipeline(),
        new FeedsPipeline(),
        new SitemapsPipeline(),
        new CdnRulesPipeline(),
    ];

    public static async Task<BuildReport> BuildAsync(BuildOptions options, BuildClock? clock = null, Action<Pipeline, TimeSpan>? progress = null)
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        try
        {
            return await BuildAsync(options, clock, progress, diagnostics, watch);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the user gets a diagnostic and the published output stays as it was.
            try { Publisher.RemoveStaging(options.OutputDirectory); } catch (Exception) { /* the next build removes it */ }
            diagnostics.Error(InternalError.Describe("the build", e));
            return new BuildReport(false, diagnostics.Sorted(), 0, 0, 0, 0, watch.Elapsed);
        }
    }

    private static async Task<BuildReport> BuildAsync(BuildOptions options, BuildClock? clock, Action<Pipeline, TimeSpan>? progress,
        DiagnosticBag diagnostics, Stopwatch watch)
    {
        var site = SiteConfigLoader.Load(options.InputDirectory, options.BaseUrl, diagnostics);
        if (site is null) return Failed();

        Theme theme;
        try { theme = new Theme(options.ThemeDirectory); }
        catch (InputException e) { diagnostics.Error(e.Message, e.File, e.Line); return Failed(); }

        var storyFolders = StagingPlacement.StoryFolders(options.InputDirectory);
        var placed = storyFolders >= StagingPlacement.LargeSite;
        var staging = Publisher.NewStaging(options.OutputDirectory, placed);
        var cacheKey = BuildCache.KeyFor(options, theme);
        // The caches and the previous site are read side by side: each is a file or tree of the size of the site.
        var loadingCache = Task.Run(() => BuildCache.Load(options.OutputDirectory, cacheKey));
        var loadingArticles = Task.Run(() => ArticleCache.Load(options.OutputDirectory, cacheKey));
        var previous = PreviousSite.TakeAsStaging(options.OutputDirectory, staging, options.Parallelism);
        // The real time, not the build clock (SOURCE_DATE_EPOCH): it is compared with when ext4 freed inodes.
        if (previous is null && placed) StagingPlacement.Make(staging, BuildCache.DirectoryFor(options.OutputDirectory), DateTimeOffset.UtcNow, storyFolders * site.Languages.Count);
        var cache = await loadingCache;
        var articles = await loadingArticles;
        var output = new OutputSink(staging, options.OutputDirectory, cache, previous?.Published);
        var session = new BuildSession(site, options, clock ?? BuildClock.FromEnvironment(), theme, output, diagnostics) { Articles = articles };
        var pipelines = Pipelines();
        var engine = new BuildEngine(pipelines);
        if (progress is not null) engine.PipelineCompleted += progress;
        await engine.RunAsync(session);
        if (diagnostics.HasErrors)
        {
            if (previous is not null) KeepPrevious(previous);
            Publisher.RemoveStaging(options.OutputDirectory);
            return Failed();
        }
        // Nothing written and nothing gone: every staged file is a link to the same published file, so the
        // output folder is left exactly as it was (a build with nothing changed writes no file).
        var publishedBefore = previous?.Published ?? PublishedFiles(options.OutputDirectory);
        var changed = !output.ChangesNothing(publishedBefore.Count);
        if (changed)
        {
            output.Stage(options.Parallelism);
            if (Publisher.Swap(staging, options.OutputDirectory))
                PreviousSite.Keep(options.OutputDirectory, staging, [.. output.Paths], output.Wrote,
                    [.. publishedBefore.Where(path => !output.Claimed(path))]);
            else PreviousSite.Discard(options.OutputDirectory);
        }
        else if (previous is not null) KeepPrevious(previous);
        // Empty by now, unless nothing was published and there was no previous site to keep.
        Publisher.RemoveStaging(options.OutputDirectory);
        Parallel.Invoke(
            // What `staticnews ping` compares with: recorded only once the feeds are published.
            () => pipelines.OfType<FeedsPipeline>().SingleOrDefault()?.Result
                .Save(Path.Combine(FeedManifest.StateDirectoryFor(options.OutputDirectory), FeedManifest.BuildFile)),
            () =>
            {
                var published = BuildCache.Describe(cacheKey, options.OutputDirectory, output.Fingerprints, cache, output.WasKept, output.WrittenState);
                if (!published.SameAs(cache)) published.Save(options.OutputDirectory);
            },
            () => { if (articles.Changed) articles.Save(options.OutputDirectory); });

        var stories = pipelines.OfType<StoriesPipeline>().Single().Result;
        return new BuildReport(true, diagnostics.Sorted(), stories.Stories.Count, stories.Stories.Sum(s => s.Versions.Count),
            output.Paths.Count, output.WrittenCount, watch.Elapsed)
        {
            Pages = output.Paths.Count(p => p.EndsWith(".html", StringComparison.Ordinal)),
            Feeds = output.Paths.Count(FeedFormats.IsFeedFile),
            FilesKept = output.KeptCount,
            OutputChanged = changed,
        };

        BuildReport Failed() => new(false, diagnostics.Sorted(), 0, 0, 0, 0, watch.Elapsed);

        // Not published: the staging folder is the previous site plus whatever this build wrote into it, which
        // the record marks for the next build to undo (linked again from the output, or removed).
        void KeepPrevious(PreviousSite kept) =>
            PreviousSite.Keep(options.OutputDirectory, staging, [.. kept.Published], output.Wrote,
                [.. output.WrittenPaths.Where(path => !kept.Published.Contains(path))]);
    }

    /// <summary>The files of the published output (none if there is no output folder yet).</summary>
    private static IReadOnlySet<string> PublishedFiles(string outputDirectory) =>
        Directory.Exists(outputDirectory)
            ? Directory.EnumerateFiles(outputDirectory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(outputDirectory, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
}
