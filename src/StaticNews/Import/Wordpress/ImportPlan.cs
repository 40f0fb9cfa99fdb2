using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Stories;

namespace StaticNews.Import.Wordpress;

/// <summary>One post as it will be written: the story folder and language file it becomes, and what its front matter says of its place.</summary>
public sealed record VersionPlan
{
    public required PostEntry Post { get; init; }
    public required PostEntry Original { get; init; }
    public required string Story { get; init; }
    public required string Language { get; init; }
    public bool IsOriginal => ReferenceEquals(Post, Original);
    /// <summary>The version's own URL slug, when it differs from the story folder (a translation's own post name).</summary>
    public string? Slug { get; init; }
    public required DateTimeOffset Date { get; init; }
    /// <summary>The version's new address, site-relative.</summary>
    public required string Url { get; init; }
    /// <summary>Its old addresses, site-relative paths, to redirect.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }
    public bool Draft { get; init; }
    public TranslationKind Kind { get; init; }
    /// <summary>The category key (the original's only).</summary>
    public string? Category { get; init; }
    /// <summary>Further categories of the original, which a story of one category keeps as tags.</summary>
    public IReadOnlyList<string> CategoriesAsTags { get; init; } = [];
    public string File => $"articles/{Story}/{Language}.md";
}

/// <summary>A category the imported stories use: its name per language, and the description the old site gave it.</summary>
public sealed class CategoryPlan
{
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public string Description { get; set; } = "";
}

