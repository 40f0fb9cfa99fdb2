using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using StaticNews.Engine;
using StaticNews.Pages;

namespace StaticNews.Serve;

/// <summary>
/// The preview server of `staticnews serve`: Kestrel serving the output folder as the CDN would (content
/// types, each language's 404 page), plus a server-sent events stream that tells open pages to reload after
/// a rebuild. The reload script, and the error overlay while the last build failed, are added to HTML
/// responses on the way out; the files on disk never carry them.
/// <para>
/// A preview can show drafts, so it listens only where its options say (loopback unless told otherwise) and
/// reads no ambient configuration (appsettings.json, ASPNETCORE_URLS, Kestrel endpoint settings); it answers
/// only requests addressed to it by a name or address it has (a page on another site cannot read it through
/// DNS rebinding); it holds a bounded number of connections and reload streams, and streams files from disk.
/// </para>
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    public const string EventsPath = "/__staticnews/events";

    /// <summary>Connections at once: far more than the browsers of one person open, far fewer than a process's file descriptors.</summary>
    public const int MaxConnections = 256;

    private readonly string _root;
    private readonly WebApplication _app;
    private volatile IReadOnlyList<Diagnostic>? _errors;

    private PreviewServer(string root, WebApplication app, int maxReloadStreams)
    {
        _root = Path.GetFullPath(root);
        _app = app;
        Hub = new ReloadHub(maxReloadStreams);
    }

    public ReloadHub Hub { get; }

    /// <summary>The address it listens on, e.g. http://127.0.0.1:5080/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// Starts serving <paramref name="outputDirectory"/> on <paramref name="host"/>:<paramref name="port"/> (0 picks a free
    /// port), answering requests whose Host header names <see cref="PreviewHosts.Allowed"/> for that address.
    /// </summary>
    public static async Task<PreviewServer> StartAsync(string outputDirectory, IPAddress host, int port,
        int maxReloadStreams = ReloadHub.DefaultCapacity, CancellationToken cancel = default)
    {
        // The empty builder and Kestrel's core read no configuration: no appsettings.json, no environment variables,
        // no Kestrel endpoints section. The one endpoint is the one given here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ApplicationName = "StaticNews" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(host, port);
            k.Limits.MaxConcurrentConnections = MaxConnections;
            k.Limits.MaxConcurrentUpgradedConnections = 0;
        });
        builder.Services.AddLogging();
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = PreviewHosts.Allowed(host);
            o.AllowEmptyHosts = false;
        });
        var app = builder.Build();
        var server = new PreviewServer(outputDirectory, app, maxReloadStreams);
        app.UseHostFiltering();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancel);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(bound + "/");
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

    /// <summary>
    /// Streams a file from disk, however large, never holding it whole. HTML gets the reload snippet inserted before
    /// its last &lt;/body&gt;, which is looked for in the file's tail only.
    /// </summary>
    private async Task SendFileAsync(HttpContext context, string file, int status)
    {
        FileStream stream;
        // Opened first: the handle keeps the file readable even if a rebuild swaps the output away mid-request.
        try { stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
        await using var _ = stream;
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var type = SitePaths.ContentType(Path.GetFileName(file));
        var length = stream.Length;
        var snippet = type.StartsWith("text/html", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(LiveReload.Snippet(_errors)) : null;
        var insertAt = snippet is null ? length : await LiveReload.InsertionPointAsync(stream, context.RequestAborted);
        response.ContentType = type;
        response.ContentLength = length + (snippet?.Length ?? 0);
        if (HttpMethods.IsHead(context.Request.Method)) return;
        stream.Position = 0;
        await CopyAsync(stream, response.Body, insertAt, context.RequestAborted);
        if (snippet is null) return;
        await response.Body.WriteAsync(snippet, context.RequestAborted);
        await CopyAsync(stream, response.Body, length - insertAt, context.RequestAborted);
    }

    private static async Task CopyAsync(Stream from, Stream to, long count, CancellationToken cancel)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (count > 0 && await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancel) is var read and > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancel);
                count -= read;
            }
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    private async Task SendHtmlAsync(HttpContext context, string html)
    {
        var bytes = Encoding.UTF8.GetBytes(LiveReload.Inject(html, _errors));
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task StreamEventsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var subscription = Hub.Subscribe();
        var events = subscription.Events;
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

    /// <summary>The reload script, after the error overlay when the last build failed.</summary>
    public static string Snippet(IReadOnlyList<Diagnostic>? errors)
    {
        var overlay = errors is null ? "" :
            "<div id=\"staticnews-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#1d1f21;color:#ffb4b4;font:14px/1.5 monospace;padding:2em;white-space:pre-wrap\">"
            + "<strong>Build failed: the last good site is shown underneath.</strong>\n\n"
            + string.Join("\n", errors.Select(e => Html.Escape(e.ToString()))) + "</div>";
        return overlay + Script;
    }

    public static string Inject(string html, IReadOnlyList<Diagnostic>? errors)
    {
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end >= 0 ? html.Insert(end, Snippet(errors)) : html + Snippet(errors);
    }

    /// <summary>How far the page's last tail of bytes to search for &lt;/body&gt;: a page ends with it, give or take a comment.</summary>
    private const int Tail = 64 * 1024;

    /// <summary>Where the snippet goes in an HTML file: before its last &lt;/body&gt; (ASCII in any case), else at the end.</summary>
    public static async Task<long> InsertionPointAsync(Stream page, CancellationToken cancel)
    {
        var start = Math.Max(0, page.Length - Tail);
        var tail = new byte[page.Length - start];
        page.Position = start;
        await page.ReadExactlyAsync(tail, cancel);
        var end = LastIndexOfBodyEnd(tail);
        return end >= 0 ? start + end : page.Length;
    }

    private static int LastIndexOfBodyEnd(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> tag = "</body>"u8;
        for (var i = bytes.Length - tag.Length; i >= 0; i--)
            if (Ascii.EqualsIgnoreCase(bytes.Slice(i, tag.Length), tag)) return i;
        return -1;
    }
}
