using StaticNews.Configuration;

namespace StaticNews.Translation.Providers;

/// <summary>
/// LibreTranslate (open source, self-hostable; <c>POST /translate</c> with <c>q</c> a list of texts and
/// <c>format: html</c>; an <c>api_key</c> in the body where the server asks for one). It has no glossary
/// feature: terms go as placeholders.
/// </summary>
public sealed class LibreTranslateProvider(ProviderClient client, ProviderSettings settings, string? key) : TranslationProvider(client, settings)
{
    public override string Name => "libretranslate";
    // Public instances limit a request to a few thousand characters; a self-hosted one can take more (batchCharacters).
    protected override int DefaultBatchCharacters => 5_000;
    public override int BatchItems => 50;

    public override async Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel)
    {
        using var answer = await Client.SendAsync(Name, () => PostJson(new Uri(BaseUrl("https://libretranslate.com/"), "translate"), json =>
        {
            json.WriteStartObject();
            WriteTexts(json, "q", batch.Html);
            json.WriteString("source", Code(batch.Source));
            json.WriteString("target", Code(batch.Target));
            json.WriteString("format", "html");
            if (!string.IsNullOrEmpty(key)) json.WriteString("api_key", key);
            json.WriteEndObject();
        }), null, cancel);
        var translated = Property(answer.RootElement, "translatedText");
        if (translated.ValueKind == System.Text.Json.JsonValueKind.String && batch.Html.Count == 1) return [translated.GetString()!];
        if (translated.ValueKind != System.Text.Json.JsonValueKind.Array) throw BadAnswer("translatedText is not a list");
        var texts = new List<string>();
        foreach (var item in translated.EnumerateArray())
            texts.Add(item.ValueKind == System.Text.Json.JsonValueKind.String ? item.GetString()! : throw BadAnswer("a translation that is not text"));
        return texts.Count == batch.Html.Count ? texts : throw BadAnswer($"{texts.Count} translations for {batch.Html.Count} texts");
    }

    /// <summary>LibreTranslate's codes: the language, and zt for Traditional Chinese.</summary>
    private static string Code(LanguageConfig language)
    {
        var tag = language.Hreflang;
        var primary = tag.Split('-')[0].ToLowerInvariant();
        return primary == "zh" && (tag.Contains("Hant", StringComparison.OrdinalIgnoreCase) || tag.EndsWith("TW", StringComparison.OrdinalIgnoreCase)) ? "zt" : primary;
    }
}
