using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace StaticNews.Tests.Support;

/// <summary>A request as the server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>What the server answers; <see cref="Hang"/> answers nothing until the server is disposed (a timeout).</summary>
public sealed record Reply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json")
{
    public static readonly Reply Hang = new(-1);
    public static Reply Json(string body, int status = 200) => new(status, body);
}

/// <summary>An HTTP server on 127.0.0.1 inside the test: records every request and answers with the handler's reply.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, Reply> _handler;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackServer(Func<RecordedRequest, Reply> handler)
    {
        _handler = handler;
        _listener = LoopbackListener.Start("/", out var url);
        Url = url;
        _ = Task.Run(Serve);
    }

    public Uri Url { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); } catch (Exception) { return; }
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
            Requests.Enqueue(request);
            var reply = _handler(request);
            if (reply == Reply.Hang)
            {
                try { await Task.Delay(Timeout.Infinite, _stop.Token); } catch (OperationCanceledException) { }
                context.Response.Abort();
                return;
            }
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (HttpListenerException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
