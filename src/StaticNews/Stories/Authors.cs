using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Stories;

/// <summary>
/// The authors of authors.yml, and how a byline finds one: by its key, else by a name the author has in some
/// language (so bylines written as names before authors.yml existed link up without editing every story).
/// </summary>
public sealed class Authors
{
    private readonly Dictionary<string, Author> _byName = new(StringComparer.OrdinalIgnoreCase);
    // One byline per text, shared by every version that gives it (a newsroom has a few hundred bylines, and a site versions by the hundred thousand).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Byline> _bylines = new(StringComparer.Ordinal);

    public Authors(IReadOnlyDictionary<string, Author> byKey)
    {
        ByKey = byKey;
        foreach (var author in byKey.Values)
            foreach (var name in author.Name.Texts)
                _byName.TryAdd(name, author);
    }

    public static readonly Authors None = new(new Dictionary<string, Author>());

    public IReadOnlyDictionary<string, Author> ByKey { get; }

    /// <summary>
    /// The byline for <paramref name="text"/>. Text shaped like a key (lowercase, hyphens) that no author has is
    /// probably a mistyped key: a warning, and the text is shown as written.
    /// </summary>
    public Byline Resolve(string text, string file, DiagnosticBag diagnostics)
    {
        // A static factory: a lambda over this instance would be a new delegate at every call, one per version.
        var byline = _bylines.GetOrAdd(text, static (t, authors) => new Byline(t, authors.ByKey.GetValueOrDefault(t) ?? authors._byName.GetValueOrDefault(t)), this);
        if (byline.Author is null && ArticleParser.IsKey(text))
            diagnostics.Warning($"unknown author '{text}': it is shown as written (add it to authors.yml{(ByKey.Count > 0 ? $"; known: {string.Join(", ", ByKey.Keys)}" : "")})", file);
        return byline;
    }
}
