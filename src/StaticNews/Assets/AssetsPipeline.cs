using System.Security.Cryptography;
using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Assets;

/// <summary>Where each theme asset was published: fingerprinted names, so the CDN may cache them forever.</summary>
public sealed class AssetManifest(IReadOnlyDictionary<string, string> hrefs)
{
    public IReadOnlyDictionary<string, string> Hrefs { get; } = hrefs;

    public string Href(string asset) => Hrefs.TryGetValue(asset, out var href) ? href
        : throw new InputException($"the theme has no asset '{asset}' (expected theme/assets/{asset})");
}

/// <summary>
/// Copies theme assets (CSS and JS fingerprinted with a hash of their bytes), each story's files other than
/// images into every version's folder (so relative links work in all languages), and input/static as is.
/// </summary>
public sealed class AssetsPipeline : Pipeline<AssetManifest>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline)];

    public static bool IsFingerprinted(string name) => name.EndsWith(".css", StringComparison.Ordinal) || name.EndsWith(".js", StringComparison.Ordinal);

    /// <summary>Where the theme asset <paramref name="relative"/> (the file <paramref name="path"/>) is published: CSS and JS with a hash of their bytes in the name.</summary>
    public static string PublishedPath(string relative, string path)
    {
        if (!IsFingerprinted(relative)) return $"assets/{relative}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..10];
        var dot = relative.LastIndexOf('.');
        return $"assets/{relative[..dot]}.{hash}{relative[dot..]}";
    }

    protected override AssetManifest Execute(PipelineContext context)
    {
        var output = context.Output;
        var hrefs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relative, path) in context.Session.Theme.Files("assets"))
        {
            var target = PublishedPath(relative, path);
            if (IsFingerprinted(relative)) output.Write(target, File.ReadAllBytes(path), $"theme/assets/{relative}");
            else output.Copy(target, path, $"theme/assets/{relative}");
            hrefs[relative] = context.Site.Href("/" + target);
        }

        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        context.ForEach(index.Stories, story =>
        {
            // Images are published once for all languages by the Images stage.
            foreach (var asset in story.Assets.Where(a => !Content.StoryMedia.IsImage(Path.GetFileName(a))))
                foreach (var version in story.Versions)
                    output.Copy(Permalinks.FileFor(version.Url).Replace("index.html", Path.GetFileName(asset)), asset, $"articles/{story.Key}/{Path.GetFileName(asset)}");
        });

        foreach (var (relative, file) in Content.InputPaths.Files(context.Options.InputDirectory, "static", context.Diagnostics))
            output.Copy(relative, file, $"static/{relative}");
        return new AssetManifest(hrefs);
    }
}
