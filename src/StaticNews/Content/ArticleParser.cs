using System.Globalization;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;
using static StaticNews.Configuration.YamlSource;

namespace StaticNews.Content;

/// <summary>Turns one article file into an <see cref="Article"/>: front matter checked key by key, body rendered.</summary>
public sealed class ArticleParser
{
    private static readonly HashSet<string> KnownKeys =
        ["title", "date", "updated", "author", "authors", "translator", "category", "tags", "corrections", "summary", "image", "image_alt", "image_caption",
         "image_credit", "image_focus", "translation", "slug", "draft", "engine", "source_hash", "translated", "reviewed", "aliases"];

    private readonly SiteConfig _site;
    private readonly MarkdownRenderer _markdown;

    public ArticleParser(SiteConfig site, MarkdownRenderer markdown)
    {
        _site = site;
        _markdown = markdown;
    }

    // Language codes, category keys, tags, bylines and engines recur in file after file: each distinct text is held
    // once, since a build keeps every article it parsed.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _recurring = new(StringComparer.Ordinal);

    private string Recurring(string text) => _recurring.GetOrAdd(text, text);

    private readonly RecurringLists _recurringLists = new();

    private string[]? Recurring(List<string>? texts) => texts is null ? null : _recurringLists.Held([.. texts.Select(Recurring)]);

