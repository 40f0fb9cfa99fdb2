using StaticNews.Content;

namespace StaticNews.Stories;

/// <summary>
/// The identity slugs of tag texts (see <see cref="TermSlug"/>), each text slugged once: a site's few thousand tags
/// are given again and again by hundreds of thousands of versions. Not thread-safe (the Stories stage is one thread).
/// </summary>
public sealed class TagIdentities
{
    private readonly Dictionary<string, string> _slugs = new(StringComparer.Ordinal);

    public string Of(string text)
    {
        if (!_slugs.TryGetValue(text, out var slug)) _slugs[text] = slug = TermSlug.Of(text);
        return slug;
    }

    // By list: articles share each distinct list of tags (see Content.RecurringLists), and so do their identities.
    private readonly Dictionary<IReadOnlyList<string>, IReadOnlyList<string>> _lists = new(ReferenceEqualityComparer.Instance);

    /// <summary>The identity of each tag in <paramref name="texts"/>, in their order.</summary>
    public IReadOnlyList<string> Of(IReadOnlyList<string>? texts)
    {
        if (texts is null or { Count: 0 }) return [];
        if (_lists.TryGetValue(texts, out var known)) return known;
        var identities = new string[texts.Count];
        for (var i = 0; i < identities.Length; i++) identities[i] = Of(texts[i]);
        return _lists[texts] = identities;
    }
}
