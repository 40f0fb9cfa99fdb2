using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// What every cache a build keeps is keyed by: the tool's own build (its module id changes with every code change),
/// every theme file, site.yml and the options that change pages. Change any of them and nothing cached is used.
/// </summary>
public static class BuildKey
{
    public static string Of(BuildOptions options, Pages.Theme theme)
    {
        var key = new FingerprintBuilder()
            .Add(typeof(BuildKey).Assembly.ManifestModule.ModuleVersionId.ToString())
            .Add(options.BaseUrl).Add(options.IncludeDrafts.ToString()).Add(options.IncludeFuture.ToString());
        var site = Path.Combine(options.InputDirectory, "site.yml");
        key.Add(File.Exists(site) ? ContentHash.Of(File.ReadAllBytes(site)) : null);
        foreach (var (relative, path) in theme.Files(""))
            key.Add(relative).Add(ContentHash.Of(File.ReadAllBytes(path)));
        return key.Hex;
    }
}