    /// <summary>Parses <paramref name="text"/>; errors go to <paramref name="diagnostics"/> and give null.</summary>
    public Article? Parse(string text, string storyKey, string language, string file, DiagnosticBag diagnostics)
    {
        var split = FrontMatterSplit.Parse(text, file);
        var root = YamlSource.Parse(split.Yaml, file, split.YamlFirstLine - 1);
        if (root is not YamlMappingNode map)
        {
            diagnostics.Error("front matter must be a YAML mapping (key: value lines)", file, split.YamlFirstLine);
            return null;
        }
        var offset = split.YamlFirstLine - 1;
        int errors = diagnostics.ErrorCount;
        void Error(YamlNode node, string message) => diagnostics.Error(message, file, LineOf(node, offset));

        string? title = null, translator = null, category = null, summary = null, image = null, imageAlt = null, imageCaption = null, imageCredit = null, slug = null;
        string? engine = null, sourceHash = null;
        Images.ImageFocus? imageFocus = null;
        DateTimeOffset? date = null, updated = null, translated = null;
        List<string>? tags = null;
        List<TagName>? tagNames = null;
        List<string>? authors = null;
        var aliases = new List<Alias>();
        List<Correction>? corrections = null;
        TranslationKind? translation = null;
        bool draft = false, reviewed = false;

        foreach (var (key, keyNode, value) in Entries(map))
        {
            if (!KnownKeys.Contains(key))
            {
                diagnostics.Warning($"unknown front matter key '{key}' is ignored (known: {string.Join(", ", KnownKeys)})", file, LineOf(keyNode, offset));
                continue;
            }
            if (key is "aliases")
            {
                ReadAliases(value is YamlSequenceNode list ? list.Children : [value], aliases, Error, offset);
                continue;
            }
            if (key is not ("tags" or "authors" or "image_focus" or "corrections") && value is not YamlScalarNode)
            {
                Error(value, $"'{key}' must be a single value");
                continue;
            }
            var scalar = Scalar(value);
            switch (key)
            {
                case "title": title = scalar; break;
                case "author" or "authors":
                    if (authors is not null) { Error(value, "give the bylines once: 'author: name' or 'authors: [name, name]'"); break; }
                    authors = [];
                    foreach (var node in value is YamlSequenceNode bylines ? bylines.Children : [value])
                    {
                        if (Scalar(node) is not { } byline) Error(node, "a byline must be a single text (an authors.yml key or a name)");
                        else if (TermSlug.Clean(byline) is { Length: > 0 } clean && !authors.Contains(clean)) authors.Add(clean);
                    }
                    break;
                case "translator": translator = scalar is null ? null : TermSlug.Clean(scalar) is { Length: > 0 } t ? t : null; break;
                case "summary": summary = NullIfBlank(scalar); break;
                case "image": image = NullIfBlank(scalar); break;
                case "image_alt": imageAlt = NullIfBlank(scalar); break;
                case "image_caption": imageCaption = NullIfBlank(scalar); break;
                case "image_credit": imageCredit = NullIfBlank(scalar); break;
                case "image_focus":
                    imageFocus = ParseFocus(value);
                    if (imageFocus is null) Error(value, "image_focus must be [x, y]: two fractions from 0 to 1, from the image's left and top edges ([0.5, 0.5] is the centre)");
                    break;
                case "date": date = ParseDate(scalar, value, Error); break;
                case "updated": updated = ParseDate(scalar, value, Error); break;
                case "category":
                    category = NullIfBlank(scalar);
                    if (category is not null && !IsKey(category)) { Error(value, KeyRule("category", category)); category = null; }
                    break;
                case "tags":
                    if (value is YamlMappingNode names)
                    {
                        if (language == _site.DefaultLanguage) { Error(value, "the original's tags are a list ([Korea Utara, Vladimir Putin]); naming them as a map is for translations"); break; }
                        tagNames = ReadTagNames(names, Error);
                    }
                    else tags = ReadTags(value is YamlSequenceNode seq ? seq.Children : [value], Error, (node, message) => diagnostics.Warning(message, file, LineOf(node, offset)));
                    break;
                case "corrections":
                    if (language != _site.DefaultLanguage) { Error(value, $"corrections belong on the original ({_site.DefaultLanguage}.md), with their text per language: 'text: {{ {_site.DefaultLanguage}: ..., {language}: ... }}'"); break; }
                    corrections = ReadCorrections(value, Error);
                    break;
                case "translation":
                    translation = scalar switch
                    {
                        "original" => TranslationKind.Original,
                        "human" => TranslationKind.Human,
                        "machine" => TranslationKind.Machine,
                        _ => null,
                    };
                    if (translation is null) Error(value, $"translation must be 'original', 'human' or 'machine', not '{scalar}'");
                    break;
                case "slug":
                    slug = scalar;
                    if (SlugProblem(slug) is { } problem) { Error(value, $"slug '{slug}' {problem}"); slug = null; }
                    break;
                case "draft":
                    if (scalar is "true" or "yes") draft = true;
                    else if (scalar is not ("false" or "no")) Error(value, "draft must be true or false");
                    break;
                case "reviewed":
                    if (scalar is "true" or "yes") reviewed = true;
                    else if (scalar is not ("false" or "no")) Error(value, "reviewed must be true or false");
                    break;
                case "engine": engine = NullIfBlank(scalar); break;
                case "translated": translated = ParseDate(scalar, value, Error); break;
                case "source_hash":
                    sourceHash = NullIfBlank(scalar);
                    if (sourceHash is not null && !sourceHash.All(char.IsAsciiHexDigitLower))
                    { Error(value, $"source_hash '{sourceHash}' is not a hash written by staticnews translate (lowercase hexadecimal)"); sourceHash = null; }
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(title))
            diagnostics.Error("title is required in the front matter", file, split.YamlFirstLine);
        if (diagnostics.ErrorCount != errors) return null;

        // The HTML is rendered when a page or feed asks for it (see Article.DeferBody); here only the summary needs the body.
        return new Article
        {
            StoryKey = storyKey, Language = Recurring(language), SourcePath = file, Title = title!.Trim(), Date = date,
            Updated = updated, Authors = Recurring(authors), Translator = translator is null ? null : Recurring(translator),
            Category = category is null ? null : Recurring(category), Corrections = corrections, Tags = Recurring(tags), TagNames = tagNames, Summary = summary, Image = image,
            ImageAlt = imageAlt, ImageCaption = imageCaption, ImageCredit = imageCredit, ImageFocus = imageFocus, Translation = translation, Slug = slug, Draft = draft,
            Engine = engine is null ? null : Recurring(engine), SourceHash = sourceHash, Translated = translated, Reviewed = reviewed, Aliases = aliases.Count == 0 ? Array.Empty<Alias>() : aliases,
            // Not derived (nor held, for every version of the site) when the front matter gives the summary.
            BodySummary = summary is null ? _markdown.Summary(split.Body, _site.SummaryWords) : "",
            // Only an original's text is translated; hashing it costs one pass over the body.
            TextHash = language == _site.DefaultLanguage ? TranslatableText.Hash(key => Scalar(ValueOf(map, key)), split.Body) : null,
        };
    }

    /// <summary>
    /// Only the body of an article file, rendered for its page at <paramref name="pageUrl"/> and for feeds; with
    /// <paramref name="images"/> (its story folder's published images), Markdown images of them as pictures.
    /// </summary>
    public RenderedBody RenderBody(string text, string file, Uri pageUrl, Images.StoryImages? images = null) =>
        _markdown.Render(FrontMatterSplit.Parse(text, file).Body, pageUrl, images);

    private const int MinYear = 1000, MaxYear = 9000;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
    ];

