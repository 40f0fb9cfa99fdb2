using System.Globalization;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Import.Wordpress;

/// <summary>What `staticnews import wordpress` is asked to do.</summary>
public sealed record WordpressImportOptions
{
    public required string ExportPath { get; init; }
    public required string InputDirectory { get; init; }
    /// <summary>A local copy of the old site's wp-content/uploads, for images and documents; none: they keep their old addresses.</summary>
    public string? UploadsDirectory { get; init; }
    /// <summary>Languages whose translations were made by machine (written <c>translation: machine</c>); the others are human.</summary>
    public IReadOnlySet<string> MachineLanguages { get; init; } = new HashSet<string>();
}

/// <summary>
/// Imports a WordPress export into a StaticNews input folder. Two passes over the file, each one item at a time:
/// the first checks the whole file and learns what must be known ahead (translation groups, attachments, old
/// links), the second converts each post and stages its file. Nothing reaches the input folder until both passes
/// are through; then the staged files are moved in (see <see cref="ImportWriter"/>).
/// </summary>
public sealed class WordpressImport
{
    private readonly WordpressImportOptions _options;
    private readonly ImportReport _report = new();
    private readonly string _file;
    private SiteConfig _site = null!;
    private ExportIndex _index = null!;
    private ImportPlan _plan = null!;
    private ImportWriter _writer = null!;
    /// <summary>Per story folder: file of the old uploads as the body names it → its name in the folder (null: not copied).</summary>
    private readonly Dictionary<string, Dictionary<string, string?>> _media = new(StringComparer.Ordinal);
    /// <summary>Per story folder: uploaded file copied → its name in the folder.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> _copies = new(StringComparer.Ordinal);

    private WordpressImport(WordpressImportOptions options)
    {
        _options = options;
        _file = Path.GetFileName(options.ExportPath);
    }

    public static ImportReport Run(WordpressImportOptions options) => new WordpressImport(options).Run();

