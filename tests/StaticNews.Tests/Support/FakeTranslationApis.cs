using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StaticNews.Configuration;
using StaticNews.Translation;

namespace StaticNews.Tests.Support;

/// <summary>
/// The five translation APIs as their documentation describes them, each on a loopback server: the request
/// shape (path, authentication header, texts, languages, HTML mode, glossary parameters) is checked, and the
/// answer is the documented JSON. "Translation" uppercases the words of every text node outside
/// translate="no" elements, keeping tags as HTML-mode machine translation does; DeepL applies its glossaries
/// and Azure its dynamic dictionary first.
/// </summary>
public sealed class FakeTranslationApi : IDisposable
{
    public const string Key = "test-key-0123456789";

    private readonly LoopbackServer _server;
    private readonly Queue<Reply> _scripted = new();
    private readonly Dictionary<string, List<(string Term, string Translation)>> _glossaries = [];
    private readonly Lock _lock = new();

    /// <summary>A fake of <paramref name="provider"/>; <paramref name="requireKey"/> false: a self-hosted LibreTranslate that asks for none.</summary>
    public FakeTranslationApi(string provider, bool requireKey = true)
    {
        Provider = provider;
        _requireKey = requireKey;
        _server = new LoopbackServer(Handle);
    }

    private readonly bool _requireKey;

    public string Provider { get; }
    public Uri Url => Provider == "openai" ? new Uri(_server.Url, "v1/") : _server.Url;
    public IReadOnlyList<RecordedRequest> Requests => [.. _server.Requests];
    /// <summary>Requests that carried texts to translate.</summary>
    public IReadOnlyList<RecordedRequest> TranslateRequests => [.. Requests.Where(r => r.Method == "POST" && !r.Path.Contains("glossaries"))];
    /// <summary>Glossary entries DeepL was given, by glossary id.</summary>
    public IReadOnlyDictionary<string, List<(string Term, string Translation)>> Glossaries => _glossaries;
    /// <summary>When set, DeepL leaves its glossary unapplied (as if its flexion missed a term).</summary>
    public bool IgnoreGlossary { get; set; }
    /// <summary>Applied to each answer's HTML after translation (to break it on purpose).</summary>
    public Func<string, string>? Mangle { get; set; }

    /// <summary>Replies given, in order, before the API answers normally again.</summary>
    public FakeTranslationApi Then(params Reply[] replies)
    {
        lock (_lock) foreach (var reply in replies) _scripted.Enqueue(reply);
        return this;
    }

