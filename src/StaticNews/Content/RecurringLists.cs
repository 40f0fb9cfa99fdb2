using System.Collections.Concurrent;

namespace StaticNews.Content;

/// <summary>
/// Lists of texts that recur from article to article (every version of a story gives its tags again, a reporter's
/// byline recurs across the archive): each distinct list is held once, since a build keeps every article it read.
/// The lists are arrays no one changes once made.
/// </summary>
internal sealed class RecurringLists
{
    private readonly ConcurrentDictionary<string[], string[]> _held = new(Texts.Comparer);

    /// <summary>The list already held with the same texts in the same order (ordinal), else <paramref name="texts"/>, held from now on.</summary>
    public string[] Held(string[] texts) => texts.Length == 0 ? texts : _held.GetOrAdd(texts, texts);

    private sealed class Texts : IEqualityComparer<string[]>
    {
        public static readonly Texts Comparer = new();

        public bool Equals(string[]? a, string[]? b) => a.AsSpan().SequenceEqual(b);

        public int GetHashCode(string[] texts)
        {
            var hash = new HashCode();
            foreach (var text in texts) hash.Add(text, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
