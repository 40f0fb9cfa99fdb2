using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>All stories, and per language the versions newest first, by category and by tag; and what names them.</summary>
public sealed class StoryIndex
{
    public StoryIndex(IReadOnlyList<Story> stories, SiteConfig site, Taxonomy taxonomy, Authors authors)
    {
        Stories = stories;
        Taxonomy = taxonomy;
        Authors = authors;
        // Plain loops: this runs on one thread between reading the input and rendering, over every version of the site.
        var byLanguage = site.Languages.ToDictionary(l => l.Code, _ => new List<StoryVersion>(stories.Count));
        var versions = new List<StoryVersion>(stories.Count * site.Languages.Count);
        foreach (var story in stories)
            foreach (var version in story.Versions)
            {
                _positions[version] = versions.Count;
                versions.Add(version);
                byLanguage[version.Language.Code].Add(version);
            }
        Versions = versions;
        ByLanguage = byLanguage.ToDictionary(e => e.Key, e => (IReadOnlyList<StoryVersion>)e.Value);
        ByCategory = ByLanguage.ToDictionary(e => e.Key, e => Group(e.Value.Where(v => v.Category is not null).Select(v => (v.Category!, v))));
        ByTag = ByLanguage.ToDictionary(e => e.Key, e => Group(e.Value.SelectMany(v => v.Tags.Select(t => (t, v)))));
        ByAuthor = ByLanguage.ToDictionary(e => e.Key, e => Group(e.Value.SelectMany(v => Credited(v).Select(a => (a.Key, v)))));
    }

    /// <summary>The authors of authors.yml a version credits, as a byline or its translator, each once.</summary>
    private static IEnumerable<Content.Author> Credited(StoryVersion version) =>
        version.Bylines.Append(version.Translator).Select(b => b?.Author).OfType<Content.Author>().Distinct();

    /// <summary>Stories, newest first (ties broken by key, so the order is stable).</summary>
    public IReadOnlyList<Story> Stories { get; }

    /// <summary>The categories and tags in use, with their names and URLs per language.</summary>
    public Taxonomy Taxonomy { get; }

    /// <summary>The authors of authors.yml.</summary>
    public Authors Authors { get; }

    /// <summary>Every version, story after story in <see cref="Stories"/>' order: the order story pages are rendered in.</summary>
    public IReadOnlyList<StoryVersion> Versions { get; }

    /// <summary>Where <paramref name="version"/> is in <see cref="Versions"/>.</summary>
    public int PositionOf(StoryVersion version) => _positions[version];

    private readonly Dictionary<StoryVersion, int> _positions = [];

