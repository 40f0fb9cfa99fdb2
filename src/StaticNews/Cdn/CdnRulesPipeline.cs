using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Search;
using StaticNews.Redirects;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Cdn;

/// <summary>
/// Writes Netlify's <c>_headers</c> and <c>_redirects</c> into the output from site.yml, so a new
/// language or category needs no hand edit: Content-Type with charset for feeds, OPML and sitemaps,
/// Cache-Control by kind of file, security headers, the chooser's redirect by Accept-Language, the redirects
/// of old addresses (see <see cref="RedirectsPipeline"/>) and each language's own 404 page. Paths are output paths
/// (the site root on Netlify).
/// </summary>
public sealed class CdnRulesPipeline : OutputPipeline
{
    // After every stage that writes files: with search, the policy's rules follow the folders the site has (Headers).
    public override IReadOnlyList<Type> Dependencies =>
        [typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(SitemapsPipeline), typeof(PagesPipeline), typeof(FeedsPipeline), typeof(SearchPipeline), typeof(RedirectsPipeline)];

    /// <summary>HTML and feeds: browsers and the CDN may serve a copy up to 5 minutes old, and a stale one for a day while they refetch.</summary>
    public const string ShortCache = "public, max-age=300, stale-while-revalidate=86400";
    /// <summary>Fingerprinted assets: the name changes with the bytes, so a copy never goes stale.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>
    /// What the pages load: the default theme's own CSS, images and nothing else (no inline script or style; the
    /// JSON-LD block is data, which CSP does not execute or block), and in story bodies the iframes of the hosts
    /// site.yml's <c>embeds</c> lists, over https as the sanitizer keeps them (frame-src; none when it lists none).
    /// </summary>
    /// <para>On the search pages and Pagefind's scripts, <paramref name="search"/>: scripts may also compile WebAssembly (Pagefind's index reader).</para>
    public static string ContentSecurityPolicy(SiteConfig site, bool search = false) =>
        "default-src 'none'; script-src 'self'" + (search ? " 'wasm-unsafe-eval'" : "") + "; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        (site.EmbedHosts.Count > 0 ? $"frame-src {string.Join(' ', site.EmbedHosts.Select(h => "https://" + h))}; " : "") +
        "manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string OpmlType = "text/x-opml; charset=utf-8";
    public const string XmlType = "application/xml; charset=utf-8";

    protected override void Write(PipelineContext context)
    {
        var site = context.Site;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var sitemaps = context.ResultOf<SitemapsPipeline, SitemapFiles>();
        context.Output.WriteText("_headers", Headers(site, index, assets, sitemaps, context.ResultOf<SearchPipeline, SearchOutcome>().Assets, context.Output.Paths).Text(
            "Written by StaticNews from site.yml on every build: edit site.yml or StaticNews, not this file."), "cdn");
        context.Output.WriteText("_redirects", Redirects(site, context.ResultOf<RedirectsPipeline, RedirectPlan>()).Text(), "cdn");
    }

    /// <param name="files">Every file of the site (output paths), for the policy's rules when the site has search pages.</param>
    /// <param name="searchAssets">The search stage's fingerprinted files (output paths from the root).</param>
    public static HeaderRules Headers(SiteConfig site, StoryIndex index, AssetManifest assets, SitemapFiles sitemaps, IReadOnlyList<string> searchAssets, IEnumerable<string> files)
    {
        var rules = new HeaderRules();
        if (site.Search) AddPolicies(rules, site, files);
        var security = new List<(string, string)>
        {
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"),
            ("X-Frame-Options", "DENY"),
        };
        if (!site.Search) security.Insert(0, ("Content-Security-Policy", ContentSecurityPolicy(site)));
        rules.Add("/*", [.. security]);

        // Cache-Control: each file is matched by exactly one of these rules.
        foreach (var path in new[] { "/", "/index.html", "/404.html" }) rules.Add(path, ("Cache-Control", ShortCache));
        foreach (var language in site.Languages) rules.Add($"/{language.Code}/*", ("Cache-Control", ShortCache));
        foreach (var (name, href) in assets.Hrefs.OrderBy(e => e.Key, StringComparer.Ordinal))
            if (AssetsPipeline.IsFingerprinted(name)) rules.Add(OutputPath(site, href), ("Cache-Control", ImmutableCache));
        foreach (var asset in searchAssets) rules.Add(asset, ("Cache-Control", ImmutableCache));
        // Story images live under their content's hash: new bytes, new folder.
        rules.Add(Images.ImagesPipeline.OutputFolder + "*", ("Cache-Control", ImmutableCache));

        // Content-Type: feeds of each language and of each of its categories, and its archive pages, one rule for all
        // (:page is one path segment to Netlify); all under /{lang}/, so cached by that rule.
        foreach (var language in site.Languages)
        {
            var listings = new[] { Permalinks.Home(language.Code) }
                .Concat(index.ByCategory[language.Code].Keys.Select(key => index.Taxonomy.CategoryUrl(language.Code, key)));
            foreach (var listing in listings)
                foreach (var format in FeedFormats.All)
                    rules.Add(FeedFormats.FilePath(listing, format), FeedType(format));
            if (FeedCatalog.ArchivePages(index.ByLanguage[language.Code].Count, site.FeedSize) > 0)
                foreach (var format in FeedCatalog.ArchiveFormats)
                    rules.Add(FeedFormats.FilePath(Permalinks.FeedArchive(language.Code, ":page"), format), FeedType(format));
        }
        // Tag and author feeds by one rule per format: a site has thousands of tags, and a tag's text must never reach this file.
        foreach (var listing in new[] { Permalinks.Tag(":lang", ":tag"), Permalinks.Author(":lang", ":author") })
            foreach (var format in FeedFormats.All)
                rules.Add(FeedFormats.FilePath(listing, format), FeedType(format));
        static (string, string) FeedType(FeedFormat format) => ("Content-Type", FeedFormats.MediaType(format) + "; charset=utf-8");
        rules.Add(Permalinks.Opml, ("Content-Type", OpmlType), ("Cache-Control", ShortCache));

        // Story files served for download (PDF documents), in every language's copy of the story.
        foreach (var story in index.Stories)
            foreach (var asset in story.Assets.Select(Path.GetFileName).Where(name => StoryMedia.Of(name!)?.AsAttachment == true))
                foreach (var version in story.Versions)
                    rules.Add(Permalinks.Asset(version.Url, asset!), ("Content-Disposition", "attachment"));
        foreach (var path in sitemaps.Paths) rules.Add("/" + path, ("Content-Type", XmlType), ("Cache-Control", ShortCache));
        rules.Add("/" + SitemapsPipeline.RobotsPath, ("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", ShortCache));
        return rules;
    }