    private ImportReport Run()
    {
        _report.Source = _file;
        try
        {
            Import();
            _report.Success = true;
        }
        catch (InputException e)
        {
            _report.Errors.Add(new Diagnostic(Severity.Error, e.Message, e.File, e.Line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _report.Errors.Add(new Diagnostic(Severity.Error, InternalError.Describe("the import", e)));
        }
        return _report;
    }

    private void Import()
    {
        var input = _options.InputDirectory;
        var diagnostics = new DiagnosticBag();
        _site = SiteConfigLoader.Load(input, null, diagnostics)!;
        if (_site is null || diagnostics.HasErrors)
        {
            var first = diagnostics.Sorted().First(d => d.Severity == Severity.Error);
            throw new InputException(first.Message + " (the import writes into a site: create its site.yml first)", first.File, first.Line);
        }
        if (!File.Exists(_options.ExportPath)) throw new InputException("no such file", _options.ExportPath);
        if (_options.UploadsDirectory is { } uploads && !Directory.Exists(uploads))
            throw new InputException("the uploads folder does not exist (give the local copy of the old site's wp-content/uploads)", uploads);
        foreach (var language in _options.MachineLanguages)
            if (_site.Language(language) is null)
                throw new InputException($"--machine names '{language}', which is not a language of site.yml");

        var record = ImportRecord.Load(input);
        _index = ExportIndex.Read(_options.ExportPath, _file);
        var siteUrl = _index.Channel.SiteUrl.Length > 0 ? _index.Channel.SiteUrl : _file;
        _report.Source = $"{_file} ({siteUrl}, WXR {_index.Channel.Version})";
        var previous = record.Site(siteUrl);
        var articles = Path.Combine(input, "articles");
        var folders = Directory.Exists(articles)
            ? new DirectoryInfo(articles).EnumerateDirectories().Select(d => d.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var authors = ContentFiles.ReadAuthors(input, _site.DefaultLanguage);
        _plan = ImportPlan.Make(_index, _site, previous, folders, authors, _options.MachineLanguages);
        LanguageWarning();
        foreach (var skipped in _plan.Skipped.OrderBy(s => s.Line)) _report.Skip(Kind(skipped.Reason), $"{skipped.What}: {skipped.Reason}", _file, skipped.Line);
        foreach (var page in _index.Pages) _report.Skip("pages", $"{page.What}: {page.Reason}", _file, page.Line);
        foreach (var (type, count) in _index.OtherTypes) _report.Skipped[$"{type} items"] = count;
        _report.Comments = _index.Comments;

        using (_writer = new ImportWriter(input, previous))
        {
            using (var reader = new WxrReader(_options.ExportPath, _file, withBodies: true))
                foreach (var item in reader.Items())
                    if (item.PostType == "post" && _plan.Versions.TryGetValue(item.Id, out var version)) Write(item, version);
            WriteContentFiles(input, authors);
            var next = record.Site(siteUrl);
            foreach (var (file, hash) in _writer.Next.Files) next.Files[file] = hash;
            foreach (var (id, version) in _plan.Versions) next.Posts[id] = version.File;
            _writer.Replace(ImportRecord.FileName, record.ToBytes());
            _writer.Commit();
        }
        _report.Stories = _plan.Versions.Values.Select(v => v.Story).Distinct().Count();
    }

    /// <summary>A monolingual export into a site whose original language is not the export's: said once, since every post takes the site's.</summary>
    private void LanguageWarning()
    {
        var channel = _index.Channel.Language;
        if (channel.Length == 0 || _index.Posts.Any(p => p.Language is not null)) return;
        if (ImportPlan.SiteLanguage(_site, channel) != _site.DefaultLanguage)
            _report.Notes.Add(new Diagnostic(Severity.Warning,
                $"the export's posts have no language of their own and the old site's language is '{channel}': they were imported as {_site.DefaultLanguage}, the site's defaultLanguage", _file, 1));
    }

    private static string Kind(string reason) =>
        reason.StartsWith("private", StringComparison.Ordinal) ? "private"
        : reason.StartsWith("password", StringComparison.Ordinal) ? "password-protected"
        : reason.StartsWith("in the trash", StringComparison.Ordinal) ? "in the trash"
        : reason.StartsWith("an empty draft", StringComparison.Ordinal) ? "auto-drafts"
        : reason.StartsWith("language", StringComparison.Ordinal) ? "in languages not configured"
        : reason.StartsWith("its translation group has no", StringComparison.Ordinal) ? "without an original"
        : reason.StartsWith("a second", StringComparison.Ordinal) ? "duplicate translations"
        : "other";

    // ---- One post ----

    private void Write(WxrItem item, VersionPlan version)
    {
        void Note(string message) => _report.Notes.Add(new Diagnostic(Severity.Warning, $"post {item.Id} → {version.File}: {message}", _file, item.Line));
        if (item.Oversized is { } field)
        {
            _plan.Versions.Remove(item.Id);
            _report.Skip("too large", $"post {item.Id}: its {field} is over {WxrReader.MaxFieldChars / (1024 * 1024)} MB, more than an article may be", _file, item.Line);
            return;
        }
        if (item.HadInvalidCharacters) Note("control characters that XML and HTML cannot carry were removed");

        var body = new PostBody(new BodyContext
        {
            EmbedHosts = _site.EmbedHosts,
            LocalFile = url => LocalFile(version.Story, url, Note),
            NewLink = url => _plan.LinkKey(url) is { } key && _plan.OldLinks.TryGetValue(key, out var moved) ? moved : null,
            Attachment = id => _index.Attachments.GetValueOrDefault(id),
            AttachedFiles = () => _index.AttachmentsOf.GetValueOrDefault(item.Id) ?? [],
            Warn = Note,
        }).Convert(item.Content);

        var title = Texts.Plain(item.Title);
        if (title.Length == 0)
        {
            title = TextTools.Summarize(Texts.Plain(item.Excerpt).Length > 0 ? Texts.Plain(item.Excerpt) : body, 8).TrimEnd('…');
            if (title.Length == 0) title = $"Post {item.Id}";
            Note($"it has no title; it was given \"{title}\"");
        }
        var front = new FrontMatterWriter().Text("title", title);
        front.Plain("date", Iso(version.Date));
        if (version.Post.Status == "publish" && WordpressDates.Parse(item.PostModifiedGmt, item.PostModified, _site.TimeZone) is { } modified && modified > version.Date.AddMinutes(1))
            front.Plain("updated", Iso(modified));
        if (version.IsOriginal)
        {
            if (_plan.AuthorKeys.GetValueOrDefault(item.Creator) is { } author) front.Plain("author", author);
            if (version.Category is { } category) front.Plain("category", category);
            var tags = item.Terms.Where(t => t.Domain == "post_tag").Select(t => Texts.Plain(t.Name)).Where(t => t.Length > 0)
                .Concat(version.CategoriesAsTags).Distinct(StringComparer.Ordinal).ToList();
            front.List("tags", tags);
        }
        else if (item.Creator != version.Original.Creator && _plan.AuthorKeys.GetValueOrDefault(item.Creator) is { } translator)
            front.Plain("translator", translator);
        if (Texts.Plain(item.Excerpt) is { Length: > 0 } summary) front.Text("summary", summary);
        FeaturedImage(item, version, front, Note);
        if (!version.IsOriginal) front.Plain("translation", version.Kind == TranslationKind.Machine ? "machine" : "human");
        if (version.Slug is { } slug) front.Plain("slug", slug);
        front.List("aliases", version.Aliases);
        if (version.Draft) front.Plain("draft", "true");

        var bytes = new UTF8Encoding(false).GetBytes(front.Finish(body));
        var outcome = _writer.Offer(version.File, bytes);
        _report.Count(_report.Articles, outcome);
        switch (outcome)
        {
            case FileOutcome.KeptEdited: Note("edited by hand since the last import: kept as it is, the export's version was not written"); break;
            case FileOutcome.KeptDeleted: Note("deleted since the last import: not written again"); break;
            case FileOutcome.KeptForeign: Note("a file the import did not write is there: kept as it is"); break;
        }
        _report.Versions[version.Language] = _report.Versions.GetValueOrDefault(version.Language) + 1;
        if (!version.IsOriginal) _report.Translations++;
        if (version.Draft) _report.Drafts++;
        if (version.Post.Status == "future") _report.Scheduled++;
        _report.Aliases += version.Aliases.Count;
    }

    private static string Iso(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The featured image (<c>_thumbnail_id</c>): the original's, and a translation's only where it differs.</summary>
    private void FeaturedImage(WxrItem item, VersionPlan version, FrontMatterWriter front, Action<string> note)
    {
        if (item.MetaValue(WordpressMeta.Thumbnail) is not { } id || !long.TryParse(id, out var attachmentId)) return;
        // A translation showing the original's image inherits it.
        if (!version.IsOriginal && version.Original.Thumbnail == id) return;
        if (!_index.Attachments.TryGetValue(attachmentId, out var attachment))
        {
            note($"its featured image (attachment {attachmentId}) is not in the export");
            return;
        }
        var address = attachment.File.Length > 0 ? "/wp-content/uploads/" + attachment.File : attachment.Url;
        if (LocalFile(version.Story, address, note) is not { } name) return;
        front.Text("image", name);
        if (attachment.Alt.Length > 0) front.Text("image_alt", attachment.Alt);
        if (attachment.Caption.Length > 0) front.Text("image_caption", attachment.Caption);
    }

    // ---- Media ----

    private static readonly HashSet<string> CopiedExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".pdf"];

    /// <summary>
    /// A file of the old site's uploads, copied into the story folder: its name there. Null (the old address stays)
    /// when no uploads folder was given, the file is not in it, or it is not an image or a PDF.
    /// </summary>
    private string? LocalFile(string story, string url, Action<string> note)
    {
        var marker = url.IndexOf("/wp-content/uploads/", StringComparison.Ordinal);
        if (marker < 0) return null;
        var relative = url[(marker + "/wp-content/uploads/".Length)..];
        var cut = relative.IndexOfAny(['?', '#']);
        if (cut >= 0) relative = relative[..cut];
        try { relative = Uri.UnescapeDataString(relative); } catch (UriFormatException) { return null; }
        if (!_media.TryGetValue(story, out var names)) _media[story] = names = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (names.TryGetValue(relative, out var known)) return known;
        var name = Copy(story, relative, names, note);
        names[relative] = name;
        return name;
    }

    /// <summary>Copies one upload into the story folder (once, whatever sizes of it the body shows), under a name no other file of the story has.</summary>
    private string? Copy(string story, string relative, Dictionary<string, string?> names, Action<string> note)
    {
        if (!CopiedExtensions.Contains(Path.GetExtension(relative).ToLowerInvariant()))
        {
            note($"{relative} stays on the old site: only images and PDF files are copied into a story");
            return null;
        }
        if (_options.UploadsDirectory is not { } uploads)
        {
            _report.OldSiteMedia++;
            return null;
        }
        var source = UploadedFile(uploads, relative, note);
        if (source is null)
        {
            _report.MissingMedia++;
            note($"{relative} is not in the uploads folder: it still points at the old site");
            return null;
        }
        if (!_copies.TryGetValue(story, out var copies)) _copies[story] = copies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (copies.TryGetValue(source, out var copied)) return copied;
        var name = SafeName(Path.GetFileName(source));
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; copies.ContainsValue(name); n++) name = $"{stem}-{n}{extension}";
        copies[source] = name;
        var outcome = _writer.OfferCopy($"articles/{story}/{name}", source);
        _report.Count(_report.Media, outcome);
        if (outcome is FileOutcome.KeptEdited or FileOutcome.KeptForeign)
            note($"articles/{story}/{name} was changed or put there by hand: kept as it is");
        return name;
    }

    /// <summary>
    /// The file under the uploads folder, never outside it (the export names it; a "../" or a link must not reach
    /// other files). A resized copy (photo-1024x683.jpg) gives way to the full-size upload when that is there.
    /// </summary>
    private static string? UploadedFile(string uploads, string relative, Action<string> note)
    {
        var root = Path.GetFullPath(uploads);
        foreach (var candidate in new[] { FullSize(relative), relative }.Distinct())
        {
            if (candidate is null) continue;
            var full = Path.GetFullPath(Path.Combine(root, candidate.Replace('/', Path.DirectorySeparatorChar)));
            if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                note($"{relative} points outside the uploads folder: not copied");
                return null;
            }
            if (!File.Exists(full)) continue;
            try { InputPaths.CheckInside(root, full, candidate); }
            catch (InputException e) { note(e.Message); return null; }
            return full;
        }
        return null;
    }

    /// <summary>photo-1024x683.jpg → photo.jpg (WordPress's resized copies); null if the name is not one.</summary>
    private static string? FullSize(string relative)
    {
        var extension = Path.GetExtension(relative);
        var stem = relative[..^extension.Length];
        var dash = stem.LastIndexOf('-');
        if (dash < 0) return null;
        var size = stem[(dash + 1)..];
        var x = size.IndexOf('x');
        return x > 0 && x < size.Length - 1 && size[..x].All(char.IsAsciiDigit) && size[(x + 1)..].All(char.IsAsciiDigit) ? stem[..dash] + extension : null;
    }

    /// <summary>A file name safe in a story folder and a URL: letters, digits, '-', '_' and '.', never an article's ".md".</summary>
    private static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        var safe = builder.ToString().TrimStart('.');
        return safe.Length == 0 ? "file" : safe;
    }