    /// <summary>A provider made the way translate makes it, pointed at this server.</summary>
    public TranslationProvider Create(RetryPolicy? policy = null, string? key = Key, int? batchCharacters = null, int inFlight = 4)
    {
        var settings = new ProviderSettings(Url, Provider == "openai" ? "test-model" : null, Provider == "azure" ? "westeurope" : null, batchCharacters);
        var config = new TranslationConfig { Providers = new Dictionary<string, ProviderSettings> { [Provider] = settings } };
        var client = new ProviderClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, policy ?? Policies.NoWait(), new SemaphoreSlim(inFlight));
        return ProviderCatalog.Create(Provider, config, client, name => name == ProviderCatalog.CredentialVariable(Provider) ? key : null);
    }

    private Reply Handle(RecordedRequest request)
    {
        lock (_lock)
            if (_scripted.Count > 0 && !request.Path.Contains("glossaries")) return _scripted.Dequeue();
        if (_requireKey && !Authorized(request)) return Reply.Json("""{"message":"Wrong key"}""", Provider == "libretranslate" ? 403 : 401);
        return Provider switch
        {
            "deepl" => DeepL(request),
            "google" => Google(request),
            "azure" => Azure(request),
            "libretranslate" => Libre(request),
            _ => OpenAi(request),
        };
    }

    private bool Authorized(RecordedRequest request) => Provider switch
    {
        "deepl" => request.Header("Authorization") == "DeepL-Auth-Key " + Key,
        "google" => request.Header("X-Goog-Api-Key") == Key,
        "azure" => request.Header("Ocp-Apim-Subscription-Key") == Key && request.Header("Ocp-Apim-Subscription-Region") == "westeurope",
        "libretranslate" => request.Json.TryGetProperty("api_key", out var key) && key.GetString() == Key,
        _ => request.Header("Authorization") == "Bearer " + Key,
    };

    private Reply DeepL(RecordedRequest request)
    {
        if (request.Method == "DELETE") return new Reply(204);
        var json = request.Json;
        if (request.Path == "/v2/glossaries")
        {
            var id = "glossary-" + (_glossaries.Count + 1);
            Assert.Equal("tsv", json.GetProperty("entries_format").GetString());
            _glossaries[id] = [.. json.GetProperty("entries").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t')).Select(p => (p[0], p[1]))];
            return Reply.Json($$"""{"glossary_id":"{{id}}","ready":true,"name":"x","source_lang":"id","target_lang":"fr","entry_count":{{_glossaries[id].Count}}}""", 201);
        }
        Assert.Equal("/v2/translate", request.Path);
        Assert.Equal("html", json.GetProperty("tag_handling").GetString());
        Assert.NotEmpty(json.GetProperty("target_lang").GetString()!);
        var glossary = json.TryGetProperty("glossary_id", out var g) && !IgnoreGlossary ? _glossaries[g.GetString()!] : [];
        var texts = json.GetProperty("text").EnumerateArray().Select(t => Translate(t.GetString()!, glossary));
        return Reply.Json(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("translations");
            foreach (var text in texts) { w.WriteStartObject(); w.WriteString("detected_source_language", "ID"); w.WriteString("text", text); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private Reply Google(RecordedRequest request)
    {
        Assert.Equal("/language/translate/v2", request.Path);
        var json = request.Json;
        Assert.Equal("html", json.GetProperty("format").GetString());
        var texts = json.GetProperty("q").EnumerateArray().Select(t => Translate(t.GetString()!, []));
        return Reply.Json(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteStartArray("translations");
            foreach (var text in texts) { w.WriteStartObject(); w.WriteString("translatedText", text); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private Reply Azure(RecordedRequest request)
    {
        Assert.Equal("/translate", request.Path);
        Assert.Contains("api-version=3.0", request.Query);
        Assert.Contains("textType=html", request.Query);
        var to = System.Web.HttpUtility.ParseQueryString(request.Query)["to"]!;
        var texts = request.Json.EnumerateArray().Select(t => Translate(t.GetProperty("Text").GetString()!, [])).ToList();
        return Reply.Json(Write(w =>
        {
            w.WriteStartArray();
            foreach (var text in texts)
            {
                w.WriteStartObject();
                w.WriteStartArray("translations");
                w.WriteStartObject(); w.WriteString("text", text); w.WriteString("to", to); w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }));
    }

    private Reply Libre(RecordedRequest request)
    {
        Assert.Equal("/translate", request.Path);
        var json = request.Json;
        Assert.Equal("html", json.GetProperty("format").GetString());
        var texts = json.GetProperty("q").EnumerateArray().Select(t => Translate(t.GetString()!, []));
        return Reply.Json(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("translatedText");
            foreach (var text in texts) w.WriteStringValue(text);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private Reply OpenAi(RecordedRequest request)
    {
        Assert.Equal("/v1/chat/completions", request.Path);
        var json = request.Json;
        Assert.Equal("test-model", json.GetProperty("model").GetString());
        var messages = json.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        var question = JsonDocument.Parse(messages[1].GetProperty("content").GetString()!).RootElement;
        var texts = question.GetProperty("segments").EnumerateArray().Select(t => Translate(t.GetString()!, [])).ToList();
        var content = Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("translations");
            foreach (var text in texts) w.WriteStringValue(text);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return Reply.Json(Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteStartObject("message"); w.WriteString("role", "assistant"); w.WriteString("content", "```json\n" + content + "\n```"); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>The fake engine: glossary entries and dynamic dictionaries applied, other words uppercased, tags kept.</summary>
    private string Translate(string html, List<(string Term, string Translation)> glossary)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><body></body>");
        var body = document.Body!;
        foreach (var node in Parser.ParseFragment(html, body).ToList()) body.AppendChild(node);
        foreach (var dictionary in body.QuerySelectorAll("*").Where(e => e.LocalName == "mstrans:dictionary").ToList())
            dictionary.Replace(document.CreateTextNode("\u0001" + dictionary.GetAttribute("translation") + "\u0002"));
        foreach (var text in body.Descendants<IText>().ToList())
        {
            if (text.Ancestors<IElement>().Any(e => e.GetAttribute("translate") == "no" || e.ClassList.Contains("notranslate"))) continue;
            var value = text.Data;
            foreach (var (term, translation) in glossary) value = value.Replace(term, "\u0001" + translation + "\u0002", StringComparison.Ordinal);
            // Words outside the marks (\u0001...\u0002) are "translated" by uppercasing them.
            var result = new StringBuilder();
            var protectedRun = false;
            foreach (var c in value)
            {
                if (c == '\u0001') protectedRun = true;
                else if (c == '\u0002') protectedRun = false;
                else result.Append(protectedRun ? c : char.ToUpperInvariant(c));
            }
            text.Data = result.ToString();
        }
        var translated = body.InnerHtml;
        return Mangle?.Invoke(translated) ?? translated;
    }

    public void Dispose() => _server.Dispose();
}

/// <summary>Retry policies for tests: waits are recorded, never slept.</summary>
public static class Policies
{
    public static RetryPolicy NoWait(List<TimeSpan>? waits = null, int retries = 4, TimeSpan? timeout = null) => new()
    {
        Retries = retries,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        Wait = (delay, _) =>
        {
            lock (waits ?? []) waits?.Add(delay);
            return Task.CompletedTask;
        },
    };
}