    /// <summary>
    /// The policy, when search pages need one of their own. Netlify joins the values of a header set by two rules
    /// matching one path (and a browser enforces each of two policies), so the search pages' policy cannot be added over
    /// a rule for the whole site: the site is covered by rules that never overlap, one per file or folder at the top and
    /// in each language's folder, the search page's folder being one of them. Pagefind's folder has the search pages'
    /// policy too: its index reader runs in a worker, which is under the policy its own script is served with.
    /// </summary>
    private static void AddPolicies(HeaderRules rules, SiteConfig site, IEnumerable<string> files)
    {
        var policy = ("Content-Security-Policy", ContentSecurityPolicy(site));
        var languages = site.Languages.Select(l => l.Code + "/").ToHashSet(StringComparer.Ordinal);
        rules.Add("/", policy);
        // Each entry once, in order: a file (no slash) or a folder (ending in one), at the top or in a language's folder.
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            if (path is "_headers" or "_redirects") continue;
            var slash = path.IndexOf('/');
            var top = slash < 0 ? path : path[..(slash + 1)];
            if (!languages.Contains(top)) { entries.Add(top); continue; }
            var next = path.IndexOf('/', slash + 1);
            entries.Add(next < 0 ? path : path[..(next + 1)]);
        }
        foreach (var language in languages) rules.Add("/" + language, policy);
        // Pagefind's folder whether or not this build could make the index (a rule for it never hurts).
        entries.Add(Permalinks.SearchIndex.TrimStart('/'));
        foreach (var entry in entries)
        {
            if (!entry.EndsWith('/')) rules.Add("/" + entry, policy);
            else if ("/" + entry == Permalinks.SearchIndex || languages.Any(l => Permalinks.SearchPage(l[..^1]) == "/" + entry)) rules.Add($"/{entry}*", ("Content-Security-Policy", ContentSecurityPolicy(site, search: true)));
            else rules.Add($"/{entry}*", policy);
        }
    }

    public static RedirectRules Redirects(SiteConfig site, RedirectPlan plan)
    {
        var rules = new RedirectRules()
            .Comment("Written by StaticNews from site.yml on every build: edit site.yml or StaticNews, not this file.")
            .Comment("The chooser (/) sends visitors to their language by Accept-Language; forced (!) because / has a file.")
            .Comment("Without a matching language the chooser page itself is served.");
        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in site.Languages)
        {
            // Netlify compares the browser's language subtag (fr for fr-CA); the first language claiming one wins.
            var browserLanguage = language.Code.Split('-')[0].ToLowerInvariant();
            if (claimed.Add(browserLanguage))
                rules.Add("/", Permalinks.Home(language.Code), "302!", $"Language={browserLanguage}");
        }
        if (plan.Redirects.Count > 0)
        {
            // Before the 404 rules below: the first rule that matches wins. Forced (!) because a small page that
            // redirects too stands at each old address, for hosts without these rules.
            // Paths percent-escaped: no character of one (a space, '#', '!', ':') can be read as syntax of a rule.
            rules.Comment("Addresses published before: moved for good to where the story is now, or gone with their story (its language's 404 page, status 410).");
            foreach (var redirect in plan.Redirects)
                rules.Add(AliasPath.Escape(redirect.From), AliasPath.Escape(redirect.To ?? (site.Language(redirect.Language) is null ? "/404.html" : Permalinks.NotFound(redirect.Language))), redirect.IsGone ? "410" : "301!");
        }
        rules.Comment("A miss under a language is answered by that language's 404 page (files that exist are served first).");
        foreach (var language in site.Languages)
            rules.Add($"/{language.Code}/*", Permalinks.NotFound(language.Code), "404");
        return rules;
    }

    /// <summary>An asset's href without the base URL's path: Netlify matches paths from the output root.</summary>
    private static string OutputPath(SiteConfig site, string href)
    {
        var basePath = site.BaseUrl.AbsolutePath.TrimEnd('/');
        return href.StartsWith(basePath + "/", StringComparison.Ordinal) ? href[basePath.Length..] : href;
    }
}
