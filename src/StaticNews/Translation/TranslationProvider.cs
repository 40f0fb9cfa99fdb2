using System.Net.Http.Headers;
using System.Text.Json;
using StaticNews.Configuration;

namespace StaticNews.Translation;

/// <summary>One request's worth of text: segments as HTML (see <see cref="SegmentHtml"/>), in order, from one language to another.</summary>
public sealed record TranslationBatch(LanguageConfig Source, LanguageConfig Target, IReadOnlyList<string> Html);

/// <summary>
/// A machine translation service over its documented HTTP API. Providers translate HTML fragments and keep
/// their tags; where one enforces glossaries itself it says so (<see cref="PrepareGlossaryAsync"/>), else the
/// glossary's terms are sent as placeholders. Credentials come from the environment only (<see cref="ProviderCatalog"/>).
/// </summary>
public abstract class TranslationProvider(ProviderClient client, ProviderSettings settings)
{
    protected ProviderClient Client { get; } = client;
    protected ProviderSettings Settings { get; } = settings;

    /// <summary>The name in site.yml and on the command line (deepl, google, azure, libretranslate, openai).</summary>
    public abstract string Name { get; }

    /// <summary>What a translation's front matter records as its <c>engine</c>.</summary>
    public virtual string Engine => Name;

    /// <summary>How many characters of HTML one request carries at most (site.yml <c>batchCharacters</c> overrides it).</summary>
    public int BatchCharacters => Settings.BatchCharacters ?? DefaultBatchCharacters;
    protected abstract int DefaultBatchCharacters { get; }

    /// <summary>How many texts one request carries at most (the API's documented limit).</summary>
    public abstract int BatchItems { get; }

    /// <summary>Translates <paramref name="batch"/>: one HTML fragment back for each sent, in order.</summary>
    public abstract Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel);

    /// <summary>
    /// Prepares the provider's own glossary feature for <paramref name="glossary"/> from one language to another, and
    /// returns how a term is written for it; null when the provider has none for this pair (terms become placeholders).
    /// </summary>
    public virtual Task<Func<TermNode, string?>?> PrepareGlossaryAsync(Glossary glossary, LanguageConfig source, LanguageConfig target, CancellationToken cancel) =>
        Task.FromResult<Func<TermNode, string?>?>(null);

    /// <summary>Removes what <see cref="PrepareGlossaryAsync"/> made at the provider (a DeepL glossary). Never throws.</summary>
    public virtual Task CleanUpAsync(CancellationToken cancel) => Task.CompletedTask;

    /// <summary>The base URL: site.yml's, else <paramref name="fallback"/>.</summary>
    protected Uri BaseUrl(string fallback) => Settings.Url ?? new Uri(fallback);

    /// <summary>A POST of JSON written by <paramref name="write"/>.</summary>
    protected static HttpRequestMessage PostJson(Uri url, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    /// <summary>Writes <paramref name="texts"/> as the array <paramref name="name"/> of the request's JSON.</summary>
    protected static void WriteTexts(Utf8JsonWriter json, string name, IEnumerable<string> texts)
    {
        json.WriteStartArray(name);
        foreach (var text in texts) json.WriteStringValue(text);
        json.WriteEndArray();
    }

    /// <summary>The strings at <paramref name="path"/> of each element of an array (e.g. translations[].text), checked against the count sent.</summary>
    protected IReadOnlyList<string> Strings(JsonElement array, int expected, params string[] path)
    {
        if (array.ValueKind != JsonValueKind.Array) throw BadAnswer("no list of translations");
        var result = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            var value = item;
            foreach (var name in path)
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value)) throw BadAnswer($"a translation without '{string.Join('.', path)}'");
            if (value.ValueKind != JsonValueKind.String) throw BadAnswer($"'{string.Join('.', path)}' is not text");
            result.Add(value.GetString()!);
        }
        if (result.Count != expected) throw BadAnswer($"{result.Count} translations for {expected} texts");
        return result;
    }

    /// <summary>The property <paramref name="name"/> of an object, or a <see cref="ProviderFailure.BadAnswer"/>.</summary>
    protected JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : throw BadAnswer($"no '{name}'");

    protected TranslationProviderException BadAnswer(string what) =>
        new(Name, ProviderFailure.BadAnswer, $"{ProviderCatalog.DisplayName(Name)} answered with JSON that is not its documented shape: {what}");
}
