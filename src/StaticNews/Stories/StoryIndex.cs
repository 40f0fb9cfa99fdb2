using StaticNews.Configuration;

namespace StaticNews.Stories;

/// <summary>All stories, and per language the versions newest first, by category and by tag; and what names them.</summary>
public sealed class StoryIndex
{
    /// <param name="taxonomy">Builds the taxonomy: beside the groups, as both only read the stories.</param>
    /// <param name="parallelism">How many languages' groups (and the taxonomy) are made at once (the build's parallelism).</param>
    public StoryIndex(IReadOnlyList<Story> stories, SiteConfig site, Func<Taxonomy> taxonomy, Authors authors, int parallelism)
    {
        Stories = stories;
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
        _versions = versions;
        ByLanguage = byLanguage.ToDictionary(e => e.Key, e => (IReadOnlyList<StoryVersion>)e.Value);
        var groups = new (string Language, Groups Groups)[site.Languages.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Taxonomy built = null!;
        Parallel.Invoke(options,
            () => built = taxonomy(),
            () => Parallel.For(0, groups.Length, options, i => groups[i] = (site.Languages[i].Code, new Groups(byLanguage[site.Languages[i].Code]))));
        Taxonomy = built;
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
    public IReadOnlyList<StoryVersion> Versions => _versions;
    // The array itself: PositionOf is asked for every card of every listing and every entry of every feed.
    private readonly StoryVersion[] _versions;

    /// <summary>Where <paramref name="version"/> is in <see cref="Versions"/>.</summary>
    public int PositionOf(StoryVersion version) =>
        (uint)version.Position < (uint)_versions.Length && ReferenceEquals(_versions[version.Position], version) ? version.Position
        : throw new KeyNotFoundException($"{version.Url} is not a version of this index");

    public IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>> ByLanguage { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByCategory { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByTag { get; }
    /// <summary>Per language, each author's versions (bylines and translations), by author key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> ByAuthor { get; }

}
