using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>Everything read from the input folder: parsed articles, each story's asset files, the files that failed, taxonomy.yml and authors.yml.</summary>
public sealed record ContentResult(
    IReadOnlyList<Article> Articles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> StoryAssets,
    IReadOnlySet<(string Story, string Language)> Failed,
    TaxonomyFile Taxonomy,
    IReadOnlyDictionary<string, Author> Authors);

/// <summary>Reads input/articles/&lt;story&gt;/&lt;lang&gt;.md in parallel, checks and parses each file; and input/taxonomy.yml and authors.yml.</summary>
public sealed class ContentPipeline : Pipeline<ContentResult>
{
    protected override ContentResult Execute(PipelineContext context)
    {
        var input = context.Options.InputDirectory;
        var articlesDir = Path.Combine(input, "articles");
        // Stamps are trusted only for files older than the listing by a margin (see FileStamp.RacyWindow).
        var listedAt = DateTime.UtcNow;
        var stories = new List<DirectoryInfo>();
        if (Directory.Exists(articlesDir) && IsInside(input, articlesDir, "articles/", context))
        {
            // Entries come with their attributes from the directory listing: only symbolic links cost a look further.
            foreach (var storyInfo in new DirectoryInfo(articlesDir).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                if (storyInfo.Name.StartsWith('.')) continue;
                if (FileLinks.IsSymbolicLink(storyInfo) && !IsInside(input, storyInfo.FullName, $"articles/{storyInfo.Name}/", context)) continue;
                stories.Add(storyInfo);
            }
        }
        // Story folders are listed in parallel: listing and stat-ing every file is most of the work when nothing changed.
        var listings = new StoryListing?[stories.Count];
        context.ForEach(Enumerable.Range(0, stories.Count), i => listings[i] = List(stories[i], input, listedAt, context));
        var files = new List<InputFile>();
        var assets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            if (listing is null) continue;
            files.AddRange(listing.Articles);
            assets[listing.Story] = listing.Assets;
        }

        var parser = new ArticleParser(context.Site, new MarkdownRenderer(HtmlPolicy.For(context.Site)));
        var articles = new Article?[files.Count];
        var cache = context.Session.Articles;
        var bodies = new RecentBodies(RecentBodies.DefaultBudgetChars);
        context.ForEach(Enumerable.Range(0, files.Count), i =>
        {
            var f = files[i];
            // Bodies are rendered from the file when a page or feed needs them, and kept only a while (see RecentBodies).
            // Pages and feeds, which ask for bodies, run after the Images stage: Markdown images of the story's files become pictures.
            RenderedBody RenderBody(Uri pageUrl) => bodies.GetOrRender(f.Relative, () => parser.RenderBody(SourceText.Read(f.Path, f.Relative, new DiagnosticBag()), f.Relative,
                pageUrl, context.Session.Images?.ForStory(f.Story)));
            // Warnings of a cached file were recorded with it and are reported again by Reuse. A file with the
            // recorded size and time is not even read; one that was touched is read, and parsed only if its bytes changed.
            var cached = cache?.ReuseUnchanged(f.Relative, f.Stamp, context.Diagnostics, RenderBody);
            if (cached is not null)
            {
                articles[i] = cached;
                return;
            }
            var bytes = SourceText.ReadBytes(f.Path, f.Relative);
            var hash = Publish.Fingerprint.OfBytes(bytes);
            cached = cache?.Reuse(f.Relative, hash, f.Stamp, context.Diagnostics, RenderBody);
            if (cached is not null)
            {
                articles[i] = cached;
                return;
            }
            var diagnostics = new DiagnosticBag(context.Diagnostics);
            var article = parser.Parse(SourceText.Decode(bytes, f.Relative, diagnostics), f.Story, f.Language, f.Relative, diagnostics);
            if (article is null) return;
            articles[i] = article = (article with { ContentHash = hash }).WithDeferredBody(RenderBody);
            if (!diagnostics.HasErrors) cache?.Remember(article, f.Stamp, diagnostics.Sorted());
        });
        var failed = files.Where((f, i) => articles[i] is null).Select(f => (f.Story, f.Language)).ToHashSet();
        var taxonomy = TaxonomyFile.Load(input, context.Site, context.Diagnostics);
        var authors = AuthorsFile.Load(input, context.Diagnostics);
        return new ContentResult(articles.OfType<Article>().ToList(), assets, failed, taxonomy, authors);
    }

    private sealed record InputFile(string Story, string Language, string Path, string Relative, FileStamp? Stamp);

    private sealed record StoryListing(string Story, List<InputFile> Articles, List<string> Assets);

    /// <summary>One story folder's article files (checked: inside the input, a configured language) and its asset files, by name.</summary>
    private static StoryListing List(DirectoryInfo storyInfo, string input, DateTime listedAt, PipelineContext context)
    {
        var story = storyInfo.Name;
        var articles = new List<InputFile>();
        var assets = new List<string>();
        foreach (var fileInfo in storyInfo.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var name = fileInfo.Name;
            var path = fileInfo.FullName;
            var relative = $"articles/{story}/{name}";
            if (name.StartsWith('.')) continue;
            if (FileLinks.IsSymbolicLink(fileInfo) && !IsInside(input, path, relative, context)) continue;
            if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                if (StoryMedia.Refusal(name) is { } refusal) context.Diagnostics.Warning(refusal, relative);
                else assets.Add(path);
                continue;
            }
            var language = Path.GetFileNameWithoutExtension(name);
            if (context.Site.Language(language) is null)
            {
                context.Diagnostics.Error(
                    $"language '{language}' is not configured in site.yml (configured: {string.Join(", ", context.Site.Languages.Select(l => l.Code))})",
                    relative);
                continue;
            }
            articles.Add(new InputFile(story, language, path, relative, FileStamp.Of(fileInfo, listedAt)));
        }
        return new StoryListing(story, articles, assets);
    }

    private static bool IsInside(string input, string path, string relative, PipelineContext context)
    {
        try { InputPaths.CheckInside(input, path, relative); return true; }
        catch (InputException e) { context.Diagnostics.Error(e.Message, e.File, e.Line); return false; }
    }

    /// <summary>What the progress display shows for this stage.</summary>
    public override string? Summary => HasResult ? $"{Result.Articles.Count} files" : null;
}
