using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using StaticNews.Assets;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Images;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// Writes every feed (RSS 2.0, Atom 1.0, JSON Feed 1.1 per language, category and tag, the RFC 5005
/// archive pages), /feeds.opml and each language's feeds page. Its result lists the subscribable
/// feeds with a hash of their bytes, which the build records for `staticnews ping`.
/// <para>
/// It runs beside Pages and follows it: entries are made in the order story pages are rendered, each just after
/// its page, so its body comes from <see cref="Content.RecentBodies"/> instead of being rendered again, and a
/// feed is written as soon as its last entry is made. Entries are held only until then (a feed's, at most),
/// so memory stays flat however large the site.
/// </para>
/// </summary>
public sealed class FeedsPipeline : Pipeline<FeedManifest>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(ImagesPipeline)];

    public override IReadOnlyList<Type> Follows => [typeof(PagesPipeline)];

    /// <summary>Entries made at a time, once Pages has rendered all their pages: far fewer than RecentBodies holds.</summary>
    private const int EntriesAtATime = 256;

    /// <summary>Each archive of the last run summed up, by its folder, recorded for the next build (see Engine.PublishedSums).</summary>
    public IReadOnlyDictionary<string, Fingerprint> ArchiveSums { get; private set; } = new Dictionary<string, Fingerprint>();

    protected override FeedManifest Execute(PipelineContext context)
    {
        var site = context.Site;
        var theme = context.Session.Theme;
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var output = context.Output;
        var catalog = new FeedCatalog(site, theme, index);
        var images = context.ResultOf<ImagesPipeline, ImageCatalog>();

        // An archive whose stories' folders are as when the site was published, in a build whose input is otherwise the
        // same and whose story pages show the site as a whole as then (see StoryChanges: an entry shows its terms' names), is
        // as published if its sum (its settings and links, its versions) is the one recorded.
        var fingerprints = new PageFingerprints(index, images);
        var changes = context.Session.StoryChanges?.Given(fingerprints.SiteWide);
        bool AsPublished(FeedChannel channel, Fingerprint sum) =>
            changes is not null && changes.AsPublished(changes.Published.FeedArchives, channel.Folder, sum, channel.Versions, index);

        // What each feed must render: the formats whose inputs changed since they were published (all, in a clean build).
        // Each version's entry inputs at most once, by its position: a version is in several feeds (its month's archive,
        // its language's and category's live feeds).
        var entryInputs = new MadeOnce(index.Versions.Count, version => EntryInputs(version, index.Taxonomy, images));
        var plans = context.Map(catalog.Channels, channel =>
        {
            Fingerprint? sum = channel.IsArchive ? FeedInputs(channel, PublishedSums.AddListed) : null;
            var asPublished = sum is { } archive && AsPublished(channel, archive);
            var formats = channel.Formats.Where(f => !(asPublished && output.TryKeepAsPublished(FilePath(channel, f), "feeds"))).ToList();
            if (formats.Count == 0) return new FeedPlan(channel, default, [], -1, sum);
            var inputs = FeedInputs(channel, (entries, v) => entries.Add(entryInputs.Get(index.PositionOf(v), v)));
            // A live feed is read back for the manifest `staticnews ping` announces from: kept only if it stands as published.
            formats = formats.Where(f => !output.TryKeep(FilePath(channel, f), FormatFingerprint(f, inputs), "feeds", readBack: !channel.IsArchive)).ToList();
            return new FeedPlan(channel, inputs, formats, channel.Versions.Select(index.PositionOf).DefaultIfEmpty(-1).Max(), sum);
        });
        ArchiveSums = plans.Where(plan => plan.Sum is not null).ToDictionary(plan => plan.Channel.Folder, plan => plan.Sum!.Value, StringComparer.Ordinal);

        var pending = plans.Where(p => p.Formats.Count > 0).OrderBy(p => p.LastPosition).ToList();
        // Each version's entry is made once, for every feed it is in (its archive page or its language's live feed, often
        // its category's): how many of the feeds to write each version is in, by its position (a table by version would
        // take an entry for every version of the site).
        var feedsOf = new int[index.Versions.Count];
        foreach (var plan in pending)
            foreach (var version in plan.Channel.Versions) feedsOf[index.PositionOf(version)]++;
        var needed = new List<StoryVersion>();
        for (var position = 0; position < feedsOf.Length; position++)
            if (feedsOf[position] > 0) needed.Add(index.Versions[position]);
        var entries = new Dictionary<StoryVersion, FeedEntry>();
        var factory = new FeedEntries(site, theme, index.Taxonomy, images);
        var syndication = new SyndicationFeeds(site);
        var json = new JsonFeedBuilder(site);
        void Build(FeedChannel channel, FeedFormat format, Stream stream)
        {
            switch (format)
            {
                case FeedFormat.Rss: syndication.Rss(channel, stream); break;
                case FeedFormat.Atom: syndication.Atom(channel, stream); break;
                default: json.Build(channel, stream); break;
            }
        }
        var pages = context.ProgressOf<PagesPipeline>();
        var written = 0;

        // Writes the feeds whose last entry comes before position `reached`, and lets go of the entries no feed still needs.
        void WriteComplete(int reached)
        {
            var complete = new List<FeedPlan>();
            while (written < pending.Count && pending[written].LastPosition < reached) complete.Add(pending[written++]);
            var channels = complete.Select(p => p.Channel with { Entries = p.Channel.Versions.Select(v => entries[v]).ToList() }).ToList();
            context.ForEach(complete.SelectMany((p, i) => p.Formats.Select(f => (Plan: p, Channel: channels[i], Format: f))), file =>
                output.Render(FilePath(file.Channel, file.Format), FormatFingerprint(file.Format, file.Plan.Inputs),
                    stream => Build(file.Channel, file.Format, stream), "feeds"));
            foreach (var version in complete.SelectMany(p => p.Channel.Versions))
                if (--feedsOf[index.PositionOf(version)] == 0) entries.Remove(version);
        }

        WriteComplete(0); // feeds without entries: the live feed of a language with no story yet
        foreach (var chunk in needed.Chunk(EntriesAtATime))
        {
            var reached = index.PositionOf(chunk[^1]) + 1;
            pages.WaitFor(reached);
            var made = context.Map(chunk, factory.For);
            for (var i = 0; i < chunk.Length; i++) entries[chunk[i]] = made[i];
            WriteComplete(reached);
        }

        output.Write(Permalinks.FileFor(Permalinks.Opml), Opml.Build(site, catalog.Channels), "feeds");
        WriteFeedsPages(context, catalog, index, theme, fingerprints);

        var published = new ConcurrentBag<PublishedFeed>();
        context.ForEach(catalog.Channels.Where(c => !c.IsArchive).SelectMany(c => c.Formats.Select(f => (Channel: c, Format: f))), feed =>
        {
            using var bytes = File.OpenRead(output.CurrentFile(FilePath(feed.Channel, feed.Format)));
            published.Add(new PublishedFeed(FeedFormats.Url(site, feed.Channel.Folder, feed.Format), Convert.ToHexStringLower(SHA256.HashData(bytes))));
        });
        return new FeedManifest(site.Hubs.Select(h => h.AbsoluteUri).ToList(),
            published.OrderBy(f => f.Url, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A feed with what it is made from (beyond the build-wide inputs), the formats to render, where its oldest version is
    /// in Pages' order, and for an archive its sum.
    /// </summary>
    private sealed record FeedPlan(FeedChannel Channel, Fingerprint Inputs, IReadOnlyList<FeedFormat> Formats, int LastPosition, Fingerprint? Sum);

    private static string FilePath(FeedChannel channel, FeedFormat format) => Permalinks.FileFor(FeedFormats.FilePath(channel.Folder, format));

    /// <summary>/{lang}/feeds/: the language's live feeds, its category feeds and its archives, readable.</summary>
    private static void WriteFeedsPages(PipelineContext context, FeedCatalog catalog, StoryIndex index, Theme theme, PageFingerprints fingerprints)
    {
        var site = context.Site;
        var assets = context.ResultOf<AssetsPipeline, AssetManifest>();
        var images = context.ResultOf<ImagesPipeline, ImageCatalog>();
        var pages = new PageBuilder(site, theme, index, images, assets.Href("site.css"));
        foreach (var language in site.Languages)
        {
            var strings = theme.Strings(language.Code);
            var channels = catalog.Channels.Where(c => c.Language == language).ToList();
            var groups = channels.Where(c => !c.IsArchive && c.Listed)
                .Select(c => new FeedGroupModel(c.Title, Links(c, site)))
                .ToList();
            // The newest archive and the oldest (there are never fewer than two), not the thousands between: a reader
            // walks them by their prev-archive and next-archive links, and the page stays the same size as the archive grows.
            var archives = channels.Where(c => c.IsArchive).ToList();
            if (archives.Count > 0)
                groups.Add(new FeedGroupModel(strings.Get("feeds_archives"), [.. Links(archives[0], site), .. Links(archives[^1], site)],
                    strings.Get("feeds_archives_note", ("count", archives.Count.ToString(CultureInfo.InvariantCulture)))));
            var url = Permalinks.FeedsPage(language.Code);
            // Rendered only when the list of feeds (or the page chrome) changed since it was published.
            var fingerprint = new FingerprintBuilder().Add(fingerprints.Fixed(language.Code, url))
                .AddAll(groups.SelectMany(g => g.Feeds.Select(f => f.Title + " " + f.Href).Prepend(g.Note ?? "").Prepend(g.Heading))).Value;
            context.Output.Write(Permalinks.FileFor(url), fingerprint, stream => pages.Render(pages.FeedsPage(language, groups), "feeds", stream), "feeds");
        }
    }

    /// <summary>What a feed is made from, beyond the build-wide inputs: its own settings and links, and each entry's inputs.</summary>
    private static Fingerprint FeedInputs(FeedChannel channel, Func<FingerprintBuilder, StoryVersion, FingerprintBuilder> addEntry)
    {
        var inputs = new FingerprintBuilder()
            .Add(channel.Folder).Add(channel.Title).Add(channel.Description).Add(channel.HomeUrl).Add(channel.Publisher)
            .Add(channel.Updated)
            .AddAll(channel.Hubs.Select(h => h.AbsoluteUri))
            .Add(channel.PrevArchiveFolder).Add(channel.NextArchiveFolder).Add(channel.CurrentFolder);
        foreach (var version in channel.Versions) addEntry(inputs, version);
        return inputs.Add(channel.Versions.Count).Value;
    }

    /// <summary>
    /// What an entry shows (see FeedEntries.For): its id (the story's key), its own file, what it inherits as resolved on the version,
    /// the notice (original's URL, staleness), the original's corrections, the other versions' URLs (related links
    /// with hreflang) and the images by their hashes (the lead's files and sizes, the body's pictures). Editing one version re-renders
    /// only the feeds whose entries change.
    /// </summary>
    private static Fingerprint EntryInputs(StoryVersion version, Taxonomy taxonomy, ImageCatalog images)
    {
        // Asked for every version of the site in every build: plain loops, and terms by their URL segments (the
        // feed is in one language), not by URLs made for the purpose.
        var language = version.Language.Code;
        var fingerprint = new FingerprintBuilder()
            .Add(version.Story.Key).Add(language).Add(version.Url).Add(version.Article.ContentHash).Add((int)version.Kind).Add(version.IsStale ? "stale" : "")
            .Add(version.Date).Add(version.LastModified)
            .Add(version.Category);
        if (version.Category is { } c) PageFingerprints.AddShown(fingerprint, taxonomy.Category(c), language);
        var tags = version.Tags;
        for (var i = 0; i < tags.Count; i++) PageFingerprints.AddShown(fingerprint, taxonomy.Tag(tags[i]), language);
        fingerprint.Add(tags.Count)
            .Add(version.Image).Add(version.ImageAlt).Add(version.ImageCaption).Add(version.ImageCredit);
        PageFingerprints.AddLeadImage(fingerprint, images, version);
        var credits = 0;
        var bylines = version.Bylines;
        for (var i = 0; i < bylines.Count; i++) credits += PageFingerprints.AddShown(fingerprint, bylines[i], language, version.Story.Original.Language.Code);
        fingerprint.Add(credits)
            .Add(version.Story.Original.Url)
            .AddAll(version.Story.Corrections.SelectMany(c => c.Shown()));
        var versions = version.Story.Versions;
        for (var i = 0; i < versions.Count; i++) fingerprint.Add(versions[i].Language.Hreflang).Add(versions[i].Url);
        fingerprint.Add(versions.Count);
        PageFingerprints.AddImages(fingerprint, images, version.Story);
        return fingerprint.Value;
    }

    /// <summary>One format of a feed: its inputs and the format.</summary>
    private static Fingerprint FormatFingerprint(FeedFormat format, Fingerprint inputs) => new FingerprintBuilder().Add((int)format).Add(inputs).Value;

    private static List<FeedLinkModel> Links(FeedChannel channel, SiteConfig site) =>
        channel.Formats.Select(f => new FeedLinkModel(FeedFormats.MediaType(f), $"{channel.Title} ({FeedFormats.Name(f)})",
            FeedFormats.Url(site, channel.Folder, f))).ToList();
}
