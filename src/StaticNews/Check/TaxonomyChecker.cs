using System.Globalization;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Check;

/// <summary>
/// What `check` says about categories and tags beyond what a build refuses: tags that look like the same tag
/// written two ways (spelling, accents, an abbreviation: for the editor to decide; case and spacing variants are
/// one tag already), names missing for a language that shows the term, and tags a translation has that its original
/// has not (it gets pages of its own, in that language only).
/// </summary>
public static class TaxonomyChecker
{
    public static void Check(StoryIndex index, SiteConfig site, DiagnosticBag diagnostics)
    {
        var taxonomy = index.Taxonomy;
        // Where each term is first used (newest story first): the file a warning points to when taxonomy.yml has no entry.
        var firstUse = new Dictionary<(TermKind, string), string>();
        foreach (var version in index.Versions)
        {
            foreach (var tag in version.Tags) firstUse.TryAdd((TermKind.Tag, tag), version.Story.Original.Article.SourcePath);
            if (version.Category is { } category) firstUse.TryAdd((TermKind.Category, category), version.Story.Original.Article.SourcePath);
        }

        foreach (var term in taxonomy.Categories.Values)
            MissingNames(term, index.ByCategory, taxonomy.File.Categories?.GetValueOrDefault(term.Key), firstUse[(TermKind.Category, term.Key)], site, diagnostics);
        foreach (var term in taxonomy.Tags.Values)
            MissingNames(term, index.ByTag, taxonomy.File.Tags.GetValueOrDefault(term.Key), firstUse[(TermKind.Tag, term.Key)], site, diagnostics);

        foreach (var (a, b) in NearDuplicates(taxonomy.Tags.Keys))
            diagnostics.Warning(
                $"tags '{taxonomy.Tag(a).Text}' and '{taxonomy.Tag(b).Text}' ({firstUse[(TermKind.Tag, b)]}) look like one tag written two ways: if they are, write it one way",
                firstUse[(TermKind.Tag, a)]);

        foreach (var version in index.Versions.Where(v => v.IsTranslation && v.Article.Tags is not null))
            foreach (var (tag, text) in version.Tags.Zip(version.Article.Tags!).Where(t => !version.Story.Original.Tags.Contains(t.First)))
                diagnostics.Warning(
                    $"tag '{text}' is not one of the original's tags: it has pages of its own in {version.Language.Code} only. To name one of the original's tags in this language, write tags: {{ <the original's tag>: {text} }}",
                    version.Article.SourcePath);
    }

    private static void MissingNames(Term term, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<StoryVersion>>> listings,
        TaxonomyEntry? entry, string firstUse, SiteConfig site, DiagnosticBag diagnostics)
    {
        var missing = site.Languages.Where(l => listings[l.Code].ContainsKey(term.Key) && !term.IsNamedIn(l.Code)).Select(l => l.Code).ToList();
        if (missing.Count == 0) return;
        var kind = term.Kind == TermKind.Tag ? "tag" : "category";
        var where = term.Kind == TermKind.Tag
            ? $"in taxonomy.yml (tags: {term.Text}: label: {{ {missing[0]}: ... }}) or in the translations' front matter (tags: {{ {term.Text}: ... }})"
            : $"in taxonomy.yml (categories: {term.Key}: label: {{ {missing[0]}: ... }})";
        var message = $"{kind} '{term.Text}' has no name in {string.Join(", ", missing)}, where it shows as written: give it one {where}";
        if (entry is not null) diagnostics.Warning(message, TaxonomyFile.FileName, entry.Line);
        else diagnostics.Warning(message, firstUse);
    }

    /// <summary>
    /// Pairs of tag identities that are likely one tag: equal once accents and hyphens are dropped (café / cafe,
    /// korea-utara / koreautara), one letter apart (vladimir-putin / vladimir-puttin, five letters or more), or one an
    /// abbreviation of the other made of the starts of its words (jokowi / joko-widodo). Ordered, each pair once.
    /// </summary>
    public static IReadOnlyList<(string, string)> NearDuplicates(IEnumerable<string> identities)
    {
        var keys = identities.Order(StringComparer.Ordinal).ToList();
        var folded = keys.ToDictionary(k => k, Fold, StringComparer.Ordinal);
        var pairs = new SortedSet<(string, string)>(Comparer<(string, string)>.Create((x, y) =>
            string.CompareOrdinal(x.Item1, y.Item1) is var c && c != 0 ? c : string.CompareOrdinal(x.Item2, y.Item2)));
        void Pair(string a, string b)
        {
            if (a != b) pairs.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
        }

        // One letter apart: two strings at edit distance one share a string with one letter deleted (or one is that string).
        var byDeletion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var f = folded[key];
            if (f.Length < 5) continue;
            foreach (var variant in Deletions(f).Append(f))
            {
                if (!byDeletion.TryGetValue(variant, out var list)) byDeletion[variant] = list = [];
                list.Add(key);
            }
        }
        foreach (var list in byDeletion.Values.Where(l => l.Count > 1))
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (folded[list[i]] == folded[list[j]] || Distance(folded[list[i]], folded[list[j]]) <= 1) Pair(list[i], list[j]);

        // Equal when folded (short ones too).
        foreach (var group in keys.GroupBy(k => folded[k], StringComparer.Ordinal).Where(g => g.Count() > 1))
            foreach (var other in group.Skip(1)) Pair(group.First(), other);

        // Abbreviations: one word of four letters or more, made of the starts (two letters or more) of another's words.
        var multiWord = keys.Where(k => k.Contains('-')).ToList();
        foreach (var word in keys.Where(k => !k.Contains('-') && k.Length >= 4))
            foreach (var phrase in multiWord.Where(p => p.StartsWith(word[..2], StringComparison.Ordinal)))
                if (IsAbbreviation(word, phrase.Split('-'))) Pair(word, phrase);
        return [.. pairs];
    }

    /// <summary>The identity without accents and hyphens: what two spellings of one name have in common.</summary>
    private static string Fold(string identity)
    {
        var builder = new StringBuilder(identity.Length);
        foreach (var c in identity.Normalize(NormalizationForm.FormD))
            if (c != '-' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IEnumerable<string> Deletions(string text)
    {
        for (var i = 0; i < text.Length; i++) yield return text.Remove(i, 1);
    }

    /// <summary>Edit distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>True if <paramref name="word"/> is the start of each of <paramref name="words"/> in turn, each two letters or more.</summary>
    private static bool IsAbbreviation(string word, ReadOnlySpan<string> words)
    {
        if (words.Length == 0) return word.Length == 0;
        if (word.Length < 2) return false;
        for (var take = Math.Min(word.Length, words[0].Length); take >= 2; take--)
            if (word.AsSpan(0, take).SequenceEqual(words[0].AsSpan(0, take)) && IsAbbreviation(word[take..], words[1..]))
                return true;
        return false;
    }
}
