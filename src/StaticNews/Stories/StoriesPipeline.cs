using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>All stories, and per language the versions newest first, by category and by tag; and what names them.</summary>
public sealed class StoryIndex
{
    /// <param name="parallelism">How many languages' groups are made at once (the build's parallelism).</param>
    public StoryIndex(IReadOnlyList<Story> stories, SiteConfig site, Taxonomy taxonomy, Authors authors, int parallelism)
    {
        Stories = stories;
        Taxonomy = taxonomy;
        Authors = authors;
        // Plain loops: this runs between reading the input and rendering, over every version of the site. Each
        // language's groups are made on a core of their own, from its versions alone.
        var byLanguage = new Dictionary<string, List<StoryVersion>>(site.Languages.Count, StringComparer.Ordinal);
        foreach (var language in site.Languages) byLanguage[language.Code] = new List<StoryVersion>(stories.Count);
        var versionCount = 0;
        foreach (var story in stories) versionCount += story.Versions.Count;
        var versions = new StoryVersion[versionCount];
        var position = 0;
        foreach (var story in stories)
            foreach (var version in story.Versions)
            {
                version.Position = position;
                versions[position++] = version;
                byLanguage[version.Language.Code].Add(version);
            }
        Versions = versions;
        ByLanguage = byLanguage.ToDictionary(e => e.Key, e => (IReadOnlyList<StoryVersion>)e.Value);
        var groups = new (string Language, Groups Groups)[site.Languages.Count];
        Parallel.For(0, groups.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => groups[i] = (site.Languages[i].Code, new Groups(byLanguage[site.Languages[i].Code])));
        ByCategory = groups.ToDictionary(e => e.Language, e => e.Groups.ByCategory);
        ByTag = groups.ToDictionary(e => e.Language, e => e.Groups.ByTag);
        ByAuthor = groups.ToDictionary(e => e.Language, e => e.Groups.ByAuthor);
    }

    /// <summary>One language's versions by category, by tag and by author, in the order given (newest first).</summary>
    private sealed class Groups
    {
        public Groups(List<StoryVersion> versions)
        {
            var byCategory = new Dictionary<string, List<StoryVersion>>(StringComparer.Ordinal);
            var byTag = new Dictionary<string, List<StoryVersion>>(StringComparer.Ordinal);
            var byAuthor = new Dictionary<string, List<StoryVersion>>(StringComparer.Ordinal);
            var credited = new List<Content.Author>();
            foreach (var version in versions)
            {
                if (version.Category is { } category) Add(byCategory, category, version);
                foreach (var tag in version.Tags) Add(byTag, tag, version);
                // The authors of authors.yml it credits, as a byline or its translator, each once.
                credited.Clear();
                foreach (var byline in version.Bylines)
                    if (byline.Author is { } author && !credited.Contains(author)) credited.Add(author);
                if (version.Translator?.Author is { } translator && !credited.Contains(translator)) credited.Add(translator);
                foreach (var author in credited) Add(byAuthor, author.Key, version);
            }
            ByCategory = Sorted(byCategory);
            ByTag = Sorted(byTag);
            ByAuthor = Sorted(byAuthor);
        }

        public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByCategory { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByTag { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByAuthor { get; }
    }

    private static void Add(Dictionary<string, List<StoryVersion>> groups, string key, StoryVersion version)
    {
        if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
        group.Add(version);
    }

    /// <summary>
    /// The groups with their keys in ordinal order (the order listings and sitemaps follow), each an array of its
    /// length: held all build, a list grown by doubling would hold up to as much again.
    /// </summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> Sorted(Dictionary<string, List<StoryVersion>> groups)
    {
        var keys = groups.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new Dictionary<string, IReadOnlyList<StoryVersion>>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys) sorted[key] = groups[key].ToArray();
        return sorted;
    }

    /// <summary>Stories, newest first (ties broken by key, so the order is stable).</summary>
    public IReadOnlyList<Story> Stories { get; }

    /// <summary>The categories and tags in use, with their names and URLs per language.</summary>
    public Taxonomy Taxonomy { get; }

    /// <summary>The authors of authors.yml.</summary>
    public Authors Authors { get; }

