using System.Text.Json;
using StaticNews.Configuration;
using StaticNews.Tests.Support;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>
/// Each provider against a loopback server speaking its documented API: the authentication header, the request
/// shape, batching within its limits, and what each kind of failure turns into (401, 429 with Retry-After, the
/// quota, 500, a timeout, malformed JSON). Waits are recorded, never slept.
/// </summary>
public sealed class ProviderTests
{
    public static readonly TheoryData<string> Providers = ["deepl", "google", "azure", "libretranslate", "openai"];

    private static readonly LanguageConfig Indonesian = Language("id");
    private static readonly LanguageConfig French = Language("fr");

    private static LanguageConfig Language(string code) =>
        new() { Code = code, Name = code, Hreflang = code, Culture = System.Globalization.CultureInfo.InvariantCulture };

    private static TranslationBatch Batch(params string[] html) => new(Indonesian, French, html);

    [Theory, MemberData(nameof(Providers))]
    public async Task Texts_come_back_translated_in_order_with_their_tags_and_the_documented_authentication(string provider)
    {
        using var api = new FakeTranslationApi(provider);
        var translated = await api.Create().TranslateAsync(Batch("Harga <b id=\"sn1\">kopi</b> naik", "<a id=\"sn2\">Baca</a> <span translate=\"no\" class=\"notranslate\" id=\"sn3\">print(x)</span>"), default);

        Assert.Equal(["HARGA <b id=\"sn1\">KOPI</b> NAIK", "<a id=\"sn2\">BACA</a> <span translate=\"no\" class=\"notranslate\" id=\"sn3\">print(x)</span>"], translated);
        var request = Assert.Single(api.TranslateRequests);
        Assert.DoesNotContain(FakeTranslationApi.Key, request.Query); // never in a URL, where logs and proxies keep it
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_wrong_key_stops_the_provider_with_a_message_that_names_the_variable_and_never_the_key(string provider)
    {
        using var api = new FakeTranslationApi(provider);
        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => api.Create(key: "wrong-key-987").TranslateAsync(Batch("Halo"), default));

        Assert.Equal(ProviderFailure.Authentication, error.Failure);
        Assert.True(error.StopsProvider);
        Assert.Contains(ProviderCatalog.CredentialVariable(provider), error.Message);
        Assert.DoesNotContain("wrong-key-987", error.Message);
        Assert.Single(api.TranslateRequests); // not retried
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_429_is_retried_after_exactly_the_wait_its_Retry_After_asks(string provider)
    {
        using var api = new FakeTranslationApi(provider).Then(
            new Reply(429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "7" }));
        var waits = new List<TimeSpan>();

        var translated = await api.Create(Policies.NoWait(waits)).TranslateAsync(Batch("Halo"), default);

        Assert.Equal(["HALO"], translated);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
        Assert.Equal(2, api.TranslateRequests.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Server_errors_are_retried_with_growing_waits_and_reported_when_they_persist(string provider)
    {
        using var flaky = new FakeTranslationApi(provider).Then(new Reply(500, "oops"), new Reply(503, "busy"));
        var waits = new List<TimeSpan>();
        Assert.Equal(["HALO"], await flaky.Create(Policies.NoWait(waits)).TranslateAsync(Batch("Halo"), default));
        Assert.Equal(2, waits.Count);
        Assert.True(waits[1] > waits[0], $"backoff grows: {waits[0]} then {waits[1]}");

        using var down = new FakeTranslationApi(provider).Then([.. Enumerable.Repeat(new Reply(500, """{"message":"internal"}"""), 10)]);
        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => down.Create(Policies.NoWait(retries: 2)).TranslateAsync(Batch("Halo"), default));
        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Contains("3 attempt(s)", error.Message);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Equal(3, down.TranslateRequests.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_request_with_no_answer_times_out_and_is_tried_again(string provider)
    {
        using var api = new FakeTranslationApi(provider).Then(Reply.Hang, Reply.Hang);
        var policy = Policies.NoWait(retries: 1, timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => api.Create(policy).TranslateAsync(Batch("Halo"), default));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Contains("after 2 attempt(s): no answer within 0.3 s", error.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Malformed_JSON_is_a_bad_answer_that_is_not_retried(string provider)
    {
        using var api = new FakeTranslationApi(provider).Then(new Reply(200, "{\"translations\": [", ContentType: "application/json"));
        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => api.Create().TranslateAsync(Batch("Halo"), default));
        Assert.Equal(ProviderFailure.BadAnswer, error.Failure);
        Assert.Single(api.TranslateRequests);

        // Valid JSON of another shape is refused too, naming what is missing.
        using var shapeless = new FakeTranslationApi(provider).Then(Reply.Json("""{"unexpected": true}"""));
        var shape = await Assert.ThrowsAsync<TranslationProviderException>(() => shapeless.Create().TranslateAsync(Batch("Halo"), default));
        Assert.Equal(ProviderFailure.BadAnswer, shape.Failure);
    }

    [Fact]
    public async Task DeepL_456_is_the_quota_and_stops_the_provider()
    {
        using var api = new FakeTranslationApi("deepl").Then(Reply.Json("""{"message":"Quota Exceeded"}""", 456));
        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => api.Create().TranslateAsync(Batch("Halo"), default));
        Assert.Equal(ProviderFailure.Quota, error.Failure);
        Assert.True(error.StopsProvider);
        Assert.Contains("DeepL's quota is used up (HTTP 456)", error.Message);
        Assert.Contains("Quota Exceeded", error.Message);
    }

    [Theory]
    [InlineData("google", 403, """{"error":{"code":403,"message":"Daily Limit Exceeded","errors":[{"reason":"dailyLimitExceeded"}]}}""")]
    [InlineData("azure", 403, """{"error":{"code":403001,"message":"The operation is not allowed because the subscription has exceeded its free quota."}}""")]
    [InlineData("openai", 429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""")]
    public async Task Each_providers_own_quota_answer_is_the_quota(string provider, int status, string body)
    {
        using var api = new FakeTranslationApi(provider).Then(Reply.Json(body, status));
        var error = await Assert.ThrowsAsync<TranslationProviderException>(() => api.Create().TranslateAsync(Batch("Halo"), default));
        Assert.Equal(ProviderFailure.Quota, error.Failure);
        Assert.Single(api.TranslateRequests);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Large_jobs_are_split_into_requests_within_the_providers_limits_and_keep_their_order(string provider)
    {
        using var api = new FakeTranslationApi(provider);
        var translator = api.Create(batchCharacters: 100);
        var texts = Enumerable.Range(1, 9).Select(i => $"kalimat nomor {i} " + new string('a', 20 + i)).ToList();

        var answers = new List<string>();
        foreach (var (start, count) in TranslationRunner.Batches(texts, translator.BatchCharacters, translator.BatchItems))
            answers.AddRange(await translator.TranslateAsync(new TranslationBatch(Indonesian, French, texts.GetRange(start, count)), default));

        Assert.Equal(texts.Select(t => t.ToUpperInvariant()), answers);
        Assert.True(api.TranslateRequests.Count >= 4, $"{api.TranslateRequests.Count} requests");
        Assert.All(api.TranslateRequests, r => Assert.True(SentTexts(provider, r).Sum(t => t.Length) <= 100));
    }

    [Fact]
    public void Batches_respect_both_limits_and_send_an_oversized_text_alone()
    {
        var texts = new[] { "aaaa", "bbbb", "cccccccccccc", "dd", "ee", "ff" };
        Assert.Equal([(0, 2), (2, 1), (3, 2), (5, 1)], TranslationRunner.Batches(texts, characters: 8, items: 2).ToList());
    }

    [Fact]
    public async Task DeepL_gets_the_glossary_as_a_glossary_of_the_pair_and_deletes_it_afterwards()
    {
        using var api = new FakeTranslationApi("deepl");
        var translator = api.Create();
        var glossary = new Glossary(["Gayo"], new Dictionary<string, IReadOnlyDictionary<string, string>> { ["Korea Utara"] = new Dictionary<string, string> { ["fr"] = "Corée du Nord" } });

        var term = await translator.PrepareGlossaryAsync(glossary, Indonesian, French, default);
        Assert.NotNull(term);
        var entries = Assert.Single(api.Glossaries).Value;
        Assert.Equal([("Gayo", "Gayo"), ("Korea Utara", "Corée du Nord")], entries);
        var create = api.Requests.Single(r => r.Path == "/v2/glossaries").Json;
        Assert.Equal("id", create.GetProperty("source_lang").GetString());
        Assert.Equal("fr", create.GetProperty("target_lang").GetString());

        var answer = await translator.TranslateAsync(Batch("Kopi Gayo dan Korea Utara"), default);
        Assert.Equal(["KOPI Gayo DAN Corée du Nord"], answer);
        var translate = api.TranslateRequests.Single(r => r.Path == "/v2/translate").Json;
        Assert.Equal("glossary-1", translate.GetProperty("glossary_id").GetString());
        Assert.Equal("ID", translate.GetProperty("source_lang").GetString());
        Assert.Equal("FR", translate.GetProperty("target_lang").GetString());

        await translator.CleanUpAsync(default);
        Assert.Contains(api.Requests, r => r.Method == "DELETE" && r.Path == "/v2/glossaries/glossary-1");
    }

    [Fact]
    public async Task Azure_uses_its_dynamic_dictionary_only_where_English_is_one_side_of_the_pair()
    {
        using var api = new FakeTranslationApi("azure");
        var translator = api.Create();
        var glossary = new Glossary([], new Dictionary<string, IReadOnlyDictionary<string, string>> { ["Korea Utara"] = new Dictionary<string, string> { ["en"] = "North Korea" } });
        Assert.Null(await translator.PrepareGlossaryAsync(glossary, Indonesian, French, default));
        var term = await translator.PrepareGlossaryAsync(glossary, Indonesian, Language("en"), default);
        Assert.Equal("<mstrans:dictionary translation=\"North Korea\">Korea Utara</mstrans:dictionary>", term!(new TermNode(1, "Korea Utara", "North Korea")));
    }

    [Fact]
    public async Task A_missing_key_is_refused_before_any_request_and_OpenAI_compatible_local_servers_need_none()
    {
        using var deepl = new FakeTranslationApi("deepl");
        var error = Assert.Throws<TranslationProviderException>(() => deepl.Create(key: null));
        Assert.Contains("set DEEPL_AUTH_KEY", error.Message);
        Assert.Empty(deepl.Requests);

        using var local = new FakeTranslationApi("openai");
        var noKey = local.Create(key: null);
        await Assert.ThrowsAsync<TranslationProviderException>(() => noKey.TranslateAsync(Batch("Halo"), default)); // this fake wants one
        Assert.Null(local.Requests.Single().Header("Authorization"));
    }

    private static IEnumerable<string> SentTexts(string provider, RecordedRequest request)
    {
        var json = request.Json;
        return provider switch
        {
            "deepl" => json.GetProperty("text").EnumerateArray().Select(t => t.GetString()!),
            "google" or "libretranslate" => json.GetProperty("q").EnumerateArray().Select(t => t.GetString()!),
            "azure" => json.EnumerateArray().Select(t => t.GetProperty("Text").GetString()!),
            _ => JsonDocument.Parse(json.GetProperty("messages")[1].GetProperty("content").GetString()!).RootElement
                .GetProperty("segments").EnumerateArray().Select(t => t.GetString()!),
        };
    }
}
