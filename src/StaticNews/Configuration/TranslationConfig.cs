namespace StaticNews.Configuration;

/// <summary>
/// site.yml <c>translation:</c> — which provider <c>staticnews translate</c> asks for each language, where it
/// is and how hard to push it, and whether unreviewed machine translations are indexed. Credentials are never
/// here: each provider reads its key from an environment variable (see Translation.ProviderCatalog).
/// </summary>
public sealed class TranslationConfig
{
    public static readonly TranslationConfig Default = new();

    /// <summary>The provider for every language without one of its own; null: none chosen (translate needs --provider).</summary>
    public string? Provider { get; init; }
    /// <summary><c>languages: { ja: openai }</c>: a provider per target language.</summary>
    public IReadOnlyDictionary<string, string> ProviderByLanguage { get; init; } = new Dictionary<string, string>();
    /// <summary>Settings per provider name (<c>deepl: { url: ... }</c>).</summary>
    public IReadOnlyDictionary<string, ProviderSettings> Providers { get; init; } = new Dictionary<string, ProviderSettings>();
    /// <summary>Requests in flight at once, over all providers.</summary>
    public int Concurrency { get; init; } = 4;
    /// <summary>How long one request may take before it is abandoned (and retried).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How many times a request is tried again after a 429, a 5xx, a timeout or a dropped connection.</summary>
    public int Retries { get; init; } = 4;
    /// <summary>
    /// False: machine translations without <c>reviewed: true</c> get <c>noindex</c> and stay out of the sitemaps and
    /// hreflang sets (Google's spam policies name automated translation published without review). Default true.
    /// </summary>
    public bool IndexUnreviewed { get; init; } = true;

    /// <summary>The provider for <paramref name="language"/>: its own, else the site's; null when neither is set.</summary>
    public string? ProviderFor(string language) => ProviderByLanguage.TryGetValue(language, out var p) ? p : Provider;

    public ProviderSettings SettingsFor(string provider) => Providers.TryGetValue(provider, out var s) ? s : ProviderSettings.None;
}

/// <summary>One provider's settings: where its API is, the model (chat providers), the region (Azure), how much text a request carries.</summary>
public sealed record ProviderSettings(Uri? Url = null, string? Model = null, string? Region = null, int? BatchCharacters = null)
{
    public static readonly ProviderSettings None = new();
}
