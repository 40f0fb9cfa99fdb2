using StaticNews.Content;

namespace StaticNews.Stories;

/// <summary>
/// A byline or translator credit as a version shows it: an author of authors.yml (with a page of their own), or a
/// name as written (an agency, a contributor without an entry).
/// </summary>
public sealed record Byline(string Text, Author? Author)
{
    /// <summary>The name shown in <paramref name="language"/>: the author's, else the text as written.</summary>
    public string Name(string language, string originalLanguage) => Author?.NameIn(language, originalLanguage) ?? Text;

    /// <summary>What a page or feed entry in <paramref name="language"/> shows of it (name, author page, profiles), for fingerprints.</summary>
    public IEnumerable<string?> Shown(string language, string originalLanguage) =>
        [Name(language, originalLanguage), Author?.Key, Author?.Url, .. Author?.Social.Select(s => s.Url) ?? []];
}
