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

    /// <summary>What the story pages of the last run showed of the site as a whole (see <see cref="PageFingerprints.SiteWide"/>), recorded for the next build.</summary>
    public Fingerprint SiteWide { get; private set; }

    /// <summary>Each listing of the last run summed up, by its first URL (see <see cref="ListingSums"/>), recorded for the next build.</summary>
    public IReadOnlyDictionary<string, ListingSums> Listings { get; private set; } = new Dictionary<string, ListingSums>();

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
        // The stories whose pages stand as published if their folders do (see StoryChanges): none if the site-wide part changed.
        var changes = context.Session.StoryChanges?.Given(fingerprints.SiteWide);
        var output = context.Output;
        var count = 0;

        // Rendering happens only if the page's inputs changed since it was published. Most pages of an incremental build
        // are kept: what only rendering needs (the model, the closure that renders it) is made in Render, not here.
        void Emit(string url, Fingerprint fingerprint, Func<PageModel> page, string layout, string source)
        {
            var path = Permalinks.FileFor(url);
            if (!output.TryKeep(path, fingerprint, source)) Render(path, fingerprint, page, layout, source);
            Interlocked.Increment(ref count);
        }
        void Render(string path, Fingerprint fingerprint, Func<PageModel> page, string layout, string source) =>
            output.Render(path, fingerprint, stream => builder.Render(page(), layout, stream), source);

        // A page known to be as published, kept without its fingerprint made, its path looked up without a string made for
        // it: nearly every page of a large archive is kept so.
        bool KeepAsPublished(string url, string source)
        {
            Span<char> file = stackalloc char[1024];
            if (Permalinks.MaxFileLength(url) > file.Length || !output.TryKeepAsPublished(Permalinks.FileFor(url, file), source)) return false;
            Interlocked.Increment(ref count);
            return true;
        }

        // Story pages first, in the index's order, each reported done to the pipelines that follow this one (Feeds
        // takes each body just after its page, while RecentBodies still holds it). Taken by their position, one job
        // per version of the site, so nothing is made for a page that is kept but its path and fingerprint.
        var progress = context.Progress;
        var allVersions = index.Versions;
        void StoryPage(int position)
        {
            try
            {
                var version = allVersions[position];
                if (changes?.IsUnchanged(version.Story.Key) == true && KeepAsPublished(version.Url, version.Article.SourcePath)) return;
                var path = Permalinks.FileFor(version.Url);
                var fingerprint = fingerprints.Story(version);
                if (!output.TryKeep(path, fingerprint, version.Article.SourcePath)) RenderStory(path, fingerprint, version);
                Interlocked.Increment(ref count);
            }
            finally { progress.Finish(position); }
        }
        void RenderStory(string path, Fingerprint fingerprint, StoryVersion version) =>
            Render(path, fingerprint, () => builder.Story(version), "story", version.Article.SourcePath);
        // Every page of every listing, as a value: a large archive has a hundred thousand of them, most of them kept.
        var listings = new List<Listing>();
        var listingPages = new List<(int Listing, int Number)>();
        void AddListing(Listing listing)
        {
            for (var number = 0; number <= ListingPage.StableCount(listing.Versions.Count, site.PageSize); number++) listingPages.Add((listings.Count, number));
            listings.Add(listing);
        }
        KeptListings? kept = null;
        void ListingPageOf(int listing, int number)
        {
            if (kept!.AsPublished(listing, number) && KeepAsPublished(ListingPage.UrlOf(listings[listing].First, number), "theme")) return;
            var page = ListingPage.Of(listings[listing], site, number);
            Emit(page.Url, fingerprints.Listing(listings[listing].Language.Code, page), () => builder.Listing(listings[listing].Language, page), "list", "theme");
        }
        var jobs = new List<Action>();

        foreach (var language in site.Languages)
        {
            var strings = theme.Strings(language.Code);
            var code = language.Code;
            var taxonomy = index.Taxonomy;
            AddListing(new Listing(language, "home", site.TitleFor(code), null, Permalinks.Home(code), index.ByLanguage[code],
                other => (Permalinks.Home(other), index.ByLanguage[other])));
            foreach (var (key, versions) in index.ByCategory[code])
                AddListing(new Listing(language, "category", strings.Get("category_title", ("name", taxonomy.Category(key).Label(code))), taxonomy.Category(key).Description(code),
                    taxonomy.CategoryUrl(code, key), versions,
                    other => index.ByCategory[other].TryGetValue(key, out var there) ? (taxonomy.CategoryUrl(other, key), there) : null));
            foreach (var (key, versions) in index.ByTag[code])
                AddListing(new Listing(language, "tag", strings.Get("tag_title", ("name", taxonomy.Tag(key).Label(code))), taxonomy.Tag(key).Description(code),
                    taxonomy.TagUrl(code, key), versions,
                    other => index.ByTag[other].TryGetValue(key, out var there) ? (taxonomy.TagUrl(other, key), there) : null));
            foreach (var (key, versions) in index.ByAuthor[code])
            {
                var profile = builder.Profile(index.Authors.ByKey[key], language);
                AddListing(new Listing(language, "author", profile.Name, profile.Bio, Permalinks.Author(code, key), versions,
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

        kept = KeptListings.Of(listings, site, fingerprints, changes, index, context);
        (SiteWide, Listings) = (fingerprints.SiteWide, kept.Sums);

        // Story pages, then listing pages, then the others, each by its place in that order.
        var listingsStart = allVersions.Count;
        var jobsStart = listingsStart + listingPages.Count;
        context.ForEach(jobsStart + jobs.Count, job =>
        {
            if (job < listingsStart) StoryPage(job);
            else if (job < jobsStart) ListingPageOf(listingPages[job - listingsStart].Listing, listingPages[job - listingsStart].Number);
            else jobs[job - jobsStart]();
        });
        PageCount = count;
    }

    public override string? Summary => $"{PageCount} pages";
}
