using System.Diagnostics;
using StaticNews.Assets;
using StaticNews.Cdn;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Search;
using StaticNews.Redirects;
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
    /// <summary>Files of story images in the site (every width, format and crop).</summary>
    public int ImageFiles { get; init; }
    /// <summary>Image files this build encoded: none unless an image is new or changed and no earlier build made it (see ImageCache).</summary>
    public int ImageFilesEncoded { get; init; }
    /// <summary>True if the new site was published (false when nothing changed: the output folder was left exactly as it was).</summary>
    public bool OutputChanged { get; init; }
    /// <summary>True if the change was published into the output file by file, not by swapping in the whole site (see <see cref="Publication"/>).</summary>
    public bool PublishedInPlace { get; init; }
    /// <summary>True if no input had changed since the published site was built (see <see cref="LastBuild"/>): nothing was read but the input folder's listing.</summary>
    public bool UpToDate { get; init; }
    /// <summary>True if the output folder was refused before anything was touched (see <see cref="OutputRefusedException"/>).</summary>
    public bool Refused { get; init; }

    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);
    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// One build, start to finish: read site.yml, begin a <see cref="Publication"/> (which checks the output folder and
/// takes its lock), run the pipelines into it, and commit it only if no error was reported. A failed build leaves
/// the output as it was.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The pipelines of a full build. Each declares its dependencies; the engine orders and parallelises them.</summary>
    public static IReadOnlyList<Pipeline> Pipelines() =>
    [
        new ContentPipeline(),
        new StoriesPipeline(),
        new AssetsPipeline(),
        new Images.ImagesPipeline(),
        new PagesPipeline(),
        new FeedsPipeline(),
        new SitemapsPipeline(),
        new SearchPipeline(),
        new PublishedUrlsPipeline(),
        new RedirectsPipeline(),
        new CdnRulesPipeline(),
    ];

    public static Task<BuildReport> BuildAsync(BuildOptions options, BuildClock? clock = null, Action<Pipeline, TimeSpan>? progress = null) =>
        BuildAsync(options, clock, progress, Stopwatch.StartNew(), again: false);

    /// <param name="again">True for the second run of a build that found published files deleted by hand (see below).</param>
    private static async Task<BuildReport> BuildAsync(BuildOptions options, BuildClock? clock, Action<Pipeline, TimeSpan>? progress, Stopwatch watch, bool again)
    {
        IReadOnlyList<string> gone = [];
        var diagnostics = new DiagnosticBag();
        BuildReport Failed(bool refused = false) => new(false, diagnostics.Sorted(), 0, 0, 0, 0, watch.Elapsed) { Refused = refused };

        var site = SiteConfigLoader.Load(options.InputDirectory, options.BaseUrl, diagnostics);
        if (site is null) return Failed();
        Theme theme;
        try { theme = new Theme(options.ThemeDirectory); }
        catch (InputException e) { diagnostics.Error(e.Message, e.File, e.Line); return Failed(); }

        var key = BuildKey.Of(options, theme);
        clock ??= BuildClock.FromEnvironment();
        // The input folder is listed under the output's lock, before anything is read: unchanged since the published
        // site was built (and the site still holds), the build stops there.
        InputSnapshot? inputs = null;
        LastBuild? last = null;
        // Read beside the output's record and build cache, once the listing has found the site out of date (under the
        // output's lock): the article cache needs neither, and in a large archive each takes a second or more.
        Task<ArticleCache>? articlesRead = null;
        Publication? publication = null;
        try
        {
            publication = Publication.Begin(new PublishOptions
            {
                UpToDate = state =>
                {
                    if ((last = LastBuild.Load(state)) is { } found && found.Holds(key, inputs = ListInput(options), clock.Now))
                        return true;
                    articlesRead = Task.Run(() => LoadArticles(options, state, key));
                    return false;
                },
                OutputDirectory = options.OutputDirectory,
                CacheKey = key,
                Sources = [("input", options.InputDirectory), .. options.ThemeDirectory is { } custom ? [("theme", custom)] : Array.Empty<(string, string)>(), ("theme", Theme.DefaultDirectory)],
                Wait = options.WaitForOtherBuilds,
                Waiting = options.Waiting,
                Parallelism = options.Parallelism,
                ReadAhead = options.SiteReadAhead,
            });
        }
        catch (OutputRefusedException e)
        {
            diagnostics.Error(e.Message);
            return Failed(refused: true);
        }
        catch (Exception e) when (e is OutputBusyException || FileErrors.Are(e))
        {
            diagnostics.Error(e is OutputBusyException ? e.Message : FileErrors.Describe(e, "preparing the output folder", options.OutputDirectory));
            return Failed();
        }
        finally
        {
            if (publication is null) Discard(articlesRead);
        }

        using (publication)
        {
            if (publication.UpToDate)
            {
                options.HeldArticles?.ReadInBackground(publication.State, key, options.Parallelism);
                ReadAhead(options, publication.State, key);
                return UpToDate(last!, watch);
            }
            try
            {
                // Handed on, not held here: the closure above holds these variables for as long as the publication lives.
                var (published, listed, articles) = (last, inputs, articlesRead);
                (last, inputs, articlesRead) = (null, null, null);
                return await BuildAsync(options, site, theme, key, published, listed, articles, publication, clock, progress, diagnostics, watch);
            }
            catch (PublishedFilesGoneException e) when (!publication.Published && !again)
            {
                // Files kept as published (a small change does not look at them), found deleted by hand where the build read
                // them back or was to swap the whole site in: forgotten from the record, the build runs again and renders them.
                try
                {
                    LastBuild.Forget(publication.State);
                    publication.Forget(gone = e.Paths);
                }
                catch (Exception failure) when (FileErrors.Are(failure))
                {
                    diagnostics.Error(FileErrors.Describe(failure, "recording the published files", options.OutputDirectory));
                    return Failed();
                }
            }
            catch (PublishedFilesGoneException e) when (!publication.Published)
            {
                diagnostics.Error($"{Path.Join(options.OutputDirectory, e.Paths[0])} was deleted from the output folder while the site was being built: build again (nothing in the output was changed)");
                return Failed();
            }
            catch (OutputRefusedException e)
            {
                // Found at the commit (a small change looks only at the paths it touches): the output is as it was. Or, rarely,
                // while publishing in place (a folder swapped for a link since the check): the steps left wait in the
                // journal, and the next build takes them once what was refused is moved away.
                diagnostics.Error(e.Message);
                return Failed(refused: !publication.Published);
            }
            catch (Exception e)
            {
                // Whatever went wrong, the user gets a diagnostic, and the truth: the new site is live only if the swap was done.
                diagnostics.Add(new Diagnostic(publication.Published ? Severity.Warning : Severity.Error,
                    InternalError.Describe(publication.Published ? "the build, after publishing" : "the build", e, options.OutputDirectory)));
                return publication.Published ? Report(publication, null, diagnostics, watch, changed: true, imagesEncoded: 0) : Failed();
            }
        }
        // Reached only once published files found deleted by hand were forgotten (above), the output's lock released. Said
        // in the report (the pipelines are shown running twice), not in what later builds that find it up to date repeat.
        var report = await BuildAsync(options, clock, progress, watch, again: true);
        var more = gone.Count > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (and {gone.Count - 1} more)") : "";
        return report.Success
            ? report with { Diagnostics = [.. report.Diagnostics, new Diagnostic(Severity.Warning, $"{Path.Join(options.OutputDirectory, gone.Min(StringComparer.Ordinal))}{more} had been deleted from the output folder by hand: the build ran a second time to publish it again")] }
            : report;
    }

    /// <summary>The input folder as it is now: listed whole, or where a watcher saw changes (see <see cref="InputChanges"/>).</summary>
    private static InputSnapshot ListInput(BuildOptions options) =>
        options.InputChanges?.List(options.Parallelism) ?? InputSnapshot.Take(options.InputDirectory, options.Parallelism);

    /// <param name="published">What the published site was built from, if known (see <see cref="LastBuild"/>).</param>
    /// <param name="inputs">The input's listing, if the up-to-date check took it.</param>
    /// <param name="articlesRead">The article cache as it is being read (null: not begun).</param>
    private static async Task<BuildReport> BuildAsync(BuildOptions options, SiteConfig site, Theme theme, string key, LastBuild? published, InputSnapshot? inputs, Task<ArticleCache>? articlesRead,
        Publication publication, BuildClock clock, Action<Pipeline, TimeSpan>? progress, DiagnosticBag diagnostics, Stopwatch watch)
    {
        // Nothing cached is used once the output is gone: deleting it is how to build from scratch.
        if (!publication.HasPublishedSite) Discard(articlesRead);
        // Disposed only once the cache is saved (or held for the next build): the articles it hands out read their
        // summaries from its file.
        var articles = !publication.HasPublishedSite ? ArticleCache.Empty(key)
            : articlesRead is not null ? await articlesRead : LoadArticles(options, publication.State, key);
        var held = false;
        try
        {
            inputs ??= ListInput(options);
            // What the next build compares its listing with. The listing itself goes to the session, which hands it to the
            // content stage and no further.
            var (inputsDigest, unstamped) = (inputs.Digest, inputs.Unstamped);
            var folders = StoryFolders.Of(inputs, published?.FoldersBuiltWith(key), out var changedStories);
            // Stories held by a preview were made with the site as configured then (their versions' languages are its
            // objects): the same key is the same site.yml, so the build takes that configuration in place of its own.
            var heldStories = options.HeldStories?.Take(key);
            var session = new BuildSession(heldStories?.Site ?? site, options, clock, theme, publication.Output, diagnostics)
            {
                Key = key,
                Articles = articles,
                HeldStories = heldStories,
                State = publication.State,
                Inputs = inputs,
                StoryChanges = changedStories is not null && published?.Sums is { } sums ? new StoryChanges(changedStories, sums) : null,
            };
            // Parameters of this method would hold them to the end.
            (inputs, published) = (null!, null);
            var pipelines = Pipelines();
            var engine = new BuildEngine(pipelines);
            if (progress is not null) engine.PipelineCompleted += progress;
            await engine.RunAsync(session);
            if (diagnostics.HasErrors)
            {
                publication.Abort();
                return new BuildReport(false, diagnostics.Sorted(), 0, 0, 0, 0, watch.Elapsed);
            }

            var warnings = diagnostics.Sorted();
            var index = pipelines.OfType<StoriesPipeline>().Single().Result;
            var content = pipelines.OfType<ContentPipeline>().Single().Result;
            // What the next build is told of its input that takes a look at every article and version, worked out while the
            // site is published (which waits on the disk) rather than after it, when the build would be done but for this.
            var lastInputs = Task.Run(() => (Read: ReadUnstamped(unstamped, content), Until: LastBuild.Until(content.Articles, index, clock.Now)));
            LastBuild.Forget(publication.State);
            var changed = publication.Commit();
            foreach (var warning in publication.Warnings) diagnostics.Warning(warning);
            // Search asked for and not made: an error, said once the site (without its index) is published.
            if (pipelines.OfType<SearchPipeline>().SingleOrDefault()?.Result.Problem is { } searchProblem) diagnostics.Error(searchProblem);
            // Recorded only once the site is published: what `staticnews ping` compares with, and what the next build reuses.
            // Each is a file of its own, so they are written side by side: in a large archive each runs to megabytes.
            var saves = new List<Action>();
            if (pipelines.OfType<FeedsPipeline>().SingleOrDefault()?.Result is { } feeds)
                saves.Add(() => Remember(diagnostics, publication.State, "recording the published feeds for `staticnews ping`", FeedManifest.BuildFile,
                    () => feeds.Save(publication.State, FeedManifest.BuildFile)));
            if (pipelines.OfType<RedirectsPipeline>().SingleOrDefault()?.Result is { RecordChanged: true } redirects)
                saves.Add(() => Remember(diagnostics, publication.State, "recording the published addresses", null, () => redirects.Record.Save(publication.State)));
            if (articles.Changed)
                saves.Add(() => Remember(diagnostics, publication.State, "saving the article cache", null, () => articles.Save(publication.State)));
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, [.. saves]);
            var report = Report(publication, index, diagnostics, watch, changed, pipelines.OfType<Images.ImagesPipeline>().Single().Encoded);
            var (read, until) = await lastInputs;
            // Not when an error was said after publishing: a build that finds nothing changed would not say it again.
            if (!diagnostics.HasErrors)
                Remember(diagnostics, publication.State, "recording what the site was built from", null, () => new LastBuild(key, inputsDigest,
                    InputSnapshot.Settle(options.InputDirectory, unstamped, path => read.TryGetValue(path, out var hash) ? hash : null), clock.Now, until,
                    new LastBuild.Counts(report.Stories, report.Versions, report.Files, report.Pages, report.Feeds, report.ImageFiles), warnings,
                    folders, Sums(pipelines)).Save(publication.State));
            held = options.HeldArticles?.Hold(articles, publication.State) == true;
            if (pipelines.OfType<StoriesPipeline>().Single().Made is { } made) options.HeldStories?.Hold(made);
            return report;
        }
        finally
        {
            if (!held) articles.Dispose();
            // For the next build, whatever became of this one.
            ReadAhead(options, publication.State, key);
        }
    }

    /// <summary>
    /// The hashes the build read of the files its listing had no stamp for (too new to trust one), by path: the next build
    /// is told their stamps once they have settled holding those bytes (see <see cref="InputSnapshot.Settle"/>, after
    /// publishing, to give them all the time the build took). Only article files are vouched for by what was read.
    /// </summary>
    private static Dictionary<string, Publish.Fingerprint> ReadUnstamped(IReadOnlyList<string> unstamped, ContentResult content)
    {
        if (unstamped.Count == 0) return [];
        var wanted = unstamped.ToHashSet(StringComparer.Ordinal);
        return content.Articles.Where(article => wanted.Contains(article.SourcePath)).ToDictionary(article => article.SourcePath, article => article.ContentHash, StringComparer.Ordinal);
    }

    /// <summary>What the next build reads from the output's state as it starts, read while a preview waits for a change (see <see cref="StateReadAhead{T}"/>).</summary>
    private static void ReadAhead(BuildOptions options, StateFolder state, string key)
    {
        options.SiteReadAhead?.Start(state, key);
        options.UrlsReadAhead?.Start(state, key);
    }

    /// <summary>The article cache the last build saved: held in memory by a long-lived process (see <see cref="HeldArticleCache"/>), else read from the output's state.</summary>
    private static ArticleCache LoadArticles(BuildOptions options, StateFolder state, string key) =>
        options.HeldArticles?.Take(state, key) ?? ArticleCache.Load(state, key, options.Parallelism);

    /// <summary>What the build's pages and feeds showed beyond their stories' folders, recorded for the next build (see StoryChanges).</summary>
    private static PublishedSums Sums(IReadOnlyList<Pipeline> pipelines)
    {
        var pages = pipelines.OfType<PagesPipeline>().Single();
        return new PublishedSums(pages.SiteWide, pages.Listings,
            pipelines.OfType<FeedsPipeline>().SingleOrDefault()?.ArchiveSums ?? new Dictionary<string, Fingerprint>(),
            pipelines.OfType<SitemapsPipeline>().SingleOrDefault()?.StorySums ?? new Dictionary<string, Fingerprint>());
    }

    /// <summary>Lets go of an article cache read for a build that will not use it, once it is read.</summary>
    private static void Discard(Task<ArticleCache>? read) =>
        read?.ContinueWith(done => done.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);

    /// <summary>What a build reports when it found the published site up to date: what the build that made it reported.</summary>
    private static BuildReport UpToDate(LastBuild last, Stopwatch watch)
    {
        var counts = last.Reported;
        return new BuildReport(true, last.Warnings, counts.Stories, counts.Versions, counts.Files, 0, watch.Elapsed)
        {
            Pages = counts.Pages,
            Feeds = counts.Feeds,
            FilesKept = counts.Files,
            ImageFiles = counts.ImageFiles,
            UpToDate = true,
        };
    }

    /// <summary>
    /// Saves state after publishing. A failure is a warning (the site is live); a record that could not be brought up to
    /// date (<paramref name="record"/>) is removed rather than left stale.
    /// </summary>
    private static void Remember(DiagnosticBag diagnostics, StateFolder state, string doing, string? record, Action save)
    {
        try { save(); }
        catch (Exception e) when (FileErrors.Are(e))
        {
            diagnostics.Warning(FileErrors.Describe(e, doing, state.Path));
            if (record is null) return;
            try { state.Delete(record); } catch (Exception again) when (FileErrors.Are(again)) { }
        }
    }

    private static BuildReport Report(Publication publication, StoryIndex? stories, DiagnosticBag diagnostics, Stopwatch watch, bool changed, int imagesEncoded)
    {
        var output = publication.Output;
        int pages = 0, feeds = 0, images = 0;
        var imageFolder = Images.ImagesPipeline.OutputFolder[1..];
        foreach (var path in output.Paths)
        {
            if (path.EndsWith(".html", StringComparison.Ordinal)) pages++;
            else if (path.StartsWith(imageFolder, StringComparison.Ordinal)) images++;
            else if (FeedFormats.IsFeedFile(path)) feeds++;
        }
        return new BuildReport(true, diagnostics.Sorted(), stories?.Stories.Count ?? 0, stories?.Stories.Sum(s => s.Versions.Count) ?? 0,
            output.PathCount, output.WrittenCount, watch.Elapsed)
        {
            Pages = pages,
            Feeds = feeds,
            FilesKept = output.KeptCount,
            ImageFiles = images,
            ImageFilesEncoded = imagesEncoded,
            OutputChanged = changed,
            PublishedInPlace = publication.PublishedInPlace,
        };
    }
}