    private static readonly string[] LocalIsoFormats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    /// <summary>
    /// ISO 8601 only, parsed culture-invariantly. A time without offset (or a bare date) is taken in
    /// the site's time zone, as an editor in the newsroom means it.
    /// </summary>
    private DateTimeOffset? ParseDate(string? text, YamlNode node, Action<YamlNode, string> error)
    {
        text = text?.Trim();
        DateTimeOffset? date = null;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text!.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
            date = withOffset;
        else if (DateTime.TryParseExact(text, LocalIsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            date = local.Year is >= MinYear and <= MaxYear ? new DateTimeOffset(local, _site.TimeZone.GetUtcOffset(local)) : null;
        else
        {
            error(node, $"date '{text}' is not ISO 8601 (write it like 2026-11-27T09:30:00+07:00)");
            return null;
        }
        // Near year 1 or 9999, shifting into another time zone overflows; no news story is dated there.
        if (date is not { Year: >= MinYear and <= MaxYear })
        {
            error(node, $"date '{text}' is out of range: use a year from {MinYear} to {MaxYear}");
            return null;
        }
        return date;
    }

    /// <summary><c>corrections: [{ date: 2026-11-08T10:00:00+07:00, text: ... }]</c>, each with a date and a text.</summary>
    private List<Correction> ReadCorrections(YamlNode value, Action<YamlNode, string> error)
    {
        const string Shape = "corrections is a list of { date: <ISO 8601>, text: <text, or a map of language to text> }";
        var corrections = new List<Correction>();
        if (value is not YamlSequenceNode list) { error(value, Shape); return corrections; }
        foreach (var node in list.Children)
        {
            if (node is not YamlMappingNode entry) { error(node, Shape); continue; }
            DateTimeOffset? date = null;
            var text = LocalizedText.Empty;
            foreach (var (key, keyNode, field) in Entries(entry))
            {
                if (key == "date") date = ParseDate(Scalar(field), field, error);
                else if (key == "text") text = LocalizedText.Read(field, error);
                else error(keyNode, $"unknown key '{key}' in a correction: {Shape}");
            }
            if (date is null && !entry.Children.ContainsKey(new YamlScalarNode("date"))) error(node, "a correction needs its date (ISO 8601, when it was corrected)");
            else if (text.IsEmpty) error(node, "a correction needs its text (what was wrong, and what is right)");
            else if (date is { } d) corrections.Add(new Correction(d, text));
        }
        return corrections;
    }

    private static YamlNode? ValueOf(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Longer than this, a "tag" is a sentence or a paste gone wrong.</summary>
    private const int MaxTagLength = 100;

    /// <summary>Free-text tags, each cleaned of extra white space; one per identity (case and spacing variants are one tag).</summary>
    private static List<string> ReadTags(IEnumerable<YamlNode> nodes, Action<YamlNode, string> error, Action<YamlNode, string> warning)
    {
        var tags = new List<string>();
        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (Scalar(node) is not { } text) { error(node, "a tag must be a single text, not a list or a map"); continue; }
            var tag = TermSlug.Clean(text);
            if (tag.Length == 0) continue;
            if (tag.Length > MaxTagLength) { error(node, $"tag '{tag[..40]}…' is {tag.Length} characters long: a tag names a person, place, event or subject in at most {MaxTagLength}"); continue; }
            var identity = TermSlug.Of(tag);
            if (identity.Length == 0) warning(node, $"tag '{tag}' has no letter or digit to make its address from: it is left out");
            else if (identities.Add(identity)) tags.Add(tag);
        }
        return tags;
    }

    /// <summary>Old addresses of this version (<see cref="AliasPath"/>), each kept with its line for the errors found later (a collision with a page).</summary>
    private static void ReadAliases(IEnumerable<YamlNode> nodes, List<Alias> aliases, Action<YamlNode, string> error, int offset)
    {
        foreach (var node in nodes)
        {
            if (Scalar(node) is not { } text) { error(node, "an alias must be a single path, not a list or a map"); continue; }
            if (AliasPath.Normalize(text, out var problem) is not { } path) { error(node, $"alias '{TextTools.StripInvalid(text).ReplaceLineEndings(" ")}' {problem}"); continue; }
            if (aliases.Any(a => a.Path == path)) continue;
            aliases.Add(new Alias(path, LineOf(node, offset)));
        }
    }

    /// <summary>A translation's names for its original's tags: <c>{ original text: name here }</c>.</summary>
    private static List<TagName> ReadTagNames(YamlMappingNode map, Action<YamlNode, string> error)
    {
        var names = new List<TagName>();
        foreach (var (tag, keyNode, value) in Entries(map))
        {
            if (Scalar(value) is not { } name) { error(value, $"the name of tag '{tag}' must be a single text"); continue; }
            var cleanName = TermSlug.Clean(name);
            if (TermSlug.Of(tag).Length == 0) error(keyNode, $"'{tag}' is not one of the original's tags (write the tag as the original has it)");
            else if (cleanName.Length > MaxTagLength) error(value, $"the name of tag '{tag}' is {cleanName.Length} characters long (at most {MaxTagLength})");
            else if (cleanName.Length > 0) names.Add(new TagName(TermSlug.Clean(tag), cleanName));
        }
        return names;
    }

    private static Images.ImageFocus? ParseFocus(YamlNode value)
    {
        if (value is not YamlSequenceNode { Children.Count: 2 } pair) return null;
        var parts = pair.Children.Select(c => double.TryParse(Scalar(c), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1 ? f : (double?)null).ToList();
        return parts[0] is { } x && parts[1] is { } y ? new Images.ImageFocus(x, y) : null;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Category (and author) keys appear in URLs: lowercase letters (any script), digits and inner hyphens.</summary>
    internal static bool IsKey(string key) =>
        key.Length is > 0 and <= 64 && key[0] != '-' && key[^1] != '-' &&
        key.All(c => c == '-' || char.IsDigit(c) || (char.IsLetter(c) && !char.IsUpper(c)));

    /// <summary>Why <paramref name="slug"/> cannot be a URL segment (a slug or a story folder name), or null if it can.</summary>
    internal static string? SlugProblem(string? slug) =>
        slug is null || !IsSlug(slug) ? "may hold only letters, digits, '-', '_' and '.' (no spaces, no '/', no '..', not starting with '.')"
        : IsWindowsDeviceName(slug) ? "is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9): the published site could not be checked out or synced there"
        : Stories.Permalinks.ListingFileNames.Contains(slug, StringComparer.OrdinalIgnoreCase)
            ? $"is the name of a file every listing folder holds ({string.Join(", ", Stories.Permalinks.ListingFileNames)}): a story's folder of that name would take the place of a language's home page or feed; choose another"
        : null;

    private static bool IsWindowsDeviceName(string segment)
    {
        var stem = segment.Split('.')[0].ToLowerInvariant();
        return stem is "con" or "prn" or "aux" or "nul"
            || (stem.Length == 4 && (stem.StartsWith("com", StringComparison.Ordinal) || stem.StartsWith("lpt", StringComparison.Ordinal)) && char.IsAsciiDigit(stem[3]));
    }

    internal static bool IsSlug(string slug) =>
        slug.Length is > 0 and <= 200 && !slug.StartsWith('.') && !slug.Contains("..") &&
        slug.EnumerateRunes().All(r => r.Value is '-' or '_' or '.' || Rune.IsLetterOrDigit(r) || IsMark(r));

    /// <summary>Combining marks belong to the letter before them (Arabic vowels, Devanagari vowel signs).</summary>
    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static string KeyRule(string what, string value) =>
        $"{what} '{value}' is not a key: use lowercase letters, digits and hyphens (taxonomy.yml gives its name in each language)";
}
