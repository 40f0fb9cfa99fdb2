using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StaticNews.Content;

namespace StaticNews.Translation;

/// <summary>How hard a provider is pushed: retries, waits and how long one request may take.</summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts after the first, for a 429, a 5xx, a timeout or a dropped connection.</summary>
    public int Retries { get; init; } = 4;
    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The wait before the first retry when the provider names none; it doubles for each retry after.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest wait a provider's Retry-After is honoured for; one asking more fails the request (try again later).</summary>
    public TimeSpan LongestWait { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>How a wait is made (tests record the waits instead of sleeping).</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;
}

/// <summary>What went wrong with a provider, and so what can be done about it.</summary>
public enum ProviderFailure
{
    /// <summary>The key was refused (or is missing): every request would fail the same way, so the run stops asking.</summary>
    Authentication,
    /// <summary>The account's characters are used up (DeepL 456): the run stops asking this provider.</summary>
    Quota,
    /// <summary>This request was refused (400, 413...): other requests may still work.</summary>
    Rejected,
    /// <summary>No answer after every retry (429, 5xx, timeouts, connection errors).</summary>
    Unavailable,
    /// <summary>An answer that is not the documented JSON, or has another number of translations than texts sent.</summary>
    BadAnswer,
}

/// <summary>A provider failed; the message says which, why and what to do, and never holds a credential.</summary>
public sealed class TranslationProviderException(string provider, ProviderFailure failure, string message) : Exception(message)
{
    public string Provider { get; } = provider;
    public ProviderFailure Failure { get; } = failure;
    /// <summary>Whether every later request to the same provider would fail too.</summary>
    public bool StopsProvider => Failure is ProviderFailure.Authentication or ProviderFailure.Quota;
}

/// <summary>
/// The HTTP side every provider shares: requests in flight limited over the whole run, each attempt bounded by the
/// timeout, retries with exponential backoff on 429 and 5xx (a provider's <c>Retry-After</c> honoured), connection
/// errors and timeouts retried too, and errors turned into <see cref="TranslationProviderException"/>s. After a
/// provider refuses the key or runs out of quota, nothing more is sent to it.
/// </summary>
public sealed class ProviderClient(HttpClient http, RetryPolicy policy, SemaphoreSlim inFlight)
{
    // A provider that refused the key or ran out of quota: recorded before its request's slot is given back, so no
    // request queued behind it is sent.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TranslationProviderException> _stopped = new(StringComparer.Ordinal);

    /// <summary>A rough cap on an answer's size: a batch of text is at most a few hundred kilobytes.</summary>
    private const int MaxAnswerBytes = 32 * 1024 * 1024;

    public RetryPolicy Policy => policy;

