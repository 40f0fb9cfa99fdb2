using System.Runtime.CompilerServices;
using StaticNews.Configuration;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// One listing in one language (a language home, a category, a tag, an author): what it is called, the versions it
/// lists newest first, its first URL, and the same listing in each other language (null where it has none there).
/// </summary>
public sealed record Listing(LanguageConfig Language, string Kind, string Heading, string? Description, string First, IReadOnlyList<StoryVersion> Versions,
    Func<string, (string First, IReadOnlyList<StoryVersion> Versions)?> InLanguage)
{
    /// <summary>On an author's listing: who they are.</summary>
    public AuthorProfileModel? Profile { get; init; }

    /// <summary>Everything a page of it shows beyond its cards and links, for its pages' fingerprints: hashed once, when its first page asks.</summary>
    public Fingerprint Shown => (_shown ??= new(Fingerprint.Of([Kind, Heading, Description, .. Profile?.Shown() ?? []]))).Value;
    private StrongBox<Fingerprint>? _shown;

    /// <summary>
    /// The listing in each language of <paramref name="site"/> that has it, this one included, in the site's order: every
    /// page of it compares its stories with theirs and links them. Resolved once, when its first page asks.
    /// </summary>
    public IReadOnlyList<ListingPlace> Places(SiteConfig site) => _places ??= Resolve(site);
    private ListingPlace[]? _places;

    private ListingPlace[] Resolve(SiteConfig site)
    {
        var places = new List<ListingPlace>(site.Languages.Count);
        foreach (var language in site.Languages)
            if (language == Language) places.Add(new(language, First, Versions));
            else if (InLanguage(language.Code) is var (first, versions)) places.Add(new(language, first, versions));
        return [.. places];
    }
}

/// <summary>A listing in one language: its first URL and the versions it lists, newest first.</summary>
public readonly record struct ListingPlace(LanguageConfig Language, string First, IReadOnlyList<StoryVersion> Versions);
