using System.Net;
using System.Text.Json;
using StaticNews.Configuration;

namespace StaticNews.Translation.Providers;

/// <summary>
/// Google Cloud Translation, Basic edition (v2): <c>POST /language/translate/v2</c> with the API key in the
/// <c>X-Goog-Api-Key</c> header and <c>format: html</c>. v2 rather than v3 because v3 takes only OAuth access
/// tokens (which expire within the hour) and keeps its glossaries as resources made from files in Cloud Storage;
/// a v2 key works from any CI. v2 has no glossaries: terms go as placeholders.
/// </summary>
public sealed class GoogleProvider(ProviderClient client, ProviderSettings settings, string key) : TranslationProvider(client, settings)
{
    public override string Name => "google";
    // Google recommends at most 5,000 characters a request; 128 texts is the documented maximum.
    protected override int DefaultBatchCharacters => 5_000;
    public override int BatchItems => 128;

    public override async Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel)
    {
        using var answer = await Client.SendAsync(Name, () =>
        {
            var request = PostJson(new Uri(BaseUrl("https://translation.googleapis.com/"), "language/translate/v2"), json =>
            {
                json.WriteStartObject();
                WriteTexts(json, "q", batch.Html);
                json.WriteString("source", Code(batch.Source));
                json.WriteString("target", Code(batch.Target));
                json.WriteString("format", "html");
                json.WriteEndObject();
            });
            request.Headers.TryAddWithoutValidation("X-Goog-Api-Key", key);
            return request;
        }, Classify, cancel);
        return Strings(Property(Property(answer.RootElement, "data"), "translations"), batch.Html.Count, "translatedText");
    }

    /// <summary>Google says more in <c>error.errors[].reason</c> than in the status: a bad key is a 400, a used-up quota a 403.</summary>
    private static ProviderFailure? Classify(HttpStatusCode status, string body)
    {
        var reason = Reason(body);
        return reason switch
        {
            "keyInvalid" or "keyExpired" or "forbidden" => ProviderFailure.Authentication,
            "dailyLimitExceeded" or "quotaExceeded" or "billingNotEnabled" => ProviderFailure.Quota,
            "rateLimitExceeded" or "userRateLimitExceeded" => null,
            _ => ProviderClient.DefaultFailure(status),
        };
    }

    private static string? Reason(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object && errors[0].TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>Google's codes: the language, and zh-CN or zh-TW for Chinese.</summary>
    private static string Code(LanguageConfig language)
    {
        var tag = language.Hreflang;
        var primary = tag.Split('-')[0].ToLowerInvariant();
        if (primary != "zh") return primary;
        return tag.Contains("Hant", StringComparison.OrdinalIgnoreCase) || tag.EndsWith("TW", StringComparison.OrdinalIgnoreCase) ? "zh-TW" : "zh-CN";
    }
}
