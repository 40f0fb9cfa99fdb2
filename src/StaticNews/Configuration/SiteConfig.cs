using System.Globalization;

namespace StaticNews.Configuration;

/// <summary>Text given once for all languages or per language (<c>title: {id: ..., en: ...}</c>).</summary>
public sealed class LocalizedText
{
    private readonly string? _all;
    private readonly IReadOnlyDictionary<string, string> _byLanguage;

    public LocalizedText(string? all, IReadOnlyDictionary<string, string>? byLanguage = null)
    {
        _all = all;
        _byLanguage = byLanguage ?? new Dictionary<string, string>();
    }

    public static readonly LocalizedText Empty = new(null);

    /// <summary>The text for <paramref name="language"/>, else the one for <paramref name="fallback"/>, else the common one.</summary>
    public string? Get(string language, string? fallback = null) =>
        _byLanguage.TryGetValue(language, out var v) ? v
        : fallback is not null && _byLanguage.TryGetValue(fallback, out var f) ? f
        : _all;

    /// <summary>The text given for <paramref name="language"/> itself (or for all languages), else null.</summary>
    public string? Own(string language) => _byLanguage.TryGetValue(language, out var v) ? v : _all;

    /// <summary>The text given for all languages (not per language), if any.</summary>
    public string? Common => _all;

    /// <summary>Every text given: the common one and each language's.</summary>
    public IEnumerable<string> Texts => (_all is null ? [] : new[] { _all }).Concat(_byLanguage.Values);

    /// <summary>True when no text is given at all.</summary>
    public bool IsEmpty => _all is null && _byLanguage.Count == 0;

    /// <summary>The languages given their own text (none when one text is given for all).</summary>
    public IEnumerable<string> Languages => _byLanguage.Keys;

    /// <summary>
    /// A text or a map of language to text, as YAML gives it; blank texts count as not given. Anything else is
    /// reported through <paramref name="error"/> and read as no text.
    /// </summary>
    public static LocalizedText Read(YamlDotNet.RepresentationModel.YamlNode node, Action<YamlDotNet.RepresentationModel.YamlNode, string> error)
    {
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode s)
            return string.IsNullOrWhiteSpace(s.Value) ? Empty : new LocalizedText(s.Value.Trim());
        if (node is YamlDotNet.RepresentationModel.YamlMappingNode m)
        {
            var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (language, _, value) in YamlSource.Entries(m))
            {
                if (value is not YamlDotNet.RepresentationModel.YamlScalarNode text) error(value, $"the text for '{language}' must be a single value");
                else if (!string.IsNullOrWhiteSpace(text.Value)) byLanguage[language] = text.Value.Trim();
            }
            return new LocalizedText(null, byLanguage);
        }
        error(node, "expected a text or a map of language to text");
        return Empty;
    }
}

public enum TextDirection { Ltr, Rtl }

public enum TranslationKind { Original, Human, Machine }

/// <summary>One configured language of the site, in switcher order.</summary>
public sealed class LanguageConfig
{
    public required string Code { get; init; }
    /// <summary>The language's own name for itself (shown in the switcher).</summary>
    public required string Name { get; init; }
    /// <summary>BCP 47 tag for hreflang and html lang (e.g. zh-Hans); defaults to the code.</summary>
    public required string Hreflang { get; init; }
    public TextDirection Direction { get; init; }
    /// <summary>Culture for dates and sorting, with the Gregorian calendar (news dates are civil dates).</summary>
    public required CultureInfo Culture { get; init; }
    public string Dir => Direction == TextDirection.Rtl ? "rtl" : "ltr";
    /// <summary>site.yml <c>ogLocale</c>: the Open Graph locale, where Facebook's table (Pages/OpenGraphLocales) is not wanted.</summary>
    public string? OgLocale { get; init; }
}

