using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// One listing in one language (a language home, a category, a tag, an author): what it is called, the versions it
/// lists newest first, its first URL, and the same listing in each other language (null where it has none there).
/// </summary>
public sealed record Listing(string Kind, string Heading, string? Description, string First, IReadOnlyList<StoryVersion> Versions,
    Func<string, (string First, IReadOnlyList<StoryVersion> Versions)?> InLanguage)
{
    /// <summary>On an author's listing: who they are.</summary>
    public AuthorProfileModel? Profile { get; init; }

    /// <summary>Everything a page of it shows beyond its cards and links, for its fingerprint.</summary>
    public IEnumerable<string?> Shown() => [Kind, Heading, Description, .. Profile?.Shown() ?? []];
}
