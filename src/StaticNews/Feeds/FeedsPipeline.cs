using System.Collections.Concurrent;
using System.Security.Cryptography;
using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Writes every feed (RSS 2.0, Atom 1.0, JSON Feed 1.1 per language and per category, the RFC 5005
/// monthly archives), /feeds.opml and each language's feeds page. Its result lists the subscribable
/// feeds with a hash of their bytes, which the build records for `staticnews ping`.
/// </summary>
public sealed class FeedsPipeline : Pipeline<FeedManifest>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline)];

    protected override FeedManifest Execute(PipelineContext context)
    {
        var site = context.Site;
        var theme = context.Session.Theme;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var output = context.Output;

        var factory = new FeedEntries(site, theme);
        var catalog = new FeedCatalog(site, theme, index);

        var syndication = new SyndicationFeeds(site);
        var json = new JsonFeedBuilder(site);
        var published = new ConcurrentBag<PublishedFeed>();
        // One channel at a time per thread: its entries are made (only if some format must be rendered
        // again: see Fingerprint), written in each format, and let go.
        var entryFingerprints = new ConcurrentDictionary<StoryVersion, string>();
        // The entries of the live feeds are made once: each of their versions is in an archive too, and often in
        // two live feeds (its language's and its category's). They are a few hundred per language whatever the site's size.
        var live = catalog.Channels.Where(c => !c.IsArchive).SelectMany(c => c.Versions).ToHashSet();
        var liveEntries = new ConcurrentDictionary<StoryVersion, FeedEntry>();
        FeedEntry Entry(StoryVersion version) => live.Contains(version) ? liveEntries.GetOrAdd(version, factory.For) : factory.For(version);
        context.ForEach(catalog.Channels, planned =>
        {
            var channel = new Lazy<FeedChannel>(() => planned with { Entries = context.Map(planned.Versions, Entry) });
            var inputs = FeedInputs(planned, v => entryFingerprints.GetOrAdd(v, EntryInputs));
            // The formats of a channel are written side by side too: after an edit, one month's archive may be all there is to write.
            context.ForEach(planned.Formats, format =>
            {
                var path = FeedFormats.FilePath(planned.Folder, format).TrimStart('/');
                output.Write(path, Fingerprint.Of(format.ToString(), inputs), stream =>
                {
                    switch (format)
                    {
                        case FeedFormat.Rss: syndication.Rss(channel.Value, stream); break;
                        case FeedFormat.Atom: syndication.Atom(channel.Value, stream); break;
                        default: json.Build(channel.Value, stream); break;
                    }
                }, "feeds");
                if (!planned.IsArchive)
                {
                    using var bytes = File.OpenRead(output.CurrentFile(path));
                    published.Add(new PublishedFeed(FeedFormats.Url(site, planned.Folder, format), Convert.ToHexStringLower(SHA256.HashData(bytes))));
                }
            });
        });

        output.Write(Permalinks.Opml.TrimStart('/'), Opml.Build(site, catalog.Channels), "feeds");
        WriteFeedsPages(context, catalog, index, theme);

        return new FeedManifest(site.Hubs.Select(h => h.AbsoluteUri).ToList(),
            published.OrderBy(f => f.Url, StringComparer.Ordinal).ToList());
    }

    /// <summary>/{lang}/feeds/: the language's live feeds, its category feeds and its archives, readable.</summary>
    private static void WriteFeedsPages(PipelineContext context, FeedCatalog catalog, StoryIndex index, Theme theme)
    {
        var site = context.Site;
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var pages = new PageBuilder(site, theme, index, assets.Href("site.css"));
        var fingerprints = new PageFingerprints(index);
        foreach (var language in site.Languages)
        {
            var strings = theme.Strings(language.Code);
            var channels = catalog.Channels.Where(c => c.Language == language).ToList();
            var groups = channels.Where(c => !c.IsArchive)
                .Select(c => new FeedGroupModel(c.Title, Links(c, site)))
                .ToList();
            var archives = channels.Where(c => c.IsArchive).SelectMany(c => Links(c, site)).ToList();
            if (archives.Count > 0) groups.Add(new FeedGroupModel(strings.Get("feeds_archives"), archives));
            var url = Permalinks.FeedsPage(language.Code);
            // Rendered only when the list of feeds (or the page chrome) changed since it was published.
            var fingerprint = new Fingerprint().Add(fingerprints.Fixed(language.Code, url))
                .AddAll(groups.SelectMany(g => g.Feeds.Select(f => f.Title + " " + f.Href).Prepend(g.Heading))).Value;
            context.Output.Write(Permalinks.FileFor(url), fingerprint, stream => pages.Render(pages.FeedsPage(language, groups), "feeds", stream), "feeds");
        }
    }

    /// <summary>What a feed is made from, beyond the build-wide inputs: its own settings and links, and each entry's inputs.</summary>
    private static string FeedInputs(FeedChannel channel, Func<StoryVersion, string> entry) => new Fingerprint()
        .Add(channel.Folder).Add(channel.Title).Add(channel.Description).Add(channel.HomeUrl).Add(channel.Publisher)
        .Add(channel.Updated.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
        .AddAll(channel.Hubs.Select(h => h.AbsoluteUri))
        .Add(channel.PrevArchiveFolder).Add(channel.NextArchiveFolder).Add(channel.CurrentFolder)
        .AddAll(channel.Versions.Select(entry))
        .Value;

    /// <summary>
    /// What an entry shows (see FeedEntries.For): its own file, what it inherits as resolved on the version,
    /// the notice (original's URL, staleness), the other versions' URLs (hreflang alternates) and the
    /// image's size (enclosure length). Editing one version re-renders only the feeds whose entries change.
    /// </summary>
    private static string EntryInputs(StoryVersion version) => new Fingerprint()
        .Add(version.Url).Add(version.Article.ContentHash).Add(version.Kind.ToString()).Add(version.IsStale ? "stale" : "")
        .Add(version.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
        .Add(version.LastModified.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
        .Add(version.Category).AddAll(version.Tags).Add(version.Image).Add(version.ImageAlt).Add(version.Author)
        .Add(version.Story.Original.Url)
        .AddAll(version.Story.Versions.Select(v => $"{v.Language.Hreflang} {v.Url}"))
        .AddAll(version.Story.Assets.Select(a => $"{Path.GetFileName(a)} {new FileInfo(a).Length}"))
        .Value;

    private static List<FeedLinkModel> Links(FeedChannel channel, SiteConfig site) =>
        channel.Formats.Select(f => new FeedLinkModel(FeedFormats.MediaType(f), $"{channel.Title} ({FeedFormats.Name(f)})",
            FeedFormats.Url(site, channel.Folder, f))).ToList();
}