/// <summary>
/// Decides, before any body is read, what each post becomes: which are imported and which are not (and why),
/// how translations group into stories (the original in the site's default language), the story folders (kept
/// from the last import; new ones from the original's post name, never an existing folder of someone else's),
/// the new URL of each version, its old URLs, and where links between old posts now lead.
/// </summary>
public sealed class ImportPlan
{
    public Dictionary<long, VersionPlan> Versions { get; } = [];
    public List<SkippedItem> Skipped { get; } = [];
    /// <summary>Old link (see <see cref="LinkKey"/>) → the new absolute URL of that post.</summary>
    public Dictionary<string, string> OldLinks { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, CategoryPlan> Categories { get; } = new(StringComparer.Ordinal);
    /// <summary>Author login → the key of its authors.yml entry.</summary>
    public Dictionary<string, string> AuthorKeys { get; } = new(StringComparer.Ordinal);

    private readonly SiteConfig _site;
    private readonly WxrChannel _channel;

    private ImportPlan(SiteConfig site, WxrChannel channel)
    {
        _site = site;
        _channel = channel;
    }

    public static ImportPlan Make(ExportIndex index, SiteConfig site, ImportedSite record, IReadOnlySet<string> existingFolders,
        IReadOnlyDictionary<string, string?> existingAuthors, IReadOnlySet<string> machineLanguages)
    {
        var plan = new ImportPlan(site, index.Channel);
        // Each post is imported, or skipped with its reason.
        var importable = new List<(PostEntry Post, string Language)>();
        foreach (var post in index.Posts)
        {
            var what = Describe(post);
            var reason = post.Status switch
            {
                "publish" or "future" or "draft" or "pending" when post.Password => "password-protected: not published (only readers with the password could see it)",
                "publish" or "future" or "draft" or "pending" => null,
                "private" => "private: not published (only logged-in editors could see it)",
                "trash" => "in the trash",
                "auto-draft" => "an empty draft WordPress made by itself",
                _ => $"status '{post.Status}' is not one StaticNews knows (publish, future, draft, pending)",
            };
            var language = reason is null ? SiteLanguage(site, post.Language) : null;
            if (reason is null && language is null)
                reason = $"language '{post.Language}' is not configured in site.yml (configured: {string.Join(", ", site.Languages.Select(l => l.Code))})";
            if (reason is null && WordpressDates.Parse(post.DateGmt, post.Date, site.TimeZone) is null)
                reason = $"its date '{post.Date}' is not a date";
            if (reason is not null) plan.Skipped.Add(new SkippedItem(post.Id, post.Line, what, reason));
            else importable.Add((post, language!));
        }

        // Translation groups; a post of no group is a story of its own.
        var groups = importable
            .GroupBy(p => p.Post.Group ?? "post:" + p.Post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => g.OrderBy(p => p.Post.Id).ToList())
            .ToList();
        var byLanguage = new List<(PostEntry Original, List<(PostEntry Post, string Language)> Members)>();
        foreach (var group in groups)
        {
            var members = new List<(PostEntry Post, string Language)>();
            foreach (var member in group)
            {
                if (members.FirstOrDefault(m => m.Language == member.Language) is { Post: not null } first)
                    plan.Skipped.Add(new SkippedItem(member.Post.Id, member.Post.Line, Describe(member.Post),
                        $"a second {member.Language} version in its translation group (post {first.Post.Id} is imported)"));
                else members.Add(member);
            }
            var original = members.FirstOrDefault(m => m.Language == site.DefaultLanguage).Post;
            if (original is null)
            {
                foreach (var member in members)
                    plan.Skipped.Add(new SkippedItem(member.Post.Id, member.Post.Line, Describe(member.Post),
                        $"its translation group has no {site.DefaultLanguage} version (the site's original language), and a story is built from its original"));
                continue;
            }
            byLanguage.Add((original, members));
        }
        byLanguage.Sort((a, b) => a.Original.Id.CompareTo(b.Original.Id));

        // Story folders: the last import's, else a new one from the original's post name.
        var taken = new HashSet<string>(existingFolders, StringComparer.OrdinalIgnoreCase);
        var recordedFolders = record.Posts.Values.Select(FolderOf).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        taken.ExceptWith(recordedFolders);
        var folders = new Dictionary<PostEntry, string>();
        foreach (var (original, members) in byLanguage)
        {
            var recorded = members.Select(m => record.Posts.GetValueOrDefault(m.Post.Id)).Select(f => f is null ? null : FolderOf(f)).OfType<string>()
                .OrderBy(f => f == FolderOf(record.Posts.GetValueOrDefault(original.Id) ?? "") ? 0 : 1).FirstOrDefault();
            if (recorded is not null && taken.Add(recorded)) { folders[original] = recorded; continue; }
            var name = Unique(FolderName(original), taken);
            taken.Add(name);
            folders[original] = name;
        }

        var urls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var slugsTaken = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        foreach (var (original, members) in byLanguage)
        {
            var folder = folders[original];
            var originalCategories = plan.CategoryKeys(original);
            foreach (var (post, language) in members.OrderBy(m => ReferenceEquals(m.Post, original) ? 0 : 1).ThenBy(m => m.Post.Id))
            {
                var isOriginal = ReferenceEquals(post, original);
                var date = WordpressDates.Parse(post.DateGmt, post.Date, site.TimeZone)!.Value;
                string? slug = null;
                if (!isOriginal && Decode(post.PostName) is { } own && own != folder && ArticleParser.SlugProblem(own) is null && !slugsTaken.Contains(own)) slug = own;
                var url = Permalinks.Story(site, language, slug ?? folder, date);
                if (slug is not null && !urls.Add(url))
                {
                    slug = null;
                    url = Permalinks.Story(site, language, folder, date);
                    urls.Add(url);
                }
                else if (slug is null) urls.Add(url);
                var published = post.Status == "publish";
                var version = new VersionPlan
                {
                    Post = post, Original = original, Story = folder, Language = language, Slug = slug, Date = date, Url = url,
                    Aliases = published ? plan.Aliases(post, url) : [],
                    Draft = post.Status is "draft" or "pending",
                    Kind = isOriginal ? TranslationKind.Original : machineLanguages.Contains(language) ? TranslationKind.Machine : TranslationKind.Human,
                    Category = isOriginal ? originalCategories.FirstOrDefault() : null,
                    CategoriesAsTags = isOriginal ? originalCategories.Skip(1).Select(k => plan.Categories[k].Labels[site.DefaultLanguage]).ToList() : [],
                };
                plan.Versions[post.Id] = version;
                if (published) plan.AddOldLinks(post, site.AbsoluteUrl(url));
                plan.AddAuthor(post.Creator, existingAuthors);
                // A translation filed under one category names the original's (main) one in its language.
                if (!isOriginal && originalCategories.Count > 0 && post.Categories.Count(c => !IsUncategorized(c)) == 1)
                    plan.Categories[originalCategories[0]].Labels.TryAdd(language, Texts.Plain(post.Categories.First(c => !IsUncategorized(c)).Name));
            }
        }
        return plan;
    }

    private static string Describe(PostEntry post) => $"post {post.Id} \"{post.Title}\"";

    /// <summary>The site.yml language of a WordPress language code (Polylang slug, WPML code, locale), or null.</summary>
    public static string? SiteLanguage(SiteConfig site, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return site.DefaultLanguage;
        var tag = code.Trim().Replace('_', '-');
        foreach (var language in site.Languages)
            if (string.Equals(language.Code, tag, StringComparison.OrdinalIgnoreCase) || string.Equals(language.Hreflang, tag, StringComparison.OrdinalIgnoreCase))
                return language.Code;
        var primary = tag.Split('-')[0];
        var matches = site.Languages.Where(l => string.Equals(l.Code.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0].Code : null;
    }

    private static string? FolderOf(string file)
    {
        var parts = file.Split('/');
        return parts.Length == 3 && parts[0] == "articles" ? parts[1] : null;
    }

    /// <summary>A folder name from the post's own slug (WordPress keeps non-Latin ones percent-encoded), else its title, else its id.</summary>
    private static string FolderName(PostEntry post)
    {
        if (Decode(post.PostName) is { } name && ArticleParser.SlugProblem(name) is null) return name;
        var fromTitle = StoryScaffold.Slug(post.Title);
        return fromTitle.Length > 0 && ArticleParser.SlugProblem(fromTitle) is null ? fromTitle : $"post-{post.Id}";
    }

    private static string? Decode(string postName)
    {
        if (string.IsNullOrWhiteSpace(postName)) return null;
        try { return Uri.UnescapeDataString(postName.Trim()).ToLowerInvariant(); }
        catch (UriFormatException) { return null; }
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        if (!taken.Contains(name)) return name;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{name}-{n}")) return $"{name}-{n}";
    }

    // ---- Categories ----

    private static bool IsUncategorized(WxrTerm term) => term.Nicename == "uncategorized";

    /// <summary>The post's category keys, the primary one (Yoast's, else the first) first; each added to <see cref="Categories"/>.</summary>
    private List<string> CategoryKeys(PostEntry post)
    {
        var terms = post.Categories.Where(t => !IsUncategorized(t)).ToList();
        if (post.PrimaryCategory is { } primaryId && long.TryParse(primaryId, out var id)
            && _channel.Categories.Values.FirstOrDefault(c => c.TermId == id) is { } primary
            && terms.FindIndex(t => t.Nicename == primary.Nicename) is var at and > 0)
        {
            var term = terms[at];
            terms.RemoveAt(at);
            terms.Insert(0, term);
        }
        var keys = new List<string>();
        foreach (var term in terms)
        {
            var name = Texts.Plain(term.Name);
            var key = Decode(term.Nicename) is { } decoded && ArticleParser.IsKey(decoded) ? decoded : StoryScaffold.Slug(name);
            if (!ArticleParser.IsKey(key) || keys.Contains(key)) continue;
            keys.Add(key);
            if (!Categories.TryGetValue(key, out var category))
            {
                Categories[key] = category = new CategoryPlan();
                if (_channel.Categories.TryGetValue(term.Nicename, out var described)) category.Description = Texts.Plain(described.Description);
            }
            category.Labels.TryAdd(_site.DefaultLanguage, name);
        }
        return keys;
    }

    // ---- Authors ----

    private void AddAuthor(string login, IReadOnlyDictionary<string, string?> existing)
    {
        if (login.Length == 0 || AuthorKeys.ContainsKey(login)) return;
        var name = _channel.Authors.TryGetValue(login, out var author) && author.DisplayName.Trim().Length > 0 ? Texts.Plain(author.DisplayName) : login;
        // An entry the editors made for the same person keeps its key.
        var key = existing.FirstOrDefault(e => e.Value == name).Key;
        if (key is null)
        {
            var baseKey = StoryScaffold.Slug(name) is { Length: > 0 } fromName ? fromName : StoryScaffold.Slug(login) is { Length: > 0 } fromLogin ? fromLogin : "author";
            var used = AuthorKeys.Values.ToHashSet(StringComparer.Ordinal);
            key = baseKey;
            for (var n = 2; used.Contains(key) || (existing.TryGetValue(key, out var other) && other != name); n++) key = $"{baseKey}-{n}";
        }
        AuthorKeys[login] = key;
    }

    /// <summary>The display name of an author login, as the export gives it.</summary>
    public string AuthorName(string login) =>
        _channel.Authors.TryGetValue(login, out var author) && author.DisplayName.Trim().Length > 0 ? Texts.Plain(author.DisplayName) : login;

    // ---- Old addresses ----

    /// <summary>The site-relative paths a version was published at: its link, and its guid where that is a path on the same site.</summary>
    private List<string> Aliases(PostEntry post, string newUrl)
    {
        var aliases = new List<string>();
        foreach (var address in new[] { post.Link, post.Guid })
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) continue;
            // ?p=123 shortlinks are not paths: a redirect rule for a query is not what aliases hold.
            if (uri.Query.Length > 0 || uri.AbsolutePath == "/") continue;
            if (!SameSite(uri)) continue;
            var path = uri.AbsolutePath;
            if (path == newUrl || Uri.UnescapeDataString(path) == newUrl || aliases.Contains(path)) continue;
            aliases.Add(path);
        }
        return aliases;
    }

    private bool SameSite(Uri uri)
    {
        foreach (var site in new[] { _channel.BaseBlogUrl, _channel.Link, _channel.BaseSiteUrl })
            if (Uri.TryCreate(site, UriKind.Absolute, out var old) && HostKey(old.Host) == HostKey(uri.Host)) return true;
        return _channel.BaseBlogUrl.Length == 0 && _channel.Link.Length == 0;
    }

    private static string HostKey(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..].ToLowerInvariant() : host.ToLowerInvariant();

    private void AddOldLinks(PostEntry post, string newUrl)
    {
        foreach (var address in new[] { post.Link, post.Guid })
            if (LinkKey(address) is { } key) OldLinks.TryAdd(key, newUrl);
        OldLinks.TryAdd("?p=" + post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), newUrl);
    }

    /// <summary>How an address of the old site is looked up: its decoded path with a final '/', or <c>?p=ID</c>; null for other sites.</summary>
    public string? LinkKey(string address)
    {
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !SameSite(uri)) return null;
        if (uri.Query.StartsWith("?p=", StringComparison.Ordinal) && long.TryParse(uri.Query[3..].Split('&')[0], out var id))
            return "?p=" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (uri.AbsolutePath == "/") return null;
        return Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/') + "/";
    }
}