    public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByLanguage { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByCategory { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByTag { get; }
    /// <summary>Per language, each author's versions (bylines and translations), by author key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByAuthor { get; }

    /// <summary>The versions under each key, in their order; keys in ordinal order (the order listings and sitemaps follow).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> Group(IEnumerable<(string Key, StoryVersion Version)> pairs)
    {
        var groups = new Dictionary<string, List<StoryVersion>>(StringComparer.Ordinal);
        foreach (var (key, version) in pairs)
        {
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add(version);
        }
        var sorted = new Dictionary<string, IReadOnlyList<StoryVersion>>(groups.Count, StringComparer.Ordinal);
        foreach (var key in groups.Keys.Order(StringComparer.Ordinal)) sorted[key] = groups[key];
        return sorted;
    }
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
        var stories = new List<Story>();
        var authors = new Authors(content.Authors);
        foreach (var group in content.Articles.GroupBy(a => a.StoryKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Its original failed to parse (already reported): nothing more to say about this story.
            if (content.Failed.Contains((group.Key, site.DefaultLanguage))) continue;
            var story = Build(group.Key, group.ToList(), content.StoryAssets.GetValueOrDefault(group.Key) ?? [], authors, context);
            if (story is not null) stories.Add(story);
        }
        CheckUniqueUrls(stories, context.Diagnostics);
        if (stories.Count == 0 && content.Failed.Count == 0 && !context.Diagnostics.HasErrors)
            context.Diagnostics.Error(content.Articles.Count == 0
                ? "no stories to publish: articles/ has no story files (add articles/<story>/<lang>.md); an empty site would replace the published one, so nothing was written"
                : $"no stories to publish: all {content.Articles.Count} article files are drafts or dated in the future (use --drafts or --future to build them); an empty site would replace the published one, so nothing was written",
                "articles/");
        stories.Sort((a, b) => b.Date.CompareTo(a.Date) is var c && c != 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        return new StoryIndex(stories, site, Taxonomy.Build(stories, content.Taxonomy, site, context.Diagnostics), authors);
    }

    public override string? Summary => HasResult ? $"{Result.Stories.Count} stories, {Result.Stories.Sum(st => st.Versions.Count)} versions" : null;

    private static Story? Build(string key, List<Article> articles, IReadOnlyList<string> assets, Authors authors, PipelineContext context)
    {
        var site = context.Site;
        var options = context.Options;
        var original = articles.FirstOrDefault(a => a.Language == site.DefaultLanguage);
        if (original is null)
        {
            context.Diagnostics.Error(
                $"story '{key}' has no original: add {site.DefaultLanguage}.md (the site's defaultLanguage) beside {string.Join(", ", articles.Select(a => a.Language + ".md"))}",
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

        if (articles.FirstOrDefault(a => a.Slug is null) is { } unslugged && ArticleParser.SlugProblem(key) is { } problem)
        {
            context.Diagnostics.Error(
                $"the story folder name '{key}' {problem}; it would be the URL slug of {unslugged.SourcePath}: rename the folder, or set 'slug' in every version",
                $"articles/{key}/");
            return null;
        }

        var ordered = site.Languages
            .Select(l => articles.FirstOrDefault(a => a.Language == l.Code))
            .OfType<Article>()
            .Where(a => ReferenceEquals(a, original) || options.IncludeDrafts || !a.Draft)
            .ToList();

        // Resolved once per file that gives them (translations inherit the original's; a warning is said once).
        Byline[] Bylines(Article article) => (article.Authors ?? []).Select(text => authors.Resolve(text, article.SourcePath, context.Diagnostics)).ToArray();
        var originalBylines = Bylines(original);
        var originalTags = Taxonomy.Identities(original.Tags);
        return new Story(key, assets, story => ordered.Select(article =>
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
                Updated = article.Updated,
                Category = article.Category ?? original.Category,
                Tags = article.Tags is null ? originalTags : Taxonomy.Identities(article.Tags),
                Image = article.Image ?? original.Image,
                // What is said of the image belongs to the image: a version that sets its own image inherits none of it.
                ImageAlt = article.Image is null ? article.ImageAlt ?? original.ImageAlt : article.ImageAlt,
                ImageCaption = article.Image is null ? article.ImageCaption ?? original.ImageCaption : article.ImageCaption,
                ImageCredit = article.Image is null ? article.ImageCredit ?? original.ImageCredit : article.ImageCredit,
                ImageFocus = article.Image is null ? article.ImageFocus ?? original.ImageFocus : article.ImageFocus,
                Bylines = ReferenceEquals(article, original) || article.Authors is null ? originalBylines : Bylines(article),
                Translator = article.Translator is { } translator ? authors.Resolve(translator, article.SourcePath, context.Diagnostics) : null,
                Url = Permalinks.Story(site, language.Code, article.Slug ?? key, date),
                Summary = article.Summary ?? article.BodySummary,
                Staleness = TranslationFreshness.Of(original, article, kind),
                IsIndexed = kind != TranslationKind.Machine || article.Reviewed || site.Translation.IndexUnreviewed,
            };
        }).ToList());
    }

    private static void CheckUniqueUrls(List<Story> stories, DiagnosticBag diagnostics)
    {
        var claimed = new Dictionary<string, StoryVersion>(stories.Sum(s => s.Versions.Count), StringComparer.OrdinalIgnoreCase);
        foreach (var version in stories.SelectMany(s => s.Versions))
        {
            if (claimed.TryGetValue(version.Url, out var first))
                diagnostics.Error($"two documents claim the URL {version.Url}: this one and {first.Article.SourcePath} (set a different 'slug')", version.Article.SourcePath);
            else
                claimed[version.Url] = version;
        }
    }
}
