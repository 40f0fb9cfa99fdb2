using System.Net;
using System.Text;
using System.Text.Json;
using StaticNews.Configuration;

namespace StaticNews.Translation.Providers;

/// <summary>
/// DeepL API v2 (<c>POST /v2/translate</c>, <c>Authorization: DeepL-Auth-Key</c>, <c>tag_handling=html</c>). A key
/// ending in <c>:fx</c> is a free account, served from api-free.deepl.com. The glossary becomes a DeepL glossary
/// for each language pair (<c>POST /v2/glossaries</c>, TSV entries; the term itself for kept terms), made for the
/// run and deleted after it. HTTP 456 is the account's character quota.
/// </summary>
public sealed class DeepLProvider(ProviderClient client, ProviderSettings settings, string key) : TranslationProvider(client, settings)
{
    public override string Name => "deepl";
    // A request body may be 128 KiB; 30,000 characters of HTML leave room for UTF-8 and JSON escapes.
    protected override int DefaultBatchCharacters => 30_000;
    public override int BatchItems => 50;

    private Uri Api => BaseUrl(key.EndsWith(":fx", StringComparison.Ordinal) ? "https://api-free.deepl.com/" : "https://api.deepl.com/");
    private readonly Dictionary<string, string> _glossaries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public override async Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel)
    {
        string? glossaryId;
        lock (_lock) glossaryId = _glossaries.GetValueOrDefault(Pair(batch.Source, batch.Target));
        using var answer = await Client.SendAsync(Name, () => Authorized(PostJson(new Uri(Api, "v2/translate"), json =>
        {
            json.WriteStartObject();
            WriteTexts(json, "text", batch.Html);
            json.WriteString("source_lang", SourceCode(batch.Source));
            json.WriteString("target_lang", TargetCode(batch.Target));
            json.WriteString("tag_handling", "html");
            if (glossaryId is not null) json.WriteString("glossary_id", glossaryId);
            json.WriteEndObject();
        })), null, cancel);
        return Strings(Property(answer.RootElement, "translations"), batch.Html.Count, "text");
    }

    public override async Task<Func<TermNode, string?>?> PrepareGlossaryAsync(Glossary glossary, LanguageConfig source, LanguageConfig target, CancellationToken cancel)
    {
        var entries = new StringBuilder();
        foreach (var term in glossary.Keep) entries.Append(term).Append('\t').Append(term).Append('\n');
        foreach (var (term, translations) in glossary.Fixed)
            if (translations.TryGetValue(target.Code, out var translation)) entries.Append(term).Append('\t').Append(translation).Append('\n');
        if (entries.Length == 0) return null;
        JsonDocument answer;
        try
        {
            answer = await Client.SendAsync(Name, () => Authorized(PostJson(new Uri(Api, "v2/glossaries"), json =>
            {
                json.WriteStartObject();
                json.WriteString("name", $"staticnews {source.Code}-{target.Code}");
                json.WriteString("source_lang", source.Code.ToLowerInvariant());
                json.WriteString("target_lang", target.Code.ToLowerInvariant());
                json.WriteString("entries", entries.ToString());
                json.WriteString("entries_format", "tsv");
                json.WriteEndObject();
            })), null, cancel);
        }
        catch (TranslationProviderException e) when (e.Failure == ProviderFailure.Rejected)
        {
            // A language pair DeepL has no glossaries for: the terms go as placeholders instead.
            return null;
        }
        using (answer)
        {
            var id = Property(answer.RootElement, "glossary_id");
            if (id.ValueKind != JsonValueKind.String) throw BadAnswer("glossary_id is not text");
            lock (_lock) _glossaries[Pair(source, target)] = id.GetString()!;
        }
        // With the glossary attached, a term is plain text for DeepL to translate by it.
        return term => SegmentHtml.Escape(term.Term);
    }

    public override async Task CleanUpAsync(CancellationToken cancel)
    {
        List<string> ids;
        lock (_lock) ids = [.. _glossaries.Values];
        foreach (var id in ids)
        {
            try
            {
                using var answer = await Client.SendAsync(Name, () => Authorized(new HttpRequestMessage(HttpMethod.Delete, new Uri(Api, "v2/glossaries/" + Uri.EscapeDataString(id)))), null, cancel);
            }
            catch (Exception e) when (e is TranslationProviderException or OperationCanceledException) { }
        }
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "DeepL-Auth-Key " + key);
        return request;
    }

    private static string Pair(LanguageConfig source, LanguageConfig target) => source.Code + "\n" + target.Code;

    private static string SourceCode(LanguageConfig language) => Primary(language).ToUpperInvariant();

    /// <summary>DeepL's target codes name the variant where it has several (EN-US, EN-GB, PT-BR, ZH-HANS, ZH-HANT).</summary>
    internal static string TargetCode(LanguageConfig language)
    {
        var tag = language.Hreflang.ToUpperInvariant();
        return Primary(language).ToUpperInvariant() switch
        {
            "EN" => tag is "EN-GB" or "EN-US" ? tag : "EN-US",
            "PT" => tag is "PT-BR" ? "PT-BR" : "PT-PT",
            "ZH" => tag.Contains("HANT") || tag is "ZH-TW" or "ZH-HK" ? "ZH-HANT" : "ZH-HANS",
            var primary => primary,
        };
    }

    private static string Primary(LanguageConfig language) => language.Hreflang.Split('-')[0];
}
