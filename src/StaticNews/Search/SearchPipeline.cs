using StaticNews.Assets;
using StaticNews.Engine;
using StaticNews.Images;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Search;

/// <summary>What the search stage published from the theme (its fingerprinted files, output paths from the root), and what it leaves to say once the site is published (null: nothing).</summary>
public sealed record SearchOutcome(IReadOnlyList<string> Assets, string? Problem);

/// <summary>
/// With <c>search: true</c>: each language's search page, and the Pagefind index of the story pages, made by Pagefind
/// from the pages as this build publishes them and written through the output like every other file, so it is
/// published (and later removed) by StaticNews with the site it indexes. The index is made again only when a story page
/// (or the Pagefind program) changed; otherwise the published one is kept.
/// </summary>
public sealed class SearchPipeline : Pipeline<SearchOutcome>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(ImagesPipeline), typeof(PagesPipeline)];

    private const string Claimant = "search (Pagefind)";

    private string? _summary;

    /// <summary>Whether the index was made again, kept as published, or not made.</summary>
    public override string? Summary => _summary;

    protected override SearchOutcome Execute(PipelineContext context)
    {
        var site = context.Site;
        if (!site.Search) return new SearchOutcome([], null);
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var theme = context.Session.Theme;
        var files = SearchAssets.Of(theme);
        foreach (var (relative, (file, target)) in files) context.Output.Write(target, File.ReadAllBytes(file), $"theme/search/{relative}");
        var images = context.ResultOf<ImagesPipeline, ImageCatalog>();
        var pages = new PageBuilder(site, theme, index, images, assets.Href("site.css"));
        var fingerprints = new PageFingerprints(index, images);
        foreach (var language in site.Languages)
        {
            var url = Permalinks.SearchPage(language.Code);
            context.Output.Write(Permalinks.FileFor(url), new FingerprintBuilder().Add(fingerprints.Fixed(language.Code, url)).Add(SearchAssets.OutputPath(files, "search.js")).Value,
                stream => pages.Render(pages.SearchPage(language), "search", stream), "search");
        }
        return new SearchOutcome(files.Values.Select(f => "/" + f.OutputPath).Order(StringComparer.Ordinal).ToList(), WriteIndex(context, index));
    }

    /// <summary>Keeps or makes the index; what went wrong, if anything (the site is published without an index then).</summary>
    private string? WriteIndex(PipelineContext context, StoryIndex index)
    {
        if (Pagefind.Locate(context.Options.InputDirectory, context.Options.EnvironmentVariable) is not { } pagefind)
        {
            _summary = "no index (Pagefind not found)";
            return $"search: Pagefind was not found (neither pagefind_extended nor pagefind on PATH, nor node_modules/@pagefind/ in or above {context.Options.InputDirectory}); " +
                   $"install it with `{Pagefind.InstallCommand}` in the site's folder. The site was published without its search index";
        }
        var output = context.Output;
        var covered = index.Versions.Select(v => Permalinks.FileFor(v.Url)).Order(StringComparer.Ordinal).ToList();
        var fingerprint = new FingerprintBuilder().Add("pagefind").Add(pagefind.Identity)
            .AddAll(covered)
            .AddAll(covered.Select(path => output.FingerprintOf(path) ?? Fingerprint.Of(File.ReadAllBytes(output.CurrentFile(path)))))
            .Value;
        var folder = Permalinks.SearchIndex.TrimStart('/');
        if (output.TryKeepAll(output.PublishedUnder(folder).ToList(), fingerprint, Claimant))
        {
            _summary = $"index of {covered.Count} pages kept (no story page changed)";
            return null;
        }

        // Pagefind reads the story pages (hard links to them, under the paths they are served at) and writes its
        // index beside them, both in the state folder; the index then goes into the output file by file.
        var work = context.Session.State?.File("search") ?? throw new InvalidOperationException("the search index needs the output's state folder");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        try
        {
            var pagesFolder = Path.Combine(work, "pages");
            foreach (var path in covered)
            {
                var target = Path.Combine(pagesFolder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!StagingTree.HardLink(output.CurrentFile(path), target)) File.Copy(output.CurrentFile(path), target);
            }
            var indexFolder = Path.Combine(work, "index");
            if (pagefind.Index(pagesFolder, indexFolder) is { } failure)
                return $"search: {failure}. The site was published without its search index";
            _summary = $"{covered.Count} pages indexed by {Path.GetFileName(pagefind.Program)}";
            foreach (var file in Directory.EnumerateFiles(indexFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = folder + Path.GetRelativePath(indexFolder, file).Replace(Path.DirectorySeparatorChar, '/');
                output.Render(relative, fingerprint, stream =>
                {
                    using var source = File.OpenRead(file);
                    source.CopyTo(stream);
                }, Claimant);
            }
            return null;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (Exception e) when (FileErrors.Are(e)) { /* the next build removes it */ }
        }
    }
}
