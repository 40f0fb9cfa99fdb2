using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>
/// Groups articles into stories: finds the original, resolves what translations inherit, decides
/// what is published (drafts, future dates) and gives every version its URL, checking that no two
/// documents claim one.
/// </summary>
public sealed class StoriesPipeline : Pipeline<StoryIndex>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(ContentPipeline)];

    protected override StoryIndex Execute(PipelineContext context)
    {
        var content = context.ResultOf<ContentPipeline, ContentResult>();
        var site = context.Site;
        // Stories a preview made in its last build are taken up where their folders are unchanged, with the authors and
        // tag identities they were made with: only when nothing outside the story folders changed (authors.yml among it).
        var changes = context.Session.StoryChanges;
        var held = changes is null ? null : context.Session.HeldStories;
        var authors = held?.Authors ?? new Authors(content.Authors);
        // The content stage lists story folders in name order, so a story's files come together: each run of one
        // story key is a story (sorted here only if they came otherwise, keeping each story's files in their order).
        var articles = IsGroupedByStory(content.Articles) ? content.Articles : [.. content.Articles.OrderBy(a => a.StoryKey, StringComparer.Ordinal)];
        var runs = new List<(int Start, int End)>();
        for (var start = 0; start < articles.Count;)
        {
            var end = start + 1;
            while (end < articles.Count && articles[end].StoryKey == articles[start].StoryKey) end++;
            runs.Add((start, end));
            start = end;
        }
        // A story is made from its own files alone, so the stories are made on all cores: in a large archive this stage
        // stands between reading the input and rendering, every build.
        var identities = held?.Identities ?? new TagIdentities();
        // Each story's warnings, kept for a process that holds the stories (said again when a later build takes one up).
        var warnings = context.Options.HeldStories is null ? null : new System.Collections.Concurrent.ConcurrentDictionary<string, Diagnostic[]>(StringComparer.Ordinal);
        var built = context.Map(runs, run => articles[run.Start].StoryKey is var key
            // Its original failed to parse (already reported): nothing more to say about this story.
            && !content.Failed.Contains((key, site.DefaultLanguage))
            ? TakenUp(key, run.Start, run.End) ?? Make(key, run.Start, run.End) : null);
        var stories = new List<Story>(built.Length);
        foreach (var story in built) if (story is not null) stories.Add(story);
        if (stories.Count == 0 && content.Failed.Count == 0 && !context.Diagnostics.HasErrors)
            context.Diagnostics.Error(content.Articles.Count == 0
                ? "no stories to publish: articles/ has no story files (add articles/<story>/<lang>.md); an empty site would replace the published one, so nothing was written"
                : $"no stories to publish: all {content.Articles.Count} article files are drafts or dated in the future (use --drafts or --future to build them); an empty site would replace the published one, so nothing was written",
                "articles/");
        stories.Sort((a, b) => b.Date.CompareTo(a.Date) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        // Side by side: each only reads the stories (the check in the order of their keys, as they were made).
        StoryIndex index = null!;
        var parallelism = context.Session.Options.Parallelism;
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            () => CheckUniqueUrls(built, context.Diagnostics),
            () => index = new StoryIndex(stories, site, () => Taxonomy.Build(stories, content.Taxonomy, site, context.Diagnostics, identities), authors, parallelism));
        if (context.Options.HeldStories is not null)
        {
            var byKey = new Dictionary<string, Story>(stories.Count, StringComparer.Ordinal);
            foreach (var story in stories) byKey[story.Key] = story;
            Made = new MadeStories(context.Session.Key, site, authors, identities, byKey, warnings!);
        }
        return index;

        Story? TakenUp(string key, int start, int end)
        {
            if (held is null || !changes!.IsUnchanged(key)) return null;
            var story = held.Made(key, articles, start, end, out var said);
            // Made while it was due; still due unless the clock went back.
            if (story is null || !IsDue(story.Date, context)) return null;
            foreach (var warning in said) context.Diagnostics.Add(warning);
            if (said.Length > 0) warnings![key] = said;
            return story;
        }

        Story? Make(string key, int start, int end)
        {
            var diagnostics = warnings is null ? context.Diagnostics : new DiagnosticBag(context.Diagnostics);
            var story = Build(key, articles, start, end, content.StoryAssets.GetValueOrDefault(key) ?? [], authors, identities, diagnostics, context);
            if (story is not null && warnings is not null && diagnostics.Sorted() is { Count: > 0 } said) warnings[key] = [.. said];
            return story;
        }
    }

    /// <summary>The stories this build made, for the next build of a process that holds them (null unless the options ask for it: see <see cref="HeldStories"/>).</summary>
    public MadeStories? Made { get; private set; }

    public override string? Summary => HasResult ? $"{Result.Stories.Count} stories, {Result.Stories.Sum(st => st.Versions.Count)} versions" : null;

    /// <summary>True if every story's files are together and the stories in ordinal order of their keys.</summary>
    private static bool IsGroupedByStory(IReadOnlyList<Article> articles)
    {
        for (var i = 1; i < articles.Count; i++)
            if (string.CompareOrdinal(articles[i - 1].StoryKey, articles[i].StoryKey) > 0) return false;
        return true;
    }

    /// <summary>The story of <paramref name="key"/> from its files, <paramref name="articles"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    private static Story? Build(string key, IReadOnlyList<Article> articles, int start, int end, IReadOnlyList<string> assets, Authors authors,
        TagIdentities identities, DiagnosticBag diagnostics, PipelineContext context)
    {
        var site = context.Site;
        var options = context.Options;
        // The first file in each language, in the site's language order.
        Article? InLanguage(string language)
        {
            for (var i = start; i < end; i++)
                if (articles[i].Language == language) return articles[i];
            return null;
        }
        var original = InLanguage(site.DefaultLanguage);
        if (original is null)
        {
            var files = new List<string>(end - start);
            for (var i = start; i < end; i++) files.Add(articles[i].Language + ".md");
            diagnostics.Error(
                $"story '{key}' has no original: add {site.DefaultLanguage}.md (the site's defaultLanguage) beside {string.Join(", ", files)}",
                $"articles/{key}/");
            return null;
        }
        if (original.Translation is TranslationKind.Human or TranslationKind.Machine)
            diagnostics.Warning($"the original ({site.DefaultLanguage}) cannot be a translation; 'translation: {original.Translation.ToString()!.ToLowerInvariant()}' is ignored", original.SourcePath);
        if (original.Date is null)
        {
            diagnostics.Error("date is required on the original (ISO 8601, e.g. 2026-11-27T09:30:00+07:00)", original.SourcePath, 2);
            return null;
        }
        if (original.Draft && !options.IncludeDrafts) return null;
        if (!IsDue(original.Date.Value, context)) return null;

        Article? unslugged = null;
        for (var i = start; i < end && unslugged is null; i++)
            if (articles[i].Slug is null) unslugged = articles[i];
        if (unslugged is not null && ArticleParser.SlugProblem(key) is { } problem)
        {
            diagnostics.Error(
                $"the story folder name '{key}' {problem}; it would be the URL slug of {unslugged.SourcePath}: rename the folder, or set 'slug' in every version",
                $"articles/{key}/");
            return null;
        }

        var ordered = new List<Article>(end - start);
        foreach (var language in site.Languages)
            if (InLanguage(language.Code) is { } article && (ReferenceEquals(article, original) || options.IncludeDrafts || !article.Draft))
                ordered.Add(article);

        // Resolved once per file that gives them (translations inherit the original's; a warning is said once).
        Byline[] Bylines(Article article)
        {
            var bylines = new Byline[article.Authors?.Count ?? 0];
            for (var i = 0; i < bylines.Length; i++) bylines[i] = authors.Resolve(article.Authors![i], article.SourcePath, diagnostics);
            return bylines;
        }
        var originalBylines = Bylines(original);
        var originalTags = identities.Of(original.Tags);
        return new Story(key, assets, story =>
        {
            var versions = new StoryVersion[ordered.Count];
            for (var i = 0; i < versions.Length; i++) versions[i] = Version(story, ordered[i]);
            return versions;
        });

        StoryVersion Version(Story story, Article article)
        {
            var isOriginal = ReferenceEquals(article, original);
            var kind = isOriginal ? TranslationKind.Original
                : article.Translation is TranslationKind.Human or TranslationKind.Machine ? article.Translation.Value
                : site.DefaultTranslation;
            if (!isOriginal && article.Translation is TranslationKind.Original)
                diagnostics.Warning($"only the {site.DefaultLanguage} version is the original; treating this one as a {kind.ToString().ToLowerInvariant()} translation", article.SourcePath);
            var date = article.Date ?? original.Date!.Value;
            var language = site.Language(article.Language)!;
            return new StoryVersion
            {
                Story = story,
                Article = article,
                Language = language,
                Kind = kind,
                Date = date,
                // A translation that repeats the original's tags shares its identities.
                Tags = article.Tags is null || SameTexts(article.Tags, original.Tags) ? originalTags : identities.Of(article.Tags),
                Bylines = isOriginal || article.Authors is null ? originalBylines : Bylines(article) is var own && SameBylines(own, originalBylines) ? originalBylines : own,
                Translator = article.Translator is { } translator ? authors.Resolve(translator, article.SourcePath, diagnostics) : null,
                Url = Permalinks.Story(site, language.Code, article.Slug ?? key, date),
                Staleness = TranslationFreshness.Of(original, article, kind),
                IsIndexed = kind != TranslationKind.Machine || article.Reviewed || site.Translation.IndexUnreviewed,
            };
        }
    }

    /// <summary>True if a story dated <paramref name="date"/> is published now (or the build publishes stories dated in the future).</summary>
    private static bool IsDue(DateTimeOffset date, PipelineContext context) => date <= context.Session.Clock.Now || context.Options.IncludeFuture;

    // A translation that repeats the original's bylines shares its array (each byline is already one per text: see Authors).
    private static bool SameBylines(Byline[] a, Byline[] b) => a.AsSpan().SequenceEqual(b);

    private static bool SameTexts(IReadOnlyList<string> a, IReadOnlyList<string>? b)
    {
        if (b is null || a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }

    private static void CheckUniqueUrls(Story?[] stories, DiagnosticBag diagnostics)
    {
        var count = 0;
        foreach (var story in stories) count += story?.Versions.Count ?? 0;
        var claimed = new Dictionary<string, StoryVersion>(count, StringComparer.OrdinalIgnoreCase);
        foreach (var story in stories)
            foreach (var version in story?.Versions ?? [])
                if (!claimed.TryAdd(version.Url, version))
                    diagnostics.Error($"two documents claim the URL {version.Url}: this one and {claimed[version.Url].Article.SourcePath} (set a different 'slug')", version.Article.SourcePath);
    }
}
