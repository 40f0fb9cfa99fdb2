using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>Renders every HTML page: stories, language homes, category and tag listings, 404 pages and the language chooser.</summary>
public sealed class PagesPipeline : OutputPipeline
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline)];

    /// <summary>How many pages the last run wrote (for the build summary).</summary>
    public int PageCount { get; private set; }

    protected override void Write(PipelineContext context)
    {
        var site = context.Site;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var theme = context.Session.Theme;
        var builder = new PageBuilder(site, theme, index, assets.Href("site.css"))
        {
            LogoUrl = new Uri(site.BaseUrl, assets.Href("logo.svg")).AbsoluteUri,
        };
        var output = context.Output;
        var count = 0;

        void Emit(string url, PageModel page, string layout, string source)
        {
            output.WriteText(Permalinks.FileFor(url), builder.Render(page, layout), source);
            Interlocked.Increment(ref count);
        }

        var jobs = new List<Action>();
        foreach (var version in index.Stories.SelectMany(s => s.Versions))
            jobs.Add(() => Emit(version.Url, builder.Story(version), "story", version.Article.SourcePath));

        foreach (var language in site.Languages)
        {
            var strings = theme.Strings(language.Code);
            var code = language.Code;
            AddListing(jobs, builder, language, "home", site.TitleFor(code), Permalinks.Home(code), index.ByLanguage[code],
                other => Permalinks.Home(other), Emit, site);
            foreach (var (key, versions) in index.ByCategory[code])
                AddListing(jobs, builder, language, "category", strings.Get("category_title", ("name", strings.CategoryName(key))),
                    Permalinks.Category(code, key), versions,
                    other => index.ByCategory[other].ContainsKey(key) ? Permalinks.Category(other, key) : null, Emit, site);
            foreach (var (key, versions) in index.ByTag[code])
                AddListing(jobs, builder, language, "tag", strings.Get("tag_title", ("name", strings.TagName(key))),
                    Permalinks.Tag(code, key), versions,
                    other => index.ByTag[other].ContainsKey(key) ? Permalinks.Tag(other, key) : null, Emit, site);
            jobs.Add(() => Emit(Permalinks.NotFound(code), builder.NotFound(language), "notfound", "theme"));
        }
        jobs.Add(() => Emit("/404.html", builder.NotFound(site.Original), "notfound", "theme"));
        jobs.Add(() => Emit("/", builder.Chooser(), "chooser", "theme"));

        context.ForEach(jobs, job => job());
        PageCount = count;
    }

    private static void AddListing(List<Action> jobs, PageBuilder builder, LanguageConfig language, string kind, string heading, string first,
        IReadOnlyList<StoryVersion> versions, Func<string, string?> otherFirst, Action<string, PageModel, string, string> emit, SiteConfig site)
    {
        var pages = Math.Max(1, (versions.Count + site.PageSize - 1) / site.PageSize);
        for (var page = 1; page <= pages; page++)
        {
            var n = page;
            jobs.Add(() => emit(Permalinks.Paged(first, n),
                builder.Listing(language, kind, heading, first, versions, n, pages, otherFirst), "list", "theme"));
        }
    }
}
