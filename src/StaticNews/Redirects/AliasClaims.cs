using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Redirects;

/// <summary>The aliases of every version, checked: an alias is an old address no page has now, claimed by one version only.</summary>
public static class AliasClaims
{
    /// <summary>The versions that give aliases, in the index's order: found once, before the site's pages are there to check them against.</summary>
    public static IReadOnlyList<StoryVersion> Giving(StoryIndex index) => [.. index.Versions.Where(version => version.Article.Aliases.Count > 0)];

    /// <summary>
    /// Each alias of <paramref name="giving"/> (<see cref="Giving"/>) with its version; an alias that is the address of a
    /// page of the site (<paramref name="hasPage"/>, a story's included) or that another version claims too is an error
    /// naming the file and line, and left out.
    /// </summary>
    public static IReadOnlyDictionary<string, StoryVersion> Check(StoryIndex index, IReadOnlyList<StoryVersion> giving, Func<string, bool> hasPage, DiagnosticBag diagnostics)
    {
        // Every version by its address, made only for a site whose stories give aliases.
        Dictionary<string, StoryVersion>? pages = null;
        var claims = new Dictionary<string, (StoryVersion Version, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in giving)
            foreach (var alias in version.Article.Aliases)
            {
                pages ??= index.Versions.ToDictionary(v => v.Url, StringComparer.OrdinalIgnoreCase);
                if (pages.TryGetValue(alias.Path, out var page))
                    diagnostics.Error(page == version
                            ? $"alias {alias.Path} is this version's own address: an alias is an old address, redirected to this one"
                            : $"alias {alias.Path} is the address of {page.Article.SourcePath}: an alias is an old address that no page has now",
                        version.Article.SourcePath, alias.Line);
                else if (hasPage(alias.Path))
                    diagnostics.Error($"alias {alias.Path} is the address of a page the site publishes: an alias is an old address that no page has now",
                        version.Article.SourcePath, alias.Line);
                else if (claims.TryGetValue(alias.Path, out var other))
                    diagnostics.Error($"alias {alias.Path} is also an alias of {other.Version.Article.SourcePath} (line {other.Line}): an old address can lead to one version only",
                        version.Article.SourcePath, alias.Line);
                else
                    claims[alias.Path] = (version, alias.Line);
            }
        return claims.ToDictionary(e => e.Key, e => e.Value.Version, StringComparer.Ordinal);
    }
}
