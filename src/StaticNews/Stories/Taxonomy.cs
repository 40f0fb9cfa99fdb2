using System.Runtime.InteropServices;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>
/// Every category and tag the published stories use, with their names and URL segments per language. A tag is named,
/// in each language: by taxonomy.yml's label; else by what that language's translations call it in their front
/// matter (the most used name); else by the text the original gives it (its most used spelling). A category by
/// taxonomy.yml's label, else its key. The theme's i18n files hold no names of categories or tags.
/// </summary>
public sealed class Taxonomy
{
    private Taxonomy(IReadOnlyDictionary<string, Term> categories, IReadOnlyDictionary<string, Term> tags, TaxonomyFile file)
    {
        Categories = categories;
        Tags = tags;
        File = file;
    }

    /// <summary>The categories in use, by key.</summary>
    public IReadOnlyDictionary<string, Term> Categories { get; }
    /// <summary>The tags in use, by identity slug.</summary>
    public IReadOnlyDictionary<string, Term> Tags { get; }
    /// <summary>taxonomy.yml as written (for `check`).</summary>
    public TaxonomyFile File { get; }

    public Term Category(string key) => Categories[key];
    public Term Tag(string key) => Tags[key];

    /// <summary>The listing of category <paramref name="key"/> in <paramref name="language"/>.</summary>
    public string CategoryUrl(string language, string key) => Permalinks.Category(language, Category(key).Segment(language));
    /// <summary>The listing of tag <paramref name="key"/> in <paramref name="language"/>.</summary>
    public string TagUrl(string language, string key) => Permalinks.Tag(language, Tag(key).Segment(language));

    public static Taxonomy Build(IReadOnlyList<Story> stories, TaxonomyFile file, SiteConfig site, DiagnosticBag diagnostics, TagIdentities? identities = null)
    {
        identities ??= new TagIdentities();
        // Per tag identity: how often each (language, text) spells it, and how often each (language, name) names it.
        var spellings = new Dictionary<string, Dictionary<(string Language, string Text), int>>(StringComparer.Ordinal);
        var names = new Dictionary<string, Dictionary<(string Language, string Text), int>>(StringComparer.Ordinal);
        var categories = new HashSet<string>(StringComparer.Ordinal);
        static void Count(Dictionary<string, Dictionary<(string, string), int>> counts, string key, string language, string text, int times = 1)
        {
            if (!counts.TryGetValue(key, out var byText)) counts[key] = byText = [];
            byText[(language, text)] = byText.GetValueOrDefault((language, text)) + times;
        }
        // How many versions of each language give each list of tags: articles share each distinct list (see
        // Content.RecurringLists), so most versions are one look by reference here, not one per tag. Spelled out below, in
        // the order first given, so each tag's spellings are met in the order the versions give them (a tie goes to the first).
        var tagLists = new Dictionary<(string Language, IReadOnlyList<string> Texts), int>(TagListComparer.Instance);

        foreach (var story in stories)
            foreach (var version in story.Versions)
            {
                var article = version.Article;
                if (version.Category is { } category)
                {
                    categories.Add(category);
                    if (article.Category is not null && file.Categories is { } curated && !curated.ContainsKey(category))
                        diagnostics.Warning($"category '{category}' is not one of taxonomy.yml's categories ({string.Join(", ", curated.Keys)}): add it there, or use one of them", article.SourcePath);
                }
                if (article.Tags is { Count: > 0 } texts) CollectionsMarshal.GetValueRefOrAddDefault(tagLists, (version.Language.Code, texts), out _)++;
                foreach (var name in article.TagNames ?? [])
                {
                    var key = identities.Of(name.Tag);
                    if (story.Original.Tags.Contains(key)) Count(names, key, version.Language.Code, name.Name);
                    else diagnostics.Warning(
                        $"tags names '{name.Tag}', which is not a tag of the original (its tags: {string.Join(", ", story.Original.Article.Tags ?? [])}): the name is not used",
                        article.SourcePath);
                }
            }
        foreach (var ((language, texts), times) in tagLists)
            foreach (var text in texts) Count(spellings, identities.Of(text), language, text, times);

        var tags = new SortedDictionary<string, Term>(StringComparer.Ordinal);
        foreach (var (key, byText) in spellings)
        {
            var entry = file.Tags.GetValueOrDefault(key);
            // The original's spelling where it has the tag, else a translation's that has it of its own.
            var (language, text) = MostUsed(byText.Where(e => e.Key.Language == site.DefaultLanguage)) ?? MostUsed(byText)!.Value;
            if (entry?.Label.Own(site.DefaultLanguage) is { } originalLabel) (language, text) = (site.DefaultLanguage, originalLabel);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var l in site.Languages)
                if ((entry?.Label.Own(l.Code) ?? (names.TryGetValue(key, out var named) ? MostUsed(named.Where(e => e.Key.Language == l.Code))?.Text : null)) is { } label)
                    labels[l.Code] = label;
            tags[key] = new Term(TermKind.Tag, key, text, language, labels, entry?.Slugs ?? new Dictionary<string, string>(), entry?.Description ?? LocalizedText.Empty);
        }

