using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Cdn;

/// <summary>
/// Writes Netlify's <c>_headers</c> and <c>_redirects</c> into the output from site.yml, so a new
/// language or category needs no hand edit: Content-Type with charset for feeds, OPML and sitemaps,
/// Cache-Control by kind of file, security headers, the chooser's redirect by Accept-Language and
/// each language's own 404 page. Paths are output paths (the site root on Netlify).
/// </summary>
public sealed class CdnRulesPipeline : OutputPipeline
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(SitemapsPipeline)];

    /// <summary>HTML and feeds: browsers and the CDN may serve a copy up to 5 minutes old, and a stale one for a day while they refetch.</summary>
    public const string ShortCache = "public, max-age=300, stale-while-revalidate=86400";
    /// <summary>Fingerprinted assets: the name changes with the bytes, so a copy never goes stale.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>
    /// What the pages load: the default theme's own CSS, images and nothing else (no inline script or style; the
    /// JSON-LD block is data, which CSP does not execute or block), and in story bodies the iframes of the hosts
    /// site.yml's <c>embeds</c> lists, over https as the sanitizer keeps them (frame-src; none when it lists none).
    /// </summary>
    public static string ContentSecurityPolicy(SiteConfig site) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
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
        context.Output.WriteText("_headers", Headers(site, index, assets, sitemaps).Text(
            "Written by StaticNews from site.yml on every build: edit site.yml or StaticNews, not this file."), "cdn");
        context.Output.WriteText("_redirects", Redirects(site).Text(), "cdn");
    }

    public static HeaderRules Headers(SiteConfig site, StoryIndex index, AssetManifest assets, SitemapFiles sitemaps)
    {
        var rules = new HeaderRules().Add("/*",
            ("Content-Security-Policy", ContentSecurityPolicy(site)),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"),
            ("X-Frame-Options", "DENY"));

        // Cache-Control: each file is matched by exactly one of these rules.
        foreach (var path in new[] { "/", "/index.html", "/404.html" }) rules.Add(path, ("Cache-Control", ShortCache));
        foreach (var language in site.Languages) rules.Add($"/{language.Code}/*", ("Cache-Control", ShortCache));
        foreach (var (name, href) in assets.Hrefs.OrderBy(e => e.Key, StringComparer.Ordinal))
            if (AssetsPipeline.IsFingerprinted(name)) rules.Add(OutputPath(site, href), ("Cache-Control", ImmutableCache));

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

    public static RedirectRules Redirects(SiteConfig site)
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
