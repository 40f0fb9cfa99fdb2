using System.Globalization;
using System.Net;
using System.Text.Json;
using StaticNews.Configuration;

namespace StaticNews.Translation.Providers;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (<c>POST {url}/chat/completions</c>, <c>Authorization: Bearer</c>):
/// OpenAI itself, or a local server such as llama.cpp's or vLLM's (their default URL needs no key). The texts go as
/// a JSON object in the user message and must come back as one, translation for translation, with every tag kept;
/// glossary terms go as <c>translate="no"</c> placeholders, like code and URLs.
/// </summary>
public sealed class OpenAiProvider(ProviderClient client, ProviderSettings settings, string? key, string model) : TranslationProvider(client, settings)
{
    public override string Name => "openai";
    public override string Engine => "openai/" + model;
    // A model's answer is as long as its question: a few thousand characters keep each within common output limits.
    protected override int DefaultBatchCharacters => 4_000;
    public override int BatchItems => 40;

    public override async Task<IReadOnlyList<string>> TranslateAsync(TranslationBatch batch, CancellationToken cancel)
    {
        var question = new MemoryStream();
        using (var json = new Utf8JsonWriter(question))
        {
            json.WriteStartObject();
            WriteTexts(json, "segments", batch.Html);
            json.WriteEndObject();
        }
        var user = System.Text.Encoding.UTF8.GetString(question.ToArray());
        using var answer = await Client.SendAsync(Name, () =>
        {
            var request = PostJson(new Uri(BaseUrl("https://api.openai.com/v1/"), "chat/completions"), json =>
            {
                json.WriteStartObject();
                json.WriteString("model", model);
                json.WriteNumber("temperature", 0);
                json.WriteStartObject("response_format");
                json.WriteString("type", "json_object");
                json.WriteEndObject();
                json.WriteStartArray("messages");
                Message(json, "system", Instructions(batch.Source, batch.Target));
                Message(json, "user", user);
                json.WriteEndArray();
                json.WriteEndObject();
            });
            if (!string.IsNullOrEmpty(key)) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            return request;
        }, Classify, cancel);
        var choices = Property(answer.RootElement, "choices");
        if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0) throw BadAnswer("no choices");
        var content = Property(Property(choices[0], "message"), "content");
        if (content.ValueKind != JsonValueKind.String) throw BadAnswer("the message has no text");
        return Translations(content.GetString()!, batch.Html.Count);
    }

    private IReadOnlyList<string> Translations(string content, int expected)
    {
        // Some servers wrap the object in a Markdown code fence, or add a word before it: the object is what counts.
        var start = content.IndexOf('{');
        var end = content.LastIndexOf('}');
        if (start < 0 || end < start) throw BadAnswer("the model's answer holds no JSON object");
        try
        {
            using var json = JsonDocument.Parse(content.AsMemory(start, end - start + 1));
            return Strings(Property(json.RootElement, "translations"), expected);
        }
        catch (JsonException) { throw BadAnswer("the model's answer is not valid JSON"); }
    }

    private static void Message(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    private static string Instructions(LanguageConfig source, LanguageConfig target) =>
        $"You are a professional news translator. Translate from {LanguageName(source)} to {LanguageName(target)}. " +
        "The user sends a JSON object {\"segments\": [...]} whose strings are HTML fragments of one news story, in order. " +
        "Translate the text of each fragment faithfully, in a neutral news register. Keep every tag and every attribute exactly as it is, " +
        "around the words it marks; copy elements with translate=\"no\" unchanged; add no tags, notes or explanations. " +
        "Answer with only a JSON object {\"translations\": [...]} holding one string for each segment, in the same order.";

    private static string LanguageName(LanguageConfig language)
    {
        try { return CultureInfo.GetCultureInfo(language.Hreflang).EnglishName; }
        catch (CultureNotFoundException) { return language.Hreflang; }
    }

    /// <summary>OpenAI answers 429 both for a rate (retry) and for a used-up balance (<c>insufficient_quota</c>).</summary>
    private static ProviderFailure? Classify(HttpStatusCode status, string body) =>
        (int)status == 429 && body.Contains("insufficient_quota", StringComparison.Ordinal) ? ProviderFailure.Quota : ProviderClient.DefaultFailure(status);
}
