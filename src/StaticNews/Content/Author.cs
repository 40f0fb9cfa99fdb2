using StaticNews.Configuration;

namespace StaticNews.Content;

/// <summary>A profile link of an author: the network's name as shown, and the profile's URL.</summary>
public sealed record SocialLink(string Network, string Url);

/// <summary>One entry of input/authors.yml: a person of the newsroom, as their page and bylines show them.</summary>
public sealed record Author
{
    /// <summary>The entry's key: what stories name in <c>author:</c>, and the URL segment of the author's pages.</summary>
    public required string Key { get; init; }
    /// <summary>The name, per script where it differs (<c>{ id: ..., ja: ..., ar: ... }</c>).</summary>
    public required LocalizedText Name { get; init; }
    public LocalizedText Role { get; init; } = LocalizedText.Empty;
    public LocalizedText Bio { get; init; } = LocalizedText.Empty;
    /// <summary>The photo's path relative to the input folder, with '/' separators.</summary>
    public string? Photo { get; init; }
    /// <summary>Line of <c>photo:</c> in authors.yml (what an error about the file names).</summary>
    public int PhotoLine { get; init; }
    /// <summary>The author's own profile page elsewhere (absolute http(s)).</summary>
    public string? Url { get; init; }
    /// <summary>A fediverse handle, <c>@user@host</c>.</summary>
    public string? Fediverse { get; init; }
    /// <summary>Profiles on other networks, in the order written; the fediverse profile first when there is one.</summary>
    public IReadOnlyList<SocialLink> Social { get; init; } = [];
    /// <summary>Line of the entry in authors.yml (for diagnostics).</summary>
    public int Line { get; init; }

    /// <summary>The name shown in <paramref name="language"/>: its own, else the original language's, else any.</summary>
    public string NameIn(string language, string originalLanguage) =>
        Name.Get(language, originalLanguage) ?? Name.Texts.First();

    /// <summary>The URL of a fediverse handle's profile: <c>@user@host</c> is https://host/@user.</summary>
    public static string? FediverseUrl(string handle) =>
        handle.Split('@') is ["", var user, var host] ? $"https://{host}/@{user}" : null;
}