    // ---- authors.yml, taxonomy.yml ----

    private void WriteContentFiles(string input, Dictionary<string, string?> authors)
    {
        var newAuthors = _plan.AuthorKeys
            .Where(a => _plan.Versions.Values.Any(v => v.Post.Creator == a.Key))
            .Select(a => (Key: a.Value, Name: _plan.AuthorName(a.Key)))
            .Where(a => !authors.ContainsKey(a.Key))
            .DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        if (newAuthors.Count > 0)
        {
            _writer.Replace(ContentFiles.Authors, Utf8(ContentFiles.WithAuthors(Existing(input, ContentFiles.Authors), newAuthors)));
            _report.AuthorsAdded = newAuthors.Count;
        }

        var known = ContentFiles.ReadCategories(input);
        var used = _plan.Versions.Values.Select(v => v.Category).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var entries = _plan.Categories.Where(c => used.Contains(c.Key) && !known.Contains(c.Key))
            .Select(c => new CategoryEntry(c.Key,
                _site.Languages.Where(l => c.Value.Labels.ContainsKey(l.Code)).Select(l => (l.Code, c.Value.Labels[l.Code])).ToList(),
                _site.DefaultLanguage, c.Value.Description))
            .ToList();
        if (entries.Count == 0) return;
        var text = ContentFiles.WithCategories(Existing(input, ContentFiles.Taxonomy), entries, out var problem);
        if (text is null)
        {
            _report.Notes.Add(new Diagnostic(Severity.Warning,
                $"{problem}: add these categories by hand: {string.Join(", ", entries.Select(e => e.Key))}", ContentFiles.Taxonomy));
            return;
        }
        _writer.Replace(ContentFiles.Taxonomy, Utf8(text));
        _report.CategoriesAdded = entries.Count;
    }

    private static string? Existing(string input, string file)
    {
        var path = Path.Combine(input, file);
        return File.Exists(path) ? SourceText.Read(path, file, new DiagnosticBag()) : null;
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
