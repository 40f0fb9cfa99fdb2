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
/// address pointing to the new one. The record is brought up to date beside the pipelines that write the site's files;
/// the site is looked at once they have all finished, so that no redirect takes the place of a file the site publishes.
/// </summary>
public sealed class RedirectsPipeline : Pipeline<RedirectPlan>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(PublishedUrlsPipeline), typeof(StoriesPipeline)];

    /// <summary>Every pipeline that writes the site's files (waited for to its end, not paced behind).</summary>
    public override IReadOnlyList<Type> Follows =>
        [typeof(AssetsPipeline), typeof(PagesPipeline), typeof(FeedsPipeline), typeof(SitemapsPipeline), typeof(Search.SearchPipeline), typeof(Images.ImagesPipeline)];

    protected override RedirectPlan Execute(PipelineContext context)
    {
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        // Unreadable: reported by the stage that read it, and the build fails.
        // Brought up to date in place: no other stage reads it.
        if (context.ResultOf<PublishedUrlsPipeline, RecordedUrls>().Record is not { } record) return new RedirectPlan([], PublishedUrls.Empty) { RecordChanged = false };

        var changed = context.Session.State is null;
        foreach (var version in index.Versions) changed |= record.OwnPage(version.Url, Owner(version));

        // The addresses that are not story pages now, and the aliases, are what may need a redirect: only they are looked
        // for among the site's files.
        var notStoryPages = record.WithoutPage().ToList();
        var giving = AliasClaims.Giving(index);
        var aliasPaths = giving.SelectMany(version => version.Article.Aliases.Select(alias => alias.Path));
        foreach (var writer in Follows) context.ProgressOf(writer).WaitFor(int.MaxValue);
        var published = new PublishedFiles(context, notStoryPages.Concat(aliasPaths));
        var aliases = AliasClaims.Check(index, giving, published.HasPage, context.Diagnostics);
        // An alias is never a story page's address (AliasClaims): one not in the record yet is not among the others.
        var newAliases = aliases.Keys.Where(path => !record.Owners.ContainsKey(path)).ToList();
        foreach (var (path, version) in aliases) changed |= record.Own(path, Owner(version));

        // Only the addresses no page answers now, in ordinal order (the order of the rules): the others, and the new
        // aliases, unless a page of the site has them.
        var unanswered = notStoryPages.Concat(newAliases)
            .Where(path => !published.HasPage(path)).Select(path => KeyValuePair.Create(path, record.Owners[path])).ToList();
        unanswered.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

        var stories = index.Stories.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var redirects = new List<Redirect>(unanswered.Count);
        var site = context.Site;
        var theme = context.Session.Theme;
        foreach (var (path, owner) in unanswered)
        {
            var story = owner.Story is null ? null : stories.GetValueOrDefault(owner.Story);
            var target = story is null ? null : story.Version(owner.Language) ?? story.Original;
            redirects.Add(new Redirect(path, target?.Url, owner.Language));
            if (target is null || published.Blocks(RedirectPage.FileFor(path))) continue;
            // What the page shows (the theme and site.yml are in the build cache's key): kept as published while it is the same.
            var fingerprint = Publish.Fingerprint.Of("redirect", path, target.Url, target.Title, target.Language.Code);
            context.Output.Write(RedirectPage.FileFor(path), fingerprint,
                stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(RedirectPage.Html(site, theme, target))), "redirect from " + path);
        }
        return new RedirectPlan(redirects, record) { RecordChanged = changed };
    }

    public override string? Summary => HasResult && Result.Redirects.Count > 0
        ? $"{Result.Redirects.Count(r => !r.IsGone)} moved, {Result.Redirects.Count(r => r.IsGone)} gone"
        : null;

    private static UrlOwner Owner(StoryVersion version) => new(version.Story.Key, version.Language.Code);

    /// <summary>
    /// What the site's files (as this build publishes them) are at a few addresses, compared as a case-insensitive file
    /// system would. The addresses are named first, and one pass over the site's files and folders finds them: most
    /// builds ask about a few hundred names, and a table of every file of a large site would be the build's last large
    /// allocation, with a full garbage collection of the whole heap after it.
    /// </summary>
    private sealed class PublishedFiles
    {
        // Each name that may be asked about (a page's file, a redirect page's file and its folders).
        private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
        // Those the site has as a file, and as a folder.
        private readonly HashSet<string> _files, _folders;

        /// <param name="context">The build, whose output holds the site's files and their folders.</param>
        /// <param name="addresses">The site-relative addresses <see cref="HasPage"/> and <see cref="Blocks"/> (of their redirect pages) will be asked about.</param>
        public PublishedFiles(PipelineContext context, IEnumerable<string> addresses)
        {
            foreach (var address in addresses)
            {
                _names.Add(Permalinks.FileFor(address));
                var page = RedirectPage.FileFor(address);
                _names.Add(page);
                for (var slash = page.IndexOf('/'); slash > 0; slash = page.IndexOf('/', slash + 1)) _names.Add(page[..slash]);
            }
            // Side by side: this runs alone at the end of the build. With nothing to ask about, the site is not looked through.
            var found = _names.Count == 0 ? [[], []] : context.Map([false, true], folders => NamedAmong(context.Output.Paths, folders));
            (_files, _folders) = (found[0], found[1]);
        }

        /// <summary>The names among <paramref name="paths"/> (the site's files), or among the folders they are in.</summary>
        private HashSet<string> NamedAmong(IEnumerable<string> paths, bool folders)
        {
            var names = _names.GetAlternateLookup<ReadOnlySpan<char>>();
            var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in paths)
            {
                if (!folders)
                {
                    if (names.TryGetValue(path, out var name)) named.Add(name);
                    continue;
                }
                for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                    if (names.TryGetValue(path.AsSpan(0, slash), out var folder)) named.Add(folder);
            }
            return named;
        }

        /// <summary>True if a file of the site answers at <paramref name="urlPath"/> (its page, or the file itself).</summary>
        public bool HasPage(string urlPath) => IsFile(Permalinks.FileFor(urlPath)) || IsFile(RedirectPage.FileFor(urlPath));

        /// <summary>True if a page at <paramref name="file"/> would stand where the site has a file, or a folder, or lie in a file's place.</summary>
        public bool Blocks(string file)
        {
            if (IsFile(file) || _folders.Contains(Asked(file))) return true;
            for (var slash = file.IndexOf('/'); slash > 0; slash = file.IndexOf('/', slash + 1))
                if (IsFile(file[..slash])) return true;
            return false;
        }

        private bool IsFile(string name) => _files.Contains(Asked(name));

        /// <summary><paramref name="name"/>, which must be one of those named: the site was looked through for those only.</summary>
        private string Asked(string name) =>
            _names.Contains(name) ? name : throw new InvalidOperationException($"{name} was not named before the site's files were looked through");
    }
}