        var categoryTerms = new SortedDictionary<string, Term>(StringComparer.Ordinal);
        foreach (var key in categories.Order(StringComparer.Ordinal))
        {
            var entry = file.Categories?.GetValueOrDefault(key);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var l in site.Languages)
                if (entry?.Label.Own(l.Code) is { } label) labels[l.Code] = label;
            categoryTerms[key] = new Term(TermKind.Category, key, entry?.Label.Own(site.DefaultLanguage) ?? key, site.DefaultLanguage, labels,
                entry?.Slugs ?? new Dictionary<string, string>(), entry?.Description ?? LocalizedText.Empty);
        }

        CheckSegments(categoryTerms.Values, file.Categories, "category", site, diagnostics);
        CheckSegments(tags.Values, file.Tags, "tag", site, diagnostics);
        return new Taxonomy(categoryTerms, tags, file);
    }

    /// <summary>The most used text, ties going to the first in ordinal order (so the choice never depends on file order).</summary>
    private static (string Language, string Text)? MostUsed(IEnumerable<KeyValuePair<(string Language, string Text), int>> counts)
    {
        (string, string)? best = null;
        var bestCount = 0;
        foreach (var (candidate, count) in counts)
            if (count > bestCount || count == bestCount && best is { } b && string.CompareOrdinal(candidate.Text, b.Item2) < 0)
                (best, bestCount) = (candidate, count);
        return best;
    }

    /// <summary>No two terms may share a listing URL in a language (a localized slug that is another term's).</summary>
    private static void CheckSegments(IEnumerable<Term> terms, IReadOnlyDictionary<string, TaxonomyEntry>? entries, string kind, SiteConfig site, DiagnosticBag diagnostics)
    {
        foreach (var language in site.Languages)
        {
            var claimed = new Dictionary<string, Term>(StringComparer.OrdinalIgnoreCase);
            foreach (var term in terms)
            {
                var segment = term.Segment(language.Code);
                if (!claimed.TryAdd(segment, term))
                {
                    var line = entries?.GetValueOrDefault(term.Key)?.Line ?? entries?.GetValueOrDefault(claimed[segment].Key)?.Line;
                    diagnostics.Error($"{kind}s '{claimed[segment].Key}' and '{term.Key}' would both be at /{language.Code}/{kind}/{segment}/: give one of them another slug for {language.Code}",
                        TaxonomyFile.FileName, line);
                }
            }
        }
    }

    /// <summary>A language by its code, and a list of tags by reference (a list shared by many articles is one list).</summary>
    private sealed class TagListComparer : IEqualityComparer<(string Language, IReadOnlyList<string> Texts)>
    {
        public static readonly TagListComparer Instance = new();

        public bool Equals((string Language, IReadOnlyList<string> Texts) a, (string Language, IReadOnlyList<string> Texts) b) =>
            ReferenceEquals(a.Texts, b.Texts) && string.Equals(a.Language, b.Language, StringComparison.Ordinal);

        public int GetHashCode((string Language, IReadOnlyList<string> Texts) key) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.Language), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Texts));
    }
}
