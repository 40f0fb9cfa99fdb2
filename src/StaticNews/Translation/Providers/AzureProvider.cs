using System.Net;
using StaticNews.Configuration;

namespace StaticNews.Translation.Providers;

/// <summary>
/// Azure AI Translator v3 (<c>POST /translate?api-version=3.0&amp;from=..&amp;to=..&amp;textType=html</c>, key in
/// <c>Ocp-Apim-Subscription-Key</c>, the resource's region in <c>Ocp-Apim-Subscription-Region</c>). Its glossary
/// feature is the dynamic dictionary (<c>&lt;mstrans:dictionary translation="..."&gt;</c>), which works only when one
/// side of the pair is English; other pairs get the terms as placeholders.
/// </summary>
public sealed class AzureProvider(ProviderClient client, ProviderSettings settings, string key, string? region) : TranslationProvider(client, settings)
{
    public override string Name => "azure";
    // 50,000 characters and 1,000 texts is the documented maximum; Microsoft recommends shorter requests.
    protected override int DefaultBatchCharacters => 10_000;
    public override int BatchItems => 1_000;

    public override async Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel)
    {
        var url = new Uri(BaseUrl("https://api.cognitive.microsofttranslator.com/"),
            $"translate?api-version=3.0&from={Uri.EscapeDataString(Code(batch.Source))}&to={Uri.EscapeDataString(Code(batch.Target))}&textType=html");
        using var answer = await Client.SendAsync(Name, () =>
        {
            var request = PostJson(url, json =>
            {
                json.WriteStartArray();
                foreach (var text in batch.Html)
                {
                    json.WriteStartObject();
                    json.WriteString("Text", text);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            });
            request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", key);
            if (!string.IsNullOrEmpty(region)) request.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Region", region);
            return request;
        }, Classify, cancel);
        var texts = new List<string>(batch.Html.Count);
        var items = answer.RootElement;
        if (items.ValueKind != System.Text.Json.JsonValueKind.Array || items.GetArrayLength() != batch.Html.Count)
            throw BadAnswer($"not one result for each of the {batch.Html.Count} texts");
        foreach (var item in items.EnumerateArray())
            texts.Add(Strings(Property(item, "translations"), 1, "text")[0]);
        return texts;
    }

    public override Task<Func<TermNode, string?>?> PrepareGlossaryAsync(Glossary glossary, LanguageConfig source, LanguageConfig target, CancellationToken cancel)
    {
        if (Code(source) != "en" && Code(target) != "en") return Task.FromResult<Func<TermNode, string?>?>(null);
        return Task.FromResult<Func<TermNode, string?>?>(term =>
            $"<mstrans:dictionary translation=\"{SegmentHtml.Escape(term.Expected)}\">{SegmentHtml.Escape(term.Term)}</mstrans:dictionary>");
    }

    /// <summary>Azure's 403 is a used-up quota (its codes 403000/403001); a bad key is a 401.</summary>
    private static ProviderFailure? Classify(HttpStatusCode status, string body) => (int)status switch
    {
        403 => ProviderFailure.Quota,
        _ => ProviderClient.DefaultFailure(status),
    };

    /// <summary>Azure's codes: the language, and zh-Hans or zh-Hant for Chinese.</summary>
    private static string Code(LanguageConfig language)
    {
        var tag = language.Hreflang;
        var primary = tag.Split('-')[0].ToLowerInvariant();
        if (primary != "zh") return primary;
        return tag.Contains("Hant", StringComparison.OrdinalIgnoreCase) || tag.EndsWith("TW", StringComparison.OrdinalIgnoreCase) ? "zh-Hant" : "zh-Hans";
    }
}
