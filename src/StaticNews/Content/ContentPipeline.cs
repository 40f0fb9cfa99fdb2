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
        var listings = context.Session.TakeInputs() is { Trusted: true } snapshot ? Listed(snapshot, input, context) : List(input, context);
        var root = Path.GetFullPath(input);
        // Sized up front: a list of an archive's article files grown by doubling leaves large arrays behind, and each
        // one starts a full collection sooner.
        var files = new List<InputFile>(listings.Sum(listing => listing.Articles.Count));
        var assets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            files.AddRange(listing.Articles);
            // Held all build (each story keeps its own): an array, and one shared empty one for the stories without files.
            assets[listing.Story] = listing.Assets.Count == 0 ? [] : listing.Assets.ToArray();
        }

        var parser = new ArticleParser(context.Site, new MarkdownRenderer(HtmlPolicy.For(context.Site)));
        var renderBody = BodyRenderer(parser, input, context.Session);
        var articles = new Article?[files.Count];
        var cache = context.Session.Articles;
        context.ForEach(files.Count, i =>
        {
            var f = files[i];
            // Warnings of a cached file were recorded with it and are reported again by Reuse. A file with the
            // recorded size and time is not even read; one that was touched is read, and parsed only if its bytes changed.
            var cached = cache?.ReuseUnchanged(f.Relative, f.Stamp, context.Diagnostics, renderBody);
            if (cached is not null)
            {
                articles[i] = cached;
                return;
            }
            var bytes = SourceText.ReadBytes(Path.Join(root, f.Relative), f.Relative);
            var hash = Publish.Fingerprint.Of(bytes);
            cached = cache?.Reuse(f.Relative, hash, f.Stamp, context.Diagnostics, renderBody);
            if (cached is not null)
            {
                articles[i] = cached;
                return;
            }
            var diagnostics = new DiagnosticBag(context.Diagnostics);
            var article = parser.Parse(SourceText.Decode(bytes, f.Relative, diagnostics), f.Story, f.Language, f.Relative, diagnostics);
            if (article is null) return;
            articles[i] = article = (article with { ContentHash = hash }).DeferBody(renderBody);
            if (!diagnostics.HasErrors) cache?.Remember(article, f.Stamp, diagnostics.Sorted());
        });
        cache?.LetGoOfPrevious();
        if (context.Session.State is { } state) cache?.SaveIfNew(state);
        var failed = files.Where((f, i) => articles[i] is null).Select(f => (f.Story, f.Language)).ToHashSet();
        var taxonomy = TaxonomyFile.Load(input, context.Site, context.Diagnostics);
        var authors = AuthorsFile.Load(input, context.Diagnostics);
        // Sized up front, as the files are.
        var parsed = new List<Article>(articles.Length);
        foreach (var article in articles)
            if (article is not null) parsed.Add(article);
        return new ContentResult(parsed, assets, failed, taxonomy, authors);
    }

    /// <summary>An article file of the listing (its absolute path made only if it has to be read: most are found unchanged by their stamp).</summary>
    private readonly record struct InputFile(string Story, string Language, string Relative, FileStamp? Stamp);

    private sealed record StoryListing(string Story, List<InputFile> Articles, List<string> Assets);

    /// <summary>
    /// Renders a body from its file when a page or feed asks for it, and keeps it a while (see <see cref="RecentBodies"/>).
    /// Pages and feeds, which ask for bodies, run after the Images stage: Markdown images of the story's files become
    /// pictures. One renderer for every article, made apart from the listing: a closure per file would keep the whole
    /// listing alive as long as the articles.
    /// </summary>
    private static Func<Article, Uri, RenderedBody> BodyRenderer(ArticleParser parser, string input, BuildSession session)
    {
        var root = Path.GetFullPath(input);
        var bodies = new RecentBodies(RecentBodies.DefaultBudgetChars);
        return (article, pageUrl) => bodies.GetOrRender(article.SourcePath, () => parser.RenderBody(
            SourceText.Read(Path.Join(root, article.SourcePath), article.SourcePath, new DiagnosticBag()), article.SourcePath, pageUrl,
            session.Images?.ForStory(article.StoryKey)));
    }

    /// <summary>
    /// The story folders under articles/, in name order, from the build's listing of the input folder. It is trusted:
    /// it holds no symbolic link, so every file in it is inside the input; a file too new to stamp has none, and is read.
    /// </summary>
    private static List<StoryListing> Listed(InputSnapshot snapshot, string input, PipelineContext context)
    {
        const string articles = "articles/";
        var root = Path.GetFullPath(input);
        var listings = new List<StoryListing>();
        foreach (var (relative, stamp) in snapshot.Files)
        {
            if (!relative.StartsWith(articles, StringComparison.Ordinal)) continue;
            var slash = relative.IndexOf('/', articles.Length);
            // A file in articles/ itself, or in a folder inside a story's folder, is no story's file (as when the folders are listed).
            if (slash < 0 || relative.IndexOf('/', slash + 1) >= 0) continue;
            var name = relative.AsSpan(slash + 1);
            if (relative[articles.Length] == '.' || name.StartsWith('.')) continue;
            // A story's files are together in the snapshot's order: they share their folder's path.
            if (listings.Count == 0 || !relative.AsSpan(articles.Length, slash - articles.Length).SequenceEqual(listings[^1].Story))
                listings.Add(new StoryListing(relative[articles.Length..slash], new(context.Site.Languages.Count), []));
            Sort(listings[^1], name, root, relative, stamp, context);
        }
        // By name, as the folders are listed ("a-b/" comes before "a/" in the snapshot's order of paths).
        listings.Sort((a, b) => string.CompareOrdinal(a.Story, b.Story));
        return listings;
    }

    /// <summary>The story folders under articles/ (checked: inside the input), in name order, each listed.</summary>
    private static IReadOnlyList<StoryListing> List(string input, PipelineContext context)
    {
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
        var root = Path.GetFullPath(input);
        context.ForEach(stories.Count, i => listings[i] = List(stories[i], input, root, listedAt, context));
        return listings.OfType<StoryListing>().ToList();
    }

    /// <summary>One story folder's article files and its asset files, by name.</summary>
    private static StoryListing List(DirectoryInfo storyInfo, string input, string root, DateTime listedAt, PipelineContext context)
    {
        var listing = new StoryListing(storyInfo.Name, [], []);
        foreach (var fileInfo in storyInfo.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var name = fileInfo.Name;
            var relative = $"articles/{listing.Story}/{name}";
            if (name.StartsWith('.')) continue;
            var isLink = FileLinks.IsSymbolicLink(fileInfo);
            if (isLink && !IsInside(input, fileInfo.FullName, relative, context)) continue;
            // Only this listing meets pipes and devices: the build's own listing of the input is not used where it holds one.
            if (InputPaths.NotAFile(isLink ? FileLinks.RealPath(fileInfo.FullName) ?? fileInfo.FullName : fileInfo.FullName, relative) is { } refusal)
            {
                context.Diagnostics.Error(refusal, relative);
                continue;
            }
            Sort(listing, name, root, relative, FileStamp.Of(fileInfo, listedAt), context);
        }
        return listing;
    }

    /// <summary>
    /// Adds a file of a story folder to its listing: an article (checked: a configured language) or an asset. Only an
    /// asset is held by its full path (<paramref name="root"/> is the input folder's): an article's is made if it is
    /// read, and in an incremental build most are not.
    /// </summary>
    private static void Sort(StoryListing listing, ReadOnlySpan<char> name, string root, string relative, FileStamp? stamp, PipelineContext context)
    {
        if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            if (StoryMedia.Refusal(name.ToString()) is { } refusal) context.Diagnostics.Warning(refusal, relative);
            else listing.Assets.Add(Path.Join(root, relative));
            return;
        }
        var language = Path.GetFileNameWithoutExtension(name);
        if (context.Site.Language(language) is not { } configured)
        {
            context.Diagnostics.Error(
                $"language '{language}' is not configured in site.yml (configured: {string.Join(", ", context.Site.Languages.Select(l => l.Code))})",
                relative);
            return;
        }
        listing.Articles.Add(new InputFile(listing.Story, configured.Code, relative, stamp));
    }

    private static bool IsInside(string input, string path, string relative, PipelineContext context)
    {
        try { InputPaths.CheckInside(input, path, relative); return true; }
        catch (InputException e) { context.Diagnostics.Error(e.Message, e.File, e.Line); return false; }
    }

    /// <summary>What the progress display shows for this stage.</summary>
    public override string? Summary => HasResult ? $"{Result.Articles.Count} files" : null;
}
