using StaticNews.Configuration;
using StaticNews.Translation.Providers;

namespace StaticNews.Translation;

/// <summary>
/// The providers StaticNews speaks to, by the name site.yml and <c>--provider</c> use: how each is made, which
/// environment variable holds its key (credentials are read from the environment only, never from a file, and
/// never printed), and the name a translation notice shows for it.
/// </summary>
public static class ProviderCatalog
{
    public static readonly IReadOnlyList<string> Names = ["deepl", "google", "azure", "libretranslate", "openai"];

    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>The environment variable that holds <paramref name="provider"/>'s key.</summary>
    public static string CredentialVariable(string provider) => provider switch
    {
        "deepl" => "DEEPL_AUTH_KEY",
        "google" => "GOOGLE_TRANSLATE_API_KEY",
        "azure" => "AZURE_TRANSLATOR_KEY",
        "libretranslate" => "LIBRETRANSLATE_API_KEY",
        "openai" => "OPENAI_API_KEY",
        _ => "(none)",
    };

    /// <summary>The name readers know an engine by, from what a translation records (an unknown one as written).</summary>
    public static string DisplayName(string engine) => engine switch
    {
        "deepl" => "DeepL",
        "google" => "Google Translate",
        "azure" => "Microsoft Translator",
        "libretranslate" => "LibreTranslate",
        "openai" => "OpenAI-compatible model",
        _ when engine.StartsWith("openai/", StringComparison.Ordinal) => engine["openai/".Length..],
        _ => engine,
    };

    /// <summary>
    /// Makes <paramref name="name"/>'s provider, its key read through <paramref name="environment"/>. Throws
    /// <see cref="TranslationProviderException"/> (authentication) when a key it needs is not set.
    /// </summary>
    public static TranslationProvider Create(string name, TranslationConfig config, ProviderClient client, Func<string, string?> environment)
    {
        var settings = config.SettingsFor(name);
        string Required()
        {
            var variable = CredentialVariable(name);
            var key = environment(variable);
            return string.IsNullOrWhiteSpace(key)
                ? throw new TranslationProviderException(name, ProviderFailure.Authentication, $"{DisplayName(name)} needs a key: set {variable} in the environment (it is never read from a file)")
                : key.Trim();
        }
        string? Optional() => environment(CredentialVariable(name)) is { } key && !string.IsNullOrWhiteSpace(key) ? key.Trim() : null;
        return name switch
        {
            "deepl" => new DeepLProvider(client, settings, Required()),
            "google" => new GoogleProvider(client, settings, Required()),
            "azure" => new AzureProvider(client, settings, Required(), settings.Region ?? environment("AZURE_TRANSLATOR_REGION")),
            "libretranslate" => new LibreTranslateProvider(client, settings, Optional()),
            "openai" => new OpenAiProvider(client, settings, settings.Url is null ? Required() : Optional(),
                settings.Model ?? throw new TranslationProviderException(name, ProviderFailure.Rejected,
                    "an OpenAI-compatible provider needs a model: set translation: { openai: { model: ... } } in site.yml")),
            _ => throw new ArgumentException($"unknown provider '{name}'", nameof(name)),
        };
    }
}