    /// <summary>Every version, story after story in <see cref="Stories"/>' order: the order story pages are rendered in.</summary>
    public IReadOnlyList<StoryVersion> Versions { get; }

    /// <summary>Where <paramref name="version"/> is in <see cref="Versions"/>.</summary>
    public int PositionOf(StoryVersion version) =>
        (uint)version.Position < (uint)Versions.Count && ReferenceEquals(Versions[version.Position], version) ? version.Position
        : throw new KeyNotFoundException($"{version.Url} is not a version of this index");

    public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByLanguage { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByCategory { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByTag { get; }
    /// <summary>Per language, each author's versions (bylines and translations), by author key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByAuthor { get; }

}

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
        var authors = new Authors(content.Authors);
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
        var identities = new TagIdentities();
        var built = context.Map(runs, run => articles[run.Start].StoryKey is var key
            // Its original failed to parse (already reported): nothing more to say about this story.
            && !content.Failed.Contains((key, site.DefaultLanguage))
            ? Build(key, articles, run.Start, run.End, content.StoryAssets.GetValueOrDefault(key) ?? [], authors, identities, context) : null);
        var stories = new List<Story>(built.Length);
        foreach (var story in built) if (story is not null) stories.Add(story);
        if (stories.Count == 0 && content.Failed.Count == 0 && !context.Diagnostics.HasErrors)
            context.Diagnostics.Error(content.Articles.Count == 0
                ? "no stories to publish: articles/ has no story files (add articles/<story>/<lang>.md); an empty site would replace the published one, so nothing was written"
                : $"no stories to publish: all {content.Articles.Count} article files are drafts or dated in the future (use --drafts or --future to build them); an empty site would replace the published one, so nothing was written",
                "articles/");
        stories.Sort((a, b) => b.Date.CompareTo(a.Date) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        // Side by side: each only reads the stories (the check in the order of their keys, as they were made).
        Taxonomy taxonomy = null!;
        var parallelism = context.Session.Options.Parallelism;
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            () => CheckUniqueUrls(built, context.Diagnostics),
            () => taxonomy = Taxonomy.Build(stories, content.Taxonomy, site, context.Diagnostics, identities));
        return new StoryIndex(stories, site, taxonomy, authors, parallelism);
    }

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
        TagIdentities identities, PipelineContext context)
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
            context.Diagnostics.Error(
                $"story '{key}' has no original: add {site.DefaultLanguage}.md (the site's defaultLanguage) beside {string.Join(", ", files)}",
                $"articles/{key}/");
            return null;
        }
        if (original.Translation is TranslationKind.Human or TranslationKind.Machine)
            context.Diagnostics.Warning($"the original ({site.DefaultLanguage}) cannot be a translation; 'translation: {original.Translation.ToString()!.ToLowerInvariant()}' is ignored", original.SourcePath);
        if (original.Date is null)
        {
            context.Diagnostics.Error("date is required on the original (ISO 8601, e.g. 2026-11-27T09:30:00+07:00)", original.SourcePath, 2);
            return null;
        }
        if (original.Draft && !options.IncludeDrafts) return null;
        if (original.Date > context.Session.Clock.Now && !options.IncludeFuture) return null;

        Article? unslugged = null;
        for (var i = start; i < end && unslugged is null; i++)
            if (articles[i].Slug is null) unslugged = articles[i];
        if (unslugged is not null && ArticleParser.SlugProblem(key) is { } problem)
        {
            context.Diagnostics.Error(
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
            for (var i = 0; i < bylines.Length; i++) bylines[i] = authors.Resolve(article.Authors![i], article.SourcePath, context.Diagnostics);
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
                context.Diagnostics.Warning($"only the {site.DefaultLanguage} version is the original; treating this one as a {kind.ToString().ToLowerInvariant()} translation", article.SourcePath);
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
                Translator = article.Translator is { } translator ? authors.Resolve(translator, article.SourcePath, context.Diagnostics) : null,
                Url = Permalinks.Story(site, language.Code, article.Slug ?? key, date),
                Staleness = TranslationFreshness.Of(original, article, kind),
                IsIndexed = kind != TranslationKind.Machine || article.Reviewed || site.Translation.IndexUnreviewed,
            };
        }
    }

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