    /// <summary>
    /// Sends the request <paramref name="make"/> builds (again for each attempt) and returns the answer's JSON.
    /// <paramref name="classify"/> decides what an error status and body mean for a provider whose API says more than
    /// the status (null from it: try again); without it, <see cref="DefaultFailure"/> decides.
    /// </summary>
    public async Task<JsonDocument> SendAsync(string provider, Func<HttpRequestMessage> make,
        Func<HttpStatusCode, string, ProviderFailure?>? classify, CancellationToken cancel)
    {
        var display = ProviderCatalog.DisplayName(provider);
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? wait;
            string problem;
            await inFlight.WaitAsync(cancel);
            try
            {
                if (_stopped.TryGetValue(provider, out var earlier))
                    throw new TranslationProviderException(provider, earlier.Failure, "not asked: " + earlier.Message);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(policy.Timeout);
                using var request = make();
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    var body = await ReadBody(response, timeout.Token);
                    var status = response.StatusCode;
                    if (response.IsSuccessStatusCode) return Parse(provider, display, body);
                    var failure = classify is null ? DefaultFailure(status) : classify(status, body);
                    var detail = ErrorDetail(body);
                    if (failure is { } final)
                    {
                        var error = new TranslationProviderException(provider, final, Explain(provider, display, final, (int)status, detail));
                        if (error.StopsProvider) _stopped.TryAdd(provider, error);
                        throw error;
                    }
                    problem = $"HTTP {(int)status}{(detail.Length > 0 ? ": " + detail : "")}";
                    wait = RetryAfter(response.Headers.RetryAfter);
                    if (wait > policy.LongestWait)
                        throw new TranslationProviderException(provider, ProviderFailure.Unavailable,
                            $"{display} asks to wait {wait.Value.TotalSeconds:0} s before the next request ({problem}); run translate again later");
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    problem = $"no answer within {policy.Timeout.TotalSeconds:0.#} s";
                    wait = null;
                }
                catch (HttpRequestException e)
                {
                    problem = $"could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {e.Message}";
                    wait = null;
                }
            }
            finally
            {
                inFlight.Release();
            }
            if (attempt >= policy.Retries)
                throw new TranslationProviderException(provider, ProviderFailure.Unavailable,
                    $"{display} did not answer after {attempt + 1} attempt(s): {problem}");
            await policy.Wait(wait ?? Backoff(attempt), cancel);
        }
    }

    /// <summary>
    /// What an error status means by default (null: try again): a refused key stops the run, 456 is DeepL's quota,
    /// 408, 429 and 5xx (DeepL's 529 too) are tried again, any other status refuses this request.
    /// </summary>
    public static ProviderFailure? DefaultFailure(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ProviderFailure.Authentication,
        456 => ProviderFailure.Quota,
        408 or 429 or >= 500 => null,
        _ => ProviderFailure.Rejected,
    };

    private static string Explain(string provider, string display, ProviderFailure failure, int status, string detail)
    {
        var said = detail.Length > 0 ? $" ({display} says: {detail})" : "";
        return failure switch
        {
            ProviderFailure.Authentication => $"{display} refused the credentials (HTTP {status}){said}: check {ProviderCatalog.CredentialVariable(provider)}",
            ProviderFailure.Quota => $"{display}'s quota is used up (HTTP {status}){said}: nothing more can be translated with this account until the quota renews or is raised",
            _ => $"{display} refused the request (HTTP {status}){said}",
        };
    }

    private static JsonDocument Parse(string provider, string display, string body)
    {
        try { return JsonDocument.Parse(body); }
        catch (JsonException)
        {
            throw new TranslationProviderException(provider, ProviderFailure.BadAnswer, $"{display} answered with something that is not JSON: {TextTools.Excerpt(body)}");
        }
    }

    private static async Task<string> ReadBody(HttpResponseMessage response, CancellationToken cancel)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            throw new HttpRequestException($"an answer of {response.Content.Headers.ContentLength} bytes");
        return await response.Content.ReadAsStringAsync(cancel);
    }

    /// <summary>The wait a provider asks for (seconds or a date), if any.</summary>
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta is { } delta ? delta
        : header?.Date is { } date ? (date - DateTimeOffset.UtcNow) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero
        : null;

    /// <summary>1, 2, 4, 8... times the first delay, give or take a quarter, so parallel requests do not retry in step.</summary>
    private TimeSpan Backoff(int attempt) =>
        policy.FirstDelay * Math.Pow(2, attempt) * (0.75 + Random.Shared.NextDouble() / 2);

    /// <summary>The message an error answer carries (<c>message</c>, <c>error</c> or <c>error.message</c> in JSON), or the start of its text.</summary>
    internal static string ErrorDetail(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0) root = root[0];
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return TextTools.Excerpt(message.GetString()!);
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String) return TextTools.Excerpt(error.GetString()!);
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String)
                        return TextTools.Excerpt(inner.GetString()!);
                }
                if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String) return TextTools.Excerpt(detail.GetString()!);
            }
        }
        catch (JsonException) { }
        return TextTools.Excerpt(body);
    }
}
