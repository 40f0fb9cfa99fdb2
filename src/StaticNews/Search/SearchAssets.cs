using StaticNews.Assets;
using StaticNews.Pages;

namespace StaticNews.Search;

/// <summary>
/// The theme's search/ folder (the search page's script, the search field's style): published like the theme's assets,
/// fingerprinted under /assets/, but only by sites with search. Where each goes is known from the theme alone, so pages
/// rendered before the search stage link them.
/// </summary>
public static class SearchAssets
{
    /// <summary>Each file as (theme file, output path), by its name in search/.</summary>
    public static IReadOnlyDictionary<string, (string File, string OutputPath)> Of(Theme theme) =>
        theme.Files("search").ToDictionary(f => f.Relative, f => (f.Path, AssetsPipeline.PublishedPath(f.Relative, f.Path)), StringComparer.Ordinal);

    /// <summary>The output path of <paramref name="name"/>, or an error naming the file the theme lacks.</summary>
    public static string OutputPath(IReadOnlyDictionary<string, (string File, string OutputPath)> assets, string name) =>
        assets.TryGetValue(name, out var asset) ? asset.OutputPath
        : throw new Engine.InputException($"the theme has no search/{name}, which sites with search: true use");
}
