using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StaticNews.Feeds;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Feeds;

/// <summary>`staticnews ping` against a WebSub hub listening on 127.0.0.1 (never the internet).</summary>
public sealed class PingTests : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<(string Mode, string Url)> _received = new();
    private volatile int _status = 202;
    private volatile bool _endlessAnswer;
    private int _slowMilliseconds;
    private readonly string _hub;

    public PingTests()
    {
        _listener = LoopbackListener.Start("/hub/", out var hub);
        _hub = hub.AbsoluteUri;
        _ = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); } catch (Exception) { return; }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
                Assert.Equal("POST", context.Request.HttpMethod);
                Assert.StartsWith("application/x-www-form-urlencoded", context.Request.ContentType);
                _received.Enqueue((form["hub.mode"]!, form["hub.url"]!));
            }
            if (_slowMilliseconds > 0) await Task.Delay(_slowMilliseconds);
            context.Response.StatusCode = _status;
            if (_endlessAnswer) _ = Task.Run(() => AnswerForever(context.Response));
            else context.Response.Close();
        }
    }

    /// <summary>A hub whose error page never ends: the client must stop reading, not buffer it.</summary>
    private static async Task AnswerForever(HttpListenerResponse response)
    {
        response.SendChunked = true;
        var line = System.Text.Encoding.UTF8.GetBytes("Hub overloaded \u001b[31mtry later\n" + new string('x', 8191));
        try { while (true) await response.OutputStream.WriteAsync(line); }
        catch (Exception) { }
        finally { try { response.Abort(); } catch (Exception) { } }
    }

    private static async Task<PingReport> Ping(string output, int timeoutSeconds = 100, int runLimitSeconds = 300)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        return await new WebSubPinger(http, TimeSpan.FromSeconds(runLimitSeconds)).PingAsync(StaticNews.Publish.StateFolder.For(output));
    }

    /// <summary>A one-story site in three languages (nine feeds) advertising <paramref name="hubs"/>.</summary>
    private static string BuildOneStorySite(TempDir temp, params string[] hubs) => BuildOneStorySite(temp, null, hubs);

    /// <summary>The same, its input files dated <paramref name="saved"/> if given.</summary>
    private static string BuildOneStorySite(TempDir temp, DateTime? saved, params string[] hubs)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = "---\ntitle: A\ndate: 2026-11-01T10:00:00+07:00\n---\nA.\n",
        }, SiteBuild.MinimalSiteYml + $"\nhubs: [{string.Join(", ", hubs)}]\n");
        if (saved is { } time)
            foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, time);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        return output;
    }

    private List<(string Mode, string Url)> Drain()
    {
        var list = new List<(string, string)>();
        while (_received.TryDequeue(out var item)) list.Add(item);
        return list;
    }

    [Fact]
    public async Task Hubs_hear_about_every_feed_once_then_only_about_the_feeds_whose_bytes_changed()
    {
        using var temp = new TempDir();
        var input = temp.CopyFrom(Repo.SampleInput, "input");
        File.AppendAllText(Path.Combine(input, "site.yml"), $"\nhubs: [{_hub}]\n");
        var output = temp.Combine("site", "output");
        Assert.True(SiteBuild.Run(input, output).Success);
        // The hub is advertised in the feeds, and the record is beside the output, not in it.
        Assert.Contains($"<atom:link rel=\"hub\" href=\"{_hub}\" />", File.ReadAllText(Path.Combine(output, "en", "rss.xml")));
        Assert.True(File.Exists(Path.Combine(temp.Combine("site"), ".output.state", "feeds.json")));
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*.json", SearchOption.AllDirectories), f => !f.EndsWith("feed.json"));

        var first = await Ping(output);
        Assert.True(first.Success);
        var announced = Drain();
        Assert.All(announced, a => Assert.Equal("publish", a.Mode));
        var expected = FeedFiles.All(output).Where(p => !p.Contains("/archive/")).Select(p => "https://kabar-nusantara.example.org" + p).Order().ToList();
        Assert.Equal(expected, announced.Select(a => a.Url).Order().ToList());

        // Nothing changed: nothing to announce, even after a rebuild.
        Assert.True(SiteBuild.Run(input, output).Success);
        var second = await Ping(output);
        Assert.Empty(Drain());
        Assert.Equal(expected.Count, second.Unchanged.Count);

        // A new title in the English coffee story changes the English feeds, its category's, its tags' and its author's.
        var en = Path.Combine(input, "articles", "kopi-gayo-tembus-jepang", "en.md");
        File.WriteAllText(en, File.ReadAllText(en).Replace("Ships Its First Container", "Ships First Container"));
        Assert.True(SiteBuild.Run(input, output).Success);
        await Ping(output);
        var changed = Drain().Select(a => a.Url.Replace("https://kabar-nusantara.example.org", "")).Order().ToList();
        string[] listings = ["/en/", "/en/author/teuku-faisal-hakim/", "/en/category/ekonomi/", "/en/tag/aceh/", "/en/tag/coffee/", "/en/tag/jepang/", "/en/tag/pangan/"];
        Assert.Equal(listings.SelectMany(l => new[] { l + "atom.xml", l + "feed.json", l + "rss.xml" }).Order(), changed);
    }

    [Fact]
    public async Task A_refusing_hub_fails_the_ping_and_the_feeds_are_announced_again_next_time()
    {
        using var temp = new TempDir();
        var output = BuildOneStorySite(temp, _hub);

        _status = 503;
        var refused = await Ping(output);
        Assert.False(refused.Success);
        Assert.Empty(refused.Announced);
        Assert.Equal(9, Drain().Count); // id, en, ar: three formats each

        _status = 204;
        var retried = await Ping(output);
        Assert.True(retried.Success);
        Assert.Equal(9, retried.Announced.Count);
        Assert.Equal(9, Drain().Count);
    }

    [Fact]
    public async Task A_hub_that_does_not_answer_is_asked_once_per_run_and_the_feeds_are_announced_next_time()
    {
        // A hub that takes the connection and never answers.
        var dead = new TcpListener(IPAddress.Loopback, 0);
        dead.Start();
        var connections = 0;
        var held = new ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            try { while (true) { held.Add(await dead.AcceptTcpClientAsync()); Interlocked.Increment(ref connections); } }
            catch (Exception) { }
        });
        try
        {
            using var temp = new TempDir();
            var deadHub = $"http://127.0.0.1:{((IPEndPoint)dead.LocalEndpoint).Port}/hub";
            var output = BuildOneStorySite(temp, deadHub, _hub);

            // Each answer may take this long: the silent hub times out once in the run, and the live hub's answers come from
            // this test process, which a loaded machine can leave waiting for seconds (it failed at 1 s, then at 3 s).
            var report = await Ping(output, timeoutSeconds: 15);
            // The listener counts the connection when its accept loop gets to run, which can be after the client gave up.
            for (var waited = 0; Volatile.Read(ref connections) == 0 && waited < 100; waited++) await Task.Delay(100);
            Assert.Equal(1, Volatile.Read(ref connections));
            Assert.Contains(report.Failures, f => f.StartsWith(deadHub) && f.Contains("timed out"));
            Assert.Contains(report.Failures, f => f.StartsWith(deadHub) && f.Contains("8 more notification(s) not sent"));
            Assert.Equal(9, Drain().Count); // the live hub heard of every feed
            Assert.Empty(report.Announced); // but a feed counts as announced only once every hub has it

            dead.Stop();
            var next = await Ping(output, timeoutSeconds: 15); // refused now: asked once again, not nine times
            Assert.Equal(2, next.Failures.Count);
            Assert.Contains(next.Failures, f => f.Contains("8 more notification(s) not sent"));
        }
        finally
        {
            dead.Stop();
            foreach (var client in held) client.Dispose();
        }
    }

    [Fact]
    public async Task A_run_stops_sending_at_its_time_limit_and_sends_the_rest_next_run()
    {
        using var temp = new TempDir();
        var output = BuildOneStorySite(temp, _hub);
        _slowMilliseconds = 700;

        var limited = await Ping(output, runLimitSeconds: 1);
        // The hub counts a request once it has read it, which on a loaded machine can be after the run gave up on its answer.
        for (var waited = 0; _received.IsEmpty && waited < 300; waited++) await Task.Delay(100);
        Assert.InRange(Drain().Count, 1, 8);
        Assert.Contains(limited.Failures, f => f.EndsWith("notification(s) not sent: the run took longer than 1 s; they are sent on the next run"));

        _slowMilliseconds = 0;
        var next = await Ping(output);
        Assert.True(next.Success);
        Assert.Equal(9, limited.Announced.Count + next.Announced.Count);
    }

    [Fact]
    public async Task Only_the_start_of_a_hubs_answer_is_read_and_shown_without_control_characters()
    {
        using var temp = new TempDir();
        var output = BuildOneStorySite(temp, _hub);
        _status = 503;
        _endlessAnswer = true;

        // The hub's error page never ends; reading it whole would wait for the client's timeout (and hold all of it).
        var report = await Ping(output, timeoutSeconds: 30);
        Assert.Equal(9, report.Failures.Count);
        // The escape shown as a space, as in every excerpt of a server's answer (TextTools.Excerpt).
        Assert.All(report.Failures, f => Assert.EndsWith("HTTP 503 Service Unavailable: Hub overloaded  [31mtry later", f));
    }

    [Fact]
    public async Task State_files_that_do_not_read_are_reported_never_a_crash()
    {
        using var temp = new TempDir();
        // Input older than the racy window, as a site's usually is: a build with no input changed finds its site up to date.
        var output = BuildOneStorySite(temp, DateTime.UtcNow.AddHours(-1), _hub);
        var state = StaticNews.Publish.StateFolder.For(output);
        Assert.True((await Ping(output)).Success);
        Assert.Equal(9, Drain().Count);

        // pinged.json cut short (a full disk, a kill in an older version): a warning, every feed announced again, the record rewritten.
        var pinged = state.File(FeedManifest.PingedFile);
        File.WriteAllText(pinged, File.ReadAllText(pinged)[..40]);
        var again = await Ping(output);
        Assert.True(again.Success);
        Assert.Contains(again.Warnings, w => w.Contains(pinged) && w.Contains("announced again"));
        Assert.Equal(9, Drain().Count);
        Assert.Empty((await Ping(output)).Warnings);

        // feeds.json with nulls where values belong: the build's record is asked for again, no stack trace.
        File.WriteAllText(state.File(FeedManifest.BuildFile), """{ "hubs": null, "feeds": [null] }""");
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Ping(output));
        Assert.Contains("run `staticnews build`", missing.Message);
        Assert.True(SiteBuild.Run(temp.Combine("input"), output).Success);
        Assert.True((await Ping(output)).Success);

        // feeds.json gone: the build asked for records it again too.
        File.Delete(state.File(FeedManifest.BuildFile));
        Assert.Contains("run `staticnews build` first", (await Assert.ThrowsAsync<FileNotFoundException>(() => Ping(output))).Message);
        Assert.True(SiteBuild.Run(temp.Combine("input"), output).Success);
        Assert.True((await Ping(output)).Success);
    }

    // Close alone: on Linux a Stop before it lets the port go, and Close then binds the port again to remove the prefix,
    // which fails ("Address already in use") when another test's server or client has taken it in between.
    public void Dispose() => _listener.Close();
}
