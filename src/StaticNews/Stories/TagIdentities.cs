using System.Collections.Concurrent;
using StaticNews.Content;

namespace StaticNews.Stories;

/// <summary>
/// The identity slugs of tag texts (see <see cref="TermSlug"/>), each text slugged once: a site's few thousand tags
/// are given again and again by hundreds of thousands of versions. Safe on several threads (the Stories stage makes
/// stories on all cores): two threads that slug one text at once make equal values, and one of them is kept.
/// </summary>
public sealed class TagIdentities
{
    private readonly ConcurrentDictionary<string, string> _slugs = new(StringComparer.Ordinal);

    public string Of(string text) => _slugs.GetOrAdd(text, TermSlug.Of);

    // By list: articles share each distinct list of tags (see Content.RecurringLists), and so do their identities.
    private readonly ConcurrentDictionary<IReadOnlyList<string>, IReadOnlyList<string>> _lists = new(ReferenceEqualityComparer.Instance);

    /// <summary>The identity of each tag in <paramref name="texts"/>, in their order.</summary>
    public IReadOnlyList<string> Of(IReadOnlyList<string>? texts)
    {
        if (texts is null or { Count: 0 }) return [];
        if (_lists.TryGetValue(texts, out var known)) return known;
        var identities = new string[texts.Count];
        for (var i = 0; i < identities.Length; i++) identities[i] = Of(texts[i]);
        return _lists.GetOrAdd(texts, identities);
    }
}
