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
}
