using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using StaticNews.Engine;
using StaticNews.Pages;

namespace StaticNews.Serve;

/// <summary>
/// The preview server of `staticnews serve`: Kestrel on loopback serving the output folder as the CDN
/// would (content types, each language's 404 page), plus a server-sent events stream that tells open
/// pages to reload after a rebuild. The reload script, and the error overlay while the last build
/// failed, are added to HTML responses on the way out; the files on disk never carry them.
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    public const string EventsPath = "/__staticnews/events";

    private readonly string _root;
    private readonly WebApplication _app;
    private volatile IReadOnlyList<Diagnostic>? _errors;

    private PreviewServer(string root, WebApplication app)
    {
        _root = Path.GetFullPath(root);
        _app = app;
    }

    public ReloadHub Hub { get; } = new();

    /// <summary>The address it listens on, e.g. http://127.0.0.1:5080/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts serving <paramref name="outputDirectory"/> on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<PreviewServer> StartAsync(string outputDirectory, int port, CancellationToken cancel = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "StaticNews" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new PreviewServer(outputDirectory, app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancel);
        var address = app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is Microsoft.AspNetCore.Hosting.Server.IServer s
            ? s.Features.Get<IServerAddressesFeature>()?.Addresses.First() : null;
        server.Address = new Uri((address ?? $"http://127.0.0.1:{port}").Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    /// <summary>Records the outcome of a build: after a failure, pages show its errors until a build succeeds. Then tells open pages to reload.</summary>
    public void BuildFinished(BuildReport report)
    {
        _errors = report.Success ? null : report.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Hub.Broadcast("reload");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        var segments = SitePaths.Segments(raw);
        if (segments is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Bad request: this path is not allowed.\n");
            return;
        }
        if (string.Join('/', segments) == EventsPath.TrimStart('/'))
        {
            await StreamEventsAsync(context);
            return;
        }

        var file = SitePaths.Resolve(_root, segments);
        if (file is not null && Directory.Exists(file))
        {
            if (!raw.Split('?')[0].EndsWith('/'))
            {
                context.Response.Redirect(raw.Split('?')[0] + "/");
                return;
            }
            file = Path.Combine(file, "index.html");
        }
        if (file is not null && File.Exists(file))
        {
            await SendFileAsync(context, file, StatusCodes.Status200OK);
            return;
        }
        // A miss under /{lang}/ gets that language's 404 page, anything else the site's.
        var notFound = segments.Count > 1 && segments[0].Length > 0 ? Path.Combine(_root, segments[0], "404.html") : null;
        if (notFound is null || !File.Exists(notFound)) notFound = Path.Combine(_root, "404.html");
        if (File.Exists(notFound)) await SendFileAsync(context, notFound, StatusCodes.Status404NotFound);
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await SendHtmlAsync(context, "<!DOCTYPE html><title>Not found</title><h1>Not found</h1>");
        }
    }

    private async Task SendFileAsync(HttpContext context, string file, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        var name = Path.GetFileName(file);
        var type = SitePaths.ContentType(name);
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(file, context.RequestAborted); }
        catch (FileNotFoundException) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; } // swapped away mid-request
        if (type.StartsWith("text/html", StringComparison.Ordinal))
        {
            await SendHtmlAsync(context, Encoding.UTF8.GetString(bytes));
            return;
        }
        context.Response.ContentType = type;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task SendHtmlAsync(HttpContext context, string html)
    {
        var injected = LiveReload.Inject(html, _errors);
        var bytes = Encoding.UTF8.GetBytes(injected);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task StreamEventsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var (id, events) = Hub.Subscribe();
        try
        {
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var name in events.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync($"event: {name}\ndata: {name}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) { } // the page went away
        finally { Hub.Unsubscribe(id); }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What serve mode adds to HTML on the way out: the reload script and, after a failed build, the error overlay.</summary>
public static class LiveReload
{
    public const string Script =
        "<script data-staticnews=\"live-reload\">(function(){var s=new EventSource(\"" + PreviewServer.EventsPath + "\");" +
        "s.addEventListener(\"reload\",function(){location.reload();});})();</script>";

    public static string Inject(string html, IReadOnlyList<Diagnostic>? errors)
    {
        var overlay = errors is null ? "" :
            "<div id=\"staticnews-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#1d1f21;color:#ffb4b4;font:14px/1.5 monospace;padding:2em;white-space:pre-wrap\">"
            + "<strong>Build failed: the last good site is shown underneath.</strong>\n\n"
            + string.Join("\n", errors.Select(e => Html.Escape(e.ToString()))) + "</div>";
        var snippet = overlay + Script;
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end >= 0 ? html.Insert(end, snippet) : html + snippet;
    }
}
