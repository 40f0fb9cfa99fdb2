using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Images;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>Renders every HTML page: stories, language homes, category, tag and author listings, corrections pages, 404 pages and the language chooser.</summary>
public sealed class PagesPipeline : OutputPipeline
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(ImagesPipeline)];

    /// <summary>How many pages the last run wrote (for the build summary).</summary>
    public int PageCount { get; private set; }

    protected override void Write(PipelineContext context)
    {
        var site = context.Site;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var theme = context.Session.Theme;
        var images = context.ResultOf<ImagesPipeline, ImageCatalog>();
        var builder = new PageBuilder(site, theme, index, images, assets.Href("site.css"))
        {
            LogoUrl = new Uri(site.BaseUrl, assets.Href("logo.svg")).AbsoluteUri,
        };
        var fingerprints = new PageFingerprints(index, images);
        var output = context.Output;
        var count = 0;

        // Rendering happens only if the page's inputs changed since it was published (see OutputSink.Write).
        void Emit(string url, Fingerprint fingerprint, Func<PageModel> page, string layout, string source)
        {
            output.Write(Permalinks.FileFor(url), fingerprint, stream => builder.Render(page(), layout, stream), source);
            Interlocked.Increment(ref count);
        }

        // Story pages first, in the index's order, each reported done to the pipelines that follow this one (Feeds
        // takes each body just after its page, while RecentBodies still holds it). Their jobs are made as they are
        // taken, not listed ahead: one per version of the site.
        var progress = context.Progress;
        var storyPages = index.Versions.Select((version, position) => (Action)(() =>
        {
            try { Emit(version.Url, fingerprints.Story(version), () => builder.Story(version), "story", version.Article.SourcePath); }
            finally { progress.Finish(position); }
        }));
        var jobs = new List<Action>();

        foreach (var language in site.Languages)
        {
            var strings = theme.Strings(language.Code);
            var code = language.Code;
            var listings = new Listings(jobs, builder, fingerprints, language, site, Emit);
            var taxonomy = index.Taxonomy;
            listings.Add(new Listing("home", site.TitleFor(code), null, Permalinks.Home(code), index.ByLanguage[code],
                other => (Permalinks.Home(other), index.ByLanguage[other])));
            foreach (var (key, versions) in index.ByCategory[code])
                listings.Add(new Listing("category", strings.Get("category_title", ("name", taxonomy.Category(key).Label(code))), taxonomy.Category(key).Description(code),
                    taxonomy.CategoryUrl(code, key), versions,
                    other => index.ByCategory[other].TryGetValue(key, out var there) ? (taxonomy.CategoryUrl(other, key), there) : null));
            foreach (var (key, versions) in index.ByTag[code])
                listings.Add(new Listing("tag", strings.Get("tag_title", ("name", taxonomy.Tag(key).Label(code))), taxonomy.Tag(key).Description(code),
                    taxonomy.TagUrl(code, key), versions,
                    other => index.ByTag[other].TryGetValue(key, out var there) ? (taxonomy.TagUrl(other, key), there) : null));
            foreach (var (key, versions) in index.ByAuthor[code])
            {
                var profile = builder.Profile(index.Authors.ByKey[key], language);
                listings.Add(new Listing("author", profile.Name, profile.Bio, Permalinks.Author(code, key), versions,
                    other => index.ByAuthor[other].TryGetValue(key, out var there) ? (Permalinks.Author(other, key), there) : null) { Profile = profile });
            }
            var corrections = builder.CorrectionList(language);
            var correctionsPage = Permalinks.CorrectionsPage(code);
            jobs.Add(() => Emit(correctionsPage, fingerprints.Corrections(code, correctionsPage, corrections),
                () => builder.CorrectionsPage(language, corrections), "corrections", "theme"));
            var notFound = Permalinks.NotFound(code);
            jobs.Add(() => Emit(notFound, fingerprints.Fixed(code, notFound), () => builder.NotFound(language), "notfound", "theme"));
        }
        var original = site.Original;
        jobs.Add(() => Emit("/404.html", fingerprints.Fixed(original.Code, "/404.html"), () => builder.NotFound(original), "notfound", "theme"));
        jobs.Add(() => Emit(Permalinks.Chooser, fingerprints.Fixed(original.Code, Permalinks.Chooser), builder.Chooser, "chooser", "theme"));

        context.ForEach(storyPages.Concat(jobs), job => job());
        PageCount = count;
    }

    public override string? Summary => $"{PageCount} pages";

    /// <summary>Adds the jobs for every page of one language's listings (home, category, tag, author).</summary>
    private sealed record Listings(List<Action> Jobs, PageBuilder Builder, PageFingerprints Fingerprints, LanguageConfig Language, SiteConfig Site,
        Action<string, Fingerprint, Func<PageModel>, string, string> Emit)
    {
        public void Add(Listing listing)
        {
            for (var number = 0; number <= ListingPage.StableCount(listing.Versions.Count, Site.PageSize); number++)
            {
                var n = number;
                Jobs.Add(() =>
                {
                    var page = ListingPage.Of(listing, Language, Site, n);
                    Emit(page.Url, Fingerprints.Listing(Language.Code, page), () => Builder.Listing(Language, page), "list", "theme");
                });
            }
        }
    }
}