/// <summary>The site as configured by site.yml, with every default filled in.</summary>
public sealed class SiteConfig
{
    public required LocalizedText Title { get; init; }
    public LocalizedText Description { get; init; } = LocalizedText.Empty;
    /// <summary>Absolute base URL, always ending in '/'.</summary>
    public required Uri BaseUrl { get; init; }
    public required string DefaultLanguage { get; init; }
    public required IReadOnlyList<LanguageConfig> Languages { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    public string Permalink { get; init; } = "/{lang}/{yyyy}/{mm}/{slug}/";
    /// <summary>
    /// Stories per listing page. A news desk publishes dozens a day: twenty headlines is a screenful of a
    /// news index, and half the pages of a blog's ten for readers and crawlers to walk through.
    /// </summary>
    public int PageSize { get; init; } = DefaultPageSize;
    public const int DefaultPageSize = 20;
    public int FeedSize { get; init; } = 50;
    public IReadOnlyList<Uri> Hubs { get; init; } = [];
    public IReadOnlyList<string> ShareTargets { get; init; } = ShareTarget.DefaultOrder;
    public LocalizedText NoticeCredit { get; init; } = LocalizedText.Empty;
    public TranslationKind DefaultTranslation { get; init; } = TranslationKind.Machine;
    /// <summary>Summary length when derived from the body: words for spaced scripts, characters for CJK.</summary>
    public int SummaryWords { get; init; } = 40;
    /// <summary>site.yml <c>trustHtml: true</c>: raw HTML in article bodies is published as written, not cleaned.</summary>
    public bool TrustHtml { get; init; }
    /// <summary>site.yml <c>translation</c>: providers for <c>staticnews translate</c>, and the indexing of unreviewed machine translations.</summary>
    public TranslationConfig Translation { get; init; } = TranslationConfig.Default;
    /// <summary>site.yml <c>embeds</c>: hosts whose https iframes (video, maps) article bodies may embed.</summary>
    public IReadOnlyList<string> EmbedHosts { get; init; } = [];
    /// <summary>Search pages and a Pagefind index of the story pages (<c>search: true</c>).</summary>
    public bool Search { get; init; }
    /// <summary>
    /// site.yml <c>imageFormats</c>: the modern formats story images are offered in besides their JPEG or PNG
    /// fallback. AVIF takes most of the time images cost to build; a site may do without it.
    /// </summary>
    public IReadOnlyList<Images.ImageFormat> ImageFormats { get; init; } = DefaultImageFormats;
    public static readonly IReadOnlyList<Images.ImageFormat> DefaultImageFormats = [Images.ImageFormat.Avif, Images.ImageFormat.WebP];

    public LanguageConfig Original => Language(DefaultLanguage)!;

    public LanguageConfig? Language(ReadOnlySpan<char> code)
    {
        // A loop, not LINQ: asked once or twice for every version of the site.
        for (var i = 0; i < Languages.Count; i++)
            if (code.SequenceEqual(Languages[i].Code)) return Languages[i];
        return null;
    }

    public string TitleFor(string language) => Title.Get(language, DefaultLanguage) ?? "";

    /// <summary>Absolute URL for a site-relative path such as <c>/en/</c>.</summary>
    public string AbsoluteUrl(string path)
    {
        var relative = path.TrimStart('/');
        // A path of plain ASCII segments resolves to the base URL followed by the path; anything else (non-ASCII,
        // escapes, dot segments, a query) is resolved by Uri. Pages ask for a few dozen URLs each.
        return IsPlainPath(relative) && BaseUrl is { Query: "", Fragment: "" }
            ? (_baseUri ??= BaseUrl.AbsoluteUri) + relative
            : new Uri(BaseUrl, relative).AbsoluteUri;
    }

    private string? _baseUri;

    private static bool IsPlainPath(string relative)
    {
        if (relative.AsSpan().IndexOfAnyExcept(PlainPathCharacters) >= 0) return false;
        foreach (var range in relative.AsSpan().Split('/'))
            if (relative.AsSpan(range) is "." or "..") return false;
        return !relative.Contains("//", StringComparison.Ordinal);
    }

    private static readonly System.Buffers.SearchValues<char> PlainPathCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/");

    /// <summary>Root-relative href for a site path, under the base URL's own path (sites served from a sub-folder).</summary>
    public string Href(string path) => BaseUrl.AbsolutePath.TrimEnd('/') + path;
}

/// <summary>Share targets known to the default theme.</summary>
public static class ShareTarget
{
    public static readonly IReadOnlyList<string> DefaultOrder = ["whatsapp", "facebook", "x", "telegram", "line", "email"];
}
