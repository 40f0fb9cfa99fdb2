using StaticNews.Assets;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Feeds;
using StaticNews.Pages;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Redirects;

/// <summary>An address that no page answers any more: where it leads now (a site-relative URL), or null if its story is gone; the language it was in.</summary>
public sealed record Redirect(string From, string? To, string Language)
{
    public bool IsGone => To is null;
}

/// <summary>What the build answers at addresses it no longer has pages for, and the record to keep for the next build.</summary>
public sealed record RedirectPlan(IReadOnlyList<Redirect> Redirects, PublishedUrls Record)
{
    /// <summary>False if the record is the one the build read: nothing to save.</summary>
    public bool RecordChanged { get; init; } = true;
}

/// <summary>
/// Keeps every address StaticNews has published answering. The record of published addresses
/// (<see cref="PublishedUrls"/>) says which story version each one belonged to; an address whose version now lives
/// elsewhere (a slug edited, a date fixed, the permalink pattern changed) gets a permanent redirect to it, one of a
/// version that was removed a redirect to the story's original, and one of a story that was removed is Gone (410).
/// Aliases in front matter (old addresses from before StaticNews) are redirects to their version too. Each redirect
/// is a rule in <c>_redirects</c> (written by the CDN rules) and, for hosts without such rules, a small page at the old
/// address pointing to the new one. Runs after every pipeline that writes pages, so that no redirect takes the place
/// of a file the site publishes.
/// </summary>
public sealed class RedirectsPipeline : Pipeline<RedirectPlan>
{
    public override IReadOnlyList<Type> Dependencies =>
        [typeof(PublishedUrlsPipeline), typeof(StoriesPipeline), typeof(AssetsPipeline), typeof(PagesPipeline), typeof(FeedsPipeline), typeof(SitemapsPipeline),
         typeof(Search.SearchPipeline), typeof(Images.ImagesPipeline)];

    protected override RedirectPlan Execute(PipelineContext context)
    {
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        // Unreadable: reported by the stage that read it, and the build fails.
        if (context.ResultOf<PublishedUrlsPipeline, RecordedUrls>().Record is not { } recorded) return new RedirectPlan([], PublishedUrls.Empty) { RecordChanged = false };

        // The site's files compared as a case-insensitive file system would: a table of every file and folder, made only
        // once an address needs checking (an alias, or a recorded address no story has now), which in most builds none does.
        var published = new Lazy<PublishedFiles>(() => new PublishedFiles(context.Output.Paths, context.Output.ClaimedFolders), LazyThreadSafetyMode.None);
        var aliases = AliasClaims.Check(index, path => published.Value.HasPage(path), context.Diagnostics);
        var record = new Dictionary<string, UrlOwner>(recorded.Owners, StringComparer.Ordinal);
        var changed = context.Session.State is null;
        // An address's owner as recorded is kept (the same object) while it is the same version: most are, build after build.
        void Own(string path, StoryVersion version)
        {
            if (record.TryGetValue(path, out var owner) && owner.Story == version.Story.Key && owner.Language == version.Language.Code) return;
            record[path] = Owner(version);
            changed = true;
        }
        foreach (var version in index.Versions) Own(version.Url, version);
        foreach (var (path, version) in aliases) Own(path, version);

        // Only the addresses no story page answers now, in ordinal order (the order of the rules). Every version's own
        // address is recorded as its own just above, so an address is a story page's if its owner has a version there now.
        var stories = index.Stories.ToDictionary(s => s.Key, StringComparer.Ordinal);
        bool IsCurrent(string path, UrlOwner owner)
        {
            if (owner.Story is not { } key || !stories.TryGetValue(key, out var story)) return false;
            foreach (var version in story.Versions)
                if (version.Url == path) return true;
            return false;
        }
        var unanswered = new List<KeyValuePair<string, UrlOwner>>();
        foreach (var entry in record)
            if (!IsCurrent(entry.Key, entry.Value) && !published.Value.HasPage(entry.Key)) unanswered.Add(entry);
        unanswered.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

        var redirects = new List<Redirect>(unanswered.Count);
        var site = context.Site;
        var theme = context.Session.Theme;
        foreach (var (path, owner) in unanswered)
        {
            var story = owner.Story is null ? null : stories.GetValueOrDefault(owner.Story);
            var target = story is null ? null : story.Version(owner.Language) ?? story.Original;
            redirects.Add(new Redirect(path, target?.Url, owner.Language));
            if (target is null || published.Value.Blocks(RedirectPage.FileFor(path))) continue;
            // What the page shows (the theme and site.yml are in the build cache's key): kept as published while it is the same.
            var fingerprint = Publish.Fingerprint.Of("redirect", path, target.Url, target.Title, target.Language.Code);
            context.Output.Write(RedirectPage.FileFor(path), fingerprint,
                stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(RedirectPage.Html(site, theme, target))), "redirect from " + path);
        }
        return new RedirectPlan(redirects, new PublishedUrls(record)) { RecordChanged = changed };
    }

    public override string? Summary => HasResult && Result.Redirects.Count > 0
        ? $"{Result.Redirects.Count(r => !r.IsGone)} moved, {Result.Redirects.Count(r => r.IsGone)} gone"
        : null;

    private static UrlOwner Owner(StoryVersion version) => new(version.Story.Key, version.Language.Code);

    /// <summary>The files of the site as this build publishes them, compared as a case-insensitive file system would.</summary>
    private sealed class PublishedFiles
    {
        private readonly HashSet<string> _files;
        private readonly HashSet<ReadOnlyMemory<char>> _folders;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _filesBySpan;

        /// <param name="paths">The site's files.</param>
        /// <param name="folders">Their folders (the sink's slices of the paths: one per story page, no string made here).</param>
        public PublishedFiles(IReadOnlyCollection<string> paths, IReadOnlyCollection<ReadOnlyMemory<char>> folders)
        {
            _files = new(paths.Count, StringComparer.OrdinalIgnoreCase);
            _folders = new(folders.Count, Publish.CharSliceComparer.OrdinalIgnoreCase);
            _filesBySpan = _files.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var path in paths) _files.Add(path);
            foreach (var folder in folders) _folders.Add(folder);
        }

        /// <summary>True if a file of the site answers at <paramref name="urlPath"/> (its page, or the file itself).</summary>
        public bool HasPage(string urlPath) =>
            _files.Contains(Permalinks.FileFor(urlPath)) || _files.Contains(RedirectPage.FileFor(urlPath));

        /// <summary>True if a page at <paramref name="file"/> would stand where the site has a file, or a folder, or lie in a file's place.</summary>
        public bool Blocks(string file)
        {
            if (_files.Contains(file) || _folders.Contains(file.AsMemory())) return true;
            for (var slash = file.IndexOf('/'); slash > 0; slash = file.IndexOf('/', slash + 1))
                if (_filesBySpan.Contains(file.AsSpan(0, slash))) return true;
            return false;
        }
    }
}
