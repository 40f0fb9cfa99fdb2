using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StaticNews.Feeds;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Feeds;

/// <summary>`staticnews ping` against a WebSub hub listening on 127.0.0.1 (never the internet).</summary>
public sealed class PingTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Mode, string Url)> _received = new();
    private volatile int _status = 202;
    private readonly string _hub;

    public PingTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _hub = $"http://127.0.0.1:{port}/hub/";
        _listener.Prefixes.Add(_hub);
        _listener.Start();
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
            context.Response.StatusCode = _status;
            context.Response.Close();
        }
    }

    private static async Task<PingReport> Ping(string output)
    {
        using var http = new HttpClient();
        return await new WebSubPinger(http).PingAsync(StaticNews.Publish.StateFolder.For(output));
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

        // A new title in the English coffee story changes the English feeds, its category's and its tags'.
        var en = Path.Combine(input, "articles", "kopi-gayo-tembus-jepang", "en.md");
        File.WriteAllText(en, File.ReadAllText(en).Replace("Ships Its First Container", "Ships First Container"));
        Assert.True(SiteBuild.Run(input, output).Success);
        await Ping(output);
        var changed = Drain().Select(a => a.Url.Replace("https://kabar-nusantara.example.org", "")).Order().ToList();
        string[] listings = ["/en/", "/en/category/ekonomi/", "/en/tag/aceh/", "/en/tag/coffee/", "/en/tag/jepang/", "/en/tag/pangan/"];
        Assert.Equal(listings.SelectMany(l => new[] { l + "atom.xml", l + "feed.json", l + "rss.xml" }).Order(), changed);
    }

    [Fact]
    public async Task A_refusing_hub_fails_the_ping_and_the_feeds_are_announced_again_next_time()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = "---\ntitle: A\ndate: 2026-11-01T10:00:00+07:00\n---\nA.\n",
        }, SiteBuild.MinimalSiteYml + $"\nhubs: [{_hub}]\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

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

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
