using System.Net;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Html.Parser;
using StaticNews.Engine;
using StaticNews.Serve;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Serve;

/// <summary>`staticnews serve` driven over HTTP on loopback, against a copy of the sample site.</summary>
public sealed class PreviewServerTests : IAsyncLifetime
{
    private const string StoryFile = "articles/krl-tembus-karawang/en.md";
    private const string StoryUrl = "/en/2026/10/krl-tembus-karawang/";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a deadline against hanging, not a speed check

    private readonly TempDir _temp = new();
    private readonly List<BuildReport> _builds = [];
    private string _input = "";
    private string _output = "";
    private LivePreview _preview = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _input = _temp.CopyFrom(Repo.SampleInput, "input");
        Directory.CreateDirectory(Path.Combine(_input, "static", "data"));
        File.WriteAllText(Path.Combine(_input, "static", "data", "list.opml"), "<?xml version=\"1.0\"?><opml version=\"2.0\"/>");
        File.WriteAllText(Path.Combine(_input, "static", "data", "rss.xml"), "<?xml version=\"1.0\"?><rss version=\"2.0\"/>");
        File.WriteAllText(Path.Combine(_input, "static", "data", "feed.json"), "{}");
        File.WriteAllText(Path.Combine(_input, "static", "data", "list.xml"), "<list/>");
        File.WriteAllText(_temp.Combine("secret.txt"), "TOP-SECRET");
        _output = _temp.Combine("output");
        var options = SiteBuild.Options(_input, _output);
        _preview = await LivePreview.StartAsync(options, IPAddress.Loopback, 0, report => { lock (_builds) _builds.Add(report); }, SiteBuild.SampleClock);
        _http = new HttpClient { BaseAddress = _preview.Server.Address, Timeout = Patience };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _preview.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("/en/", "text/html")]
    [InlineData("/feeds.opml", "text/x-opml")]
    [InlineData("/data/list.opml", "text/x-opml")]
    [InlineData("/data/rss.xml", "application/rss+xml")]
    [InlineData("/data/feed.json", "application/feed+json")]
    [InlineData("/data/list.xml", "application/xml")]
    public async Task Files_are_served_with_their_content_type(string path, string type)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_images_of_a_page_are_served_with_their_content_types()
    {
        var page = new HtmlParser().ParseDocument(await _http.GetStringAsync("/en/2026/10/terumbu-karang-raja-ampat/"));
        var picture = page.QuerySelector(".story-image picture")!;
        var files = picture.QuerySelectorAll("source").Select(s => (s.GetAttribute("srcset")!.Split(' ')[0], s.GetAttribute("type")!))
            .Append((picture.QuerySelector("img")!.GetAttribute("src")!, "image/png")).ToList();
        Assert.Equal(["image/avif", "image/webp", "image/png"], files.Select(f => f.Item2));
        foreach (var (href, type) in files)
        {
            using var response = await _http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_stylesheet_linked_from_a_page_is_served_as_css()
    {
        var page = new HtmlParser().ParseDocument(await _http.GetStringAsync("/en/"));
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var response = await _http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/en/no-such-story/", "en")]
    [InlineData("/ar/2020/01/missing/", "ar")]
    [InlineData("/no-such-language/x/", "id")]   // outside any language: the site's 404 (in the original language)
    public async Task A_miss_gets_the_404_page_of_its_language(string path, string lang)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/en/../../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2E%2E/secret.txt")]
    [InlineData("/en/%2e%2e%2f%2e%2e%2fsecret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/en/index.html%00.txt")]
    [InlineData("/%252e%252e/secret.txt")]
    public async Task A_path_leaving_the_output_folder_is_refused(string rawTarget)
    {
        // Sent over a raw socket: HttpClient would normalise the dot segments before they reach the server.
        var (status, body) = await RawGetAsync(rawTarget);
        Assert.True(status is 400 or 404, $"{rawTarget} answered {status}");
        Assert.DoesNotContain("TOP-SECRET", body);
    }

    [Fact]
    public async Task An_edited_story_is_served_after_the_reload_event_and_the_built_files_carry_no_script()
    {
        var page = new HtmlParser().ParseDocument(await _http.GetStringAsync(StoryUrl));
        Assert.NotNull(page.QuerySelector("script[data-staticnews=live-reload]"));           // injected in serve mode...
        Assert.DoesNotContain("__staticnews", File.ReadAllText(Path.Combine(_output, "en/2026/10/krl-tembus-karawang/index.html"))); // ...never on disk

        using var events = await OpenEventsAsync();
        var file = Path.Combine(_input, StoryFile);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\ntitle:", "\ntitle: \"Commuter trains reach Karawang at last\"\nx_old_title:", StringComparison.Ordinal));
        // The old title line became an unknown key (a warning, not an error), the new one is the title.
        var updated = await ReloadedWithoutErrorsAsync(events, StoryUrl);
        Assert.Equal("Commuter trains reach Karawang at last", updated.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_failed_build_keeps_the_last_good_site_and_shows_its_errors_over_it()
    {
        using var events = await OpenEventsAsync();
        var file = Path.Combine(_input, StoryFile);
        var good = File.ReadAllText(file);
        File.WriteAllText(file, good.Replace("\ntitle:", "\nx_title:", StringComparison.Ordinal)); // no title: an error
        await events.WaitForAsync("reload");

        using (var response = await _http.GetAsync(StoryUrl))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.NotNull(page.QuerySelector("article"));                                 // the last good page...
            var overlay = page.QuerySelector("#staticnews-errors");
            Assert.NotNull(overlay);                                                         // ...under the error overlay
            Assert.Contains(StoryFile, overlay!.TextContent);
        }
        lock (_builds) Assert.False(_builds[^1].Success);

        File.WriteAllText(file, good);
        var fixedPage = await ReloadedWithoutErrorsAsync(events, StoryUrl);
        Assert.NotNull(fixedPage.QuerySelector("article"));
    }

    [Fact]
    public async Task Once_the_folders_cannot_be_watched_it_says_why_and_finds_changes_by_polling()
    {
        using var events = await OpenEventsAsync();
        // What a watcher reports on Linux past the per-user limit of inotify watches, which a large archive's folders pass:
        // the watching stops, so only a poll can find the edit below.
        _preview.Watcher!.Failed(new IOException("The configured user limit (8192) on the number of inotify watches has been reached"));
        var file = Path.Combine(_input, StoryFile);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\ntitle:", "\ntitle: \"Found by polling\"\nx_old_title:", StringComparison.Ordinal));

        // The poll's first build may start before the edit is saved, and reloads the page for its new warning: the edit
        // is found by one of the next. No such reload within the stream's deadline fails the test.
        while ((await ReloadedWithoutErrorsAsync(events, StoryUrl)).QuerySelector("h1")?.TextContent.Trim() != "Found by polling") { }
        // The polls after it find nothing new (the saved file is read again until its time can be trusted): nothing is said.
        int reported;
        lock (_builds) reported = _builds.Count;
        await Task.Delay(LivePreview.PollInterval * 4);
        lock (_builds)
        {
            Assert.Equal(reported, _builds.Count);
            Assert.Contains(_builds, build => build.Diagnostics.Any(d => d.Severity == Severity.Warning
                && d.Message.Contains("limit (8192) on the number of inotify watches", StringComparison.Ordinal)
                && d.Message.Contains("sysctl fs.inotify.max_user_watches=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Once_the_folders_cannot_be_watched_the_watches_it_holds_are_given_back()
    {
        // On Linux each watched folder holds one of the user's inotify watches, whose limit every program of the user shares.
        if (!FileStat.Available) return;
        var input = FileStat.Of(_input).State.Inode;
        Assert.Contains(input, InotifyWatchedInodes());
        _preview.Watcher!.Failed(new IOException("The configured user limit (8192) on the number of inotify watches has been reached"));
        var deadline = DateTime.UtcNow + Patience;
        while (InotifyWatchedInodes().Contains(input))
        {
            Assert.True(DateTime.UtcNow < deadline, "the input folder is still watched after the watching stopped");
            await Task.Delay(50);
        }
    }

    /// <summary>The inodes of the folders this process watches through inotify, as the kernel lists them for each inotify descriptor.</summary>
    private static HashSet<ulong> InotifyWatchedInodes()
    {
        var watched = new HashSet<ulong>();
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget != "anon_inode:inotify") continue;
                // A line per watch: "inotify wd:3 ino:2a41c sdev:800001 mask:... ignored_mask:0 ..."
                foreach (var line in File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(descriptor)}"))
                    if (line.StartsWith("inotify wd:", StringComparison.Ordinal) && line.Split(' ').FirstOrDefault(field => field.StartsWith("ino:", StringComparison.Ordinal)) is { } inode)
                        watched.Add(ulong.Parse(inode.AsSpan(4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException) { } // a descriptor closed since the folder was listed
        }
        return watched;
    }

    /// <summary>
    /// Waits for reloads until <paramref name="url"/> is served without the error overlay (or the stream's deadline
    /// passes). A save is a truncation and a write: seen more than 100 ms apart on a loaded machine, they are two
    /// builds and two reloads, the first of a story emptied, and the second's reload can come after the next edit.
    /// </summary>
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ReloadedWithoutErrorsAsync(EventStream events, string url)
    {
        while (true)
        {
            await events.WaitForAsync("reload");
            var page = new HtmlParser().ParseDocument(await _http.GetStringAsync(url));
            if (page.QuerySelector("#staticnews-errors") is null) return page;
        }
    }

    [Theory]
    [InlineData("evil.example", 400)]
    [InlineData("evil.example:{port}", 400)]
    [InlineData("127.0.0.1.evil.example", 400)]
    [InlineData("localhost.evil.example:{port}", 400)]
    [InlineData("", 400)]
    [InlineData("localhost:{port}", 200)]
    [InlineData("LOCALHOST", 200)]
    [InlineData("127.0.0.1:{port}", 200)]
    [InlineData("[::1]:{port}", 200)]
    public async Task Only_requests_addressed_to_this_machine_are_answered_so_dns_rebinding_cannot_read_the_preview(string host, int expected)
    {
        // A page of evil.example whose name was pointed at 127.0.0.1 sends "Host: evil.example": it must read nothing.
        var (status, body) = await RawGetAsync(StoryUrl, host.Replace("{port}", _preview.Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, status);
        Assert.Equal(expected == 200, body.Contains("<article", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_its_capacity_a_new_reload_stream_ends_the_oldest()
    {
        await using var server = await PreviewServer.StartAsync(_output, IPAddress.Loopback, 0, maxReloadStreams: 2);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = Patience };
        using var first = await OpenEventsAsync(http);
        using var second = await OpenEventsAsync(http);
        Assert.Equal(2, server.Hub.Count);

        using var third = await OpenEventsAsync(http);
        await first.WaitForEndAsync();          // the oldest was let go...
        Assert.Equal(2, server.Hub.Count);      // ...and the newer two are still held
        server.BuildFinished(new BuildReport(true, [], 0, 0, 0, 0, TimeSpan.Zero));
        await second.WaitForAsync("reload");
        await third.WaitForAsync("reload");
    }

    [Fact]
    public async Task Html_is_sent_with_the_reload_snippet_before_its_last_body_end_and_every_other_file_as_it_is_on_disk()
    {
        var page = Path.Combine(_output, "en", "index.html");
        var bytes = await File.ReadAllBytesAsync(page);
        using var response = await _http.GetAsync("/en/");
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(served.Length, response.Content.Headers.ContentLength);
        var snippet = Encoding.UTF8.GetBytes(LiveReload.Script);
        var end = bytes.AsSpan().LastIndexOf("</body>"u8);
        Assert.Equal([.. bytes[..end], .. snippet, .. bytes[end..]], served);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // An image as the image stage published it (the reef story's PNG), under /images/.
        var imageFile = Directory.EnumerateFiles(Path.Combine(_output, "images"), "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var imageUrl = "/" + Path.GetRelativePath(_output, imageFile).Replace('\\', '/');
        var image = await File.ReadAllBytesAsync(imageFile);
        Assert.Equal(image, await _http.GetByteArrayAsync(imageUrl));
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, imageUrl));
        Assert.Equal(image.Length, head.Content.Headers.ContentLength);
    }

    private Task<(int Status, string Body)> RawGetAsync(string target) => RawGetAsync(target, "127.0.0.1");

    private async Task<(int Status, string Body)> RawGetAsync(string target, string host)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _preview.Server.Address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(Patience);
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }

    private Task<EventStream> OpenEventsAsync() => OpenEventsAsync(_http);

    private static async Task<EventStream> OpenEventsAsync(HttpClient http)
    {
        var response = await http.GetAsync(PreviewServer.EventsPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync().WaitAsync(Patience)); // subscribed before the edit
        return new EventStream(response, reader);
    }

    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task WaitForAsync(string name)
        {
            while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
                if (line == $"event: {name}") return;
            throw new InvalidOperationException("event stream closed");
        }

        public async Task WaitForEndAsync()
        {
            while (await reader.ReadLineAsync().WaitAsync(Patience) is not null) { }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
