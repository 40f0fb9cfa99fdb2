using System.Net;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser.Support;

/// <summary>
/// Serves a built site from 127.0.0.1 the way a CDN would: a folder URL serves its index.html, an unknown path
/// answers 404 with the site's /404.html, and every response carries the headers the site's _headers gives its
/// path (its Content-Security-Policy above all: pages are tested under the policy they are served with). Only
/// files inside the output folder are ever served.
/// </summary>
public sealed class StaticFileServer : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".opml"] = "text/x-opml; charset=utf-8",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".svg"] = "image/svg+xml",
        [".ico"] = "image/x-icon",
    };

    private readonly string _root;
    private readonly IReadOnlyList<HeaderRule> _headers;
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        _headers = File.Exists(Path.Combine(_root, "_headers")) ? HeaderRule.Parse(File.ReadAllText(Path.Combine(_root, "_headers"))) : [];
        _listener = LoopbackListener.Start("/", out var url);
        Origin = new Uri(url.GetLeftPart(UriPartial.Authority));
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:port — the only origin a page under test may talk to.</summary>
    public Uri Origin { get; }

    public Uri Url(string sitePath) => new(Origin, sitePath);

    /// <summary>The output file a site path resolves to, or null when there is none (what the server would 404).</summary>
    public string? FileFor(string sitePath)
    {
        var path = Uri.UnescapeDataString(sitePath.Split('?', '#')[0]);
        var full = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != _root) return null;
        if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
        return File.Exists(full) ? full : null;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var file = FileFor(context.Request.Url!.AbsolutePath);
            response.StatusCode = file is null ? 404 : 200;
            file ??= Path.Combine(_root, "404.html");
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            foreach (var (name, value) in _headers.Where(r => r.Matches(context.Request.Url.AbsolutePath)).SelectMany(r => r.Headers))
                if (name == "Content-Type") response.ContentType = value;
                else response.AddHeader(name, value);
            var bytes = File.ReadAllBytes(file);
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod != "HEAD") response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The browser went away mid-response (a page closed): nothing to answer.
        }
    }

    public void Dispose()
    {
        // Close alone, as LoopbackServer does (see PingTests.Dispose: a Stop first makes Close bind the port again).
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
