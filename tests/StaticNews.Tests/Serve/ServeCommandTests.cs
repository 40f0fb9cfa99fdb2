using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Serve;

/// <summary>
/// `staticnews serve` as a user starts it, in its own process: where it listens whatever the folder and the
/// environment hold, and what holding many large downloads costs it.
/// </summary>
public sealed class ServeCommandTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90); // a deadline against hanging, not a speed check

    private readonly TempDir _temp = new();
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task It_listens_only_where_its_options_say_whatever_appsettings_json_and_the_environment_ask_for()
    {
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string> { ["articles/s/id.md"] = "---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\n---\nIsi.\n" });
        var ports = FreePorts(6);
        var (port, ambient) = (ports[0], ports[1..]);
        // What ASP.NET Core reads by default: appsettings.json in the working folder, ASPNETCORE_ and DOTNET_ variables.
        var work = _temp.Combine("work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "appsettings.json"),
            $$"""{ "urls": "http://0.0.0.0:{{ambient[0]}}", "Kestrel": { "Endpoints": { "Open": { "Url": "http://0.0.0.0:{{ambient[1]}}" } } } }""");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{ambient[2]}",
            ["DOTNET_URLS"] = $"http://0.0.0.0:{ambient[3]}",
            ["ASPNETCORE_Kestrel__Endpoints__Env__Url"] = $"http://0.0.0.0:{ambient[4]}",
            ["ASPNETCORE_PREFERHOSTINGURLS"] = "true",
        };

        var (_, serving) = await StartAsync(work, environment, "--input", input, "--output", _temp.Combine("output"), "--port", Text(port));

        Assert.Contains($"at http://127.0.0.1:{port}/", serving);
        Assert.True(Accepts(IPAddress.Loopback, port));
        foreach (var other in ambient) Assert.False(Accepts(IPAddress.Loopback, other), $"something listens on port {other}, which only the ambient configuration named");
    }

    [Fact]
    public async Task Host_says_where_it_listens_and_it_is_printed()
    {
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string> { ["articles/s/id.md"] = "---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\n---\nIsi.\n" });
        var port = FreePorts(1)[0];
        var other = IPAddress.Parse("127.0.0.2"); // another address of this machine's loopback interface

        var (_, serving) = await StartAsync(_temp.Path, [], "--input", input, "--output", _temp.Combine("output"), "--port", Text(port), "--host", "127.0.0.2");

        Assert.Contains($"at http://127.0.0.2:{port}/", serving);
        Assert.True(Accepts(other, port));
        Assert.False(Accepts(IPAddress.Loopback, port));
        using var http = new HttpClient { Timeout = Patience };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.2:{port}/id/")).StatusCode);

        var (status, error) = await RunAsync("serve", "--input", input, "--host", "preview.example");
        Assert.Equal(2, status);
        Assert.Contains("--host takes an IP address", error);
    }

    [Fact]
    public async Task Parallel_downloads_of_a_large_file_are_streamed_not_held_in_memory()
    {
        if (!File.Exists("/proc/self/status")) return; // peak memory is read from Linux's /proc
        const long Size = 100L << 20;
        var input = SiteBuild.WriteSite(_temp, new Dictionary<string, string> { ["articles/s/id.md"] = "---\ntitle: T\ndate: 2026-10-01T10:00:00+07:00\n---\nIsi.\n" });
        Directory.CreateDirectory(Path.Combine(input, "static"));
        using (var big = File.Create(Path.Combine(input, "static", "arsip.bin"))) big.SetLength(Size);
        var port = FreePorts(1)[0];
        var (process, _) = await StartAsync(_temp.Path, [], "--input", input, "--output", _temp.Combine("output"), "--port", Text(port));

        // The peak resident size is counted from here on (Linux: writing 5 to clear_refs resets VmHWM).
        File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
        var before = Kilobytes(process, "VmRSS");
        using var http = new HttpClient { Timeout = Patience };
        var lengths = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/arsip.bin", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var (buffer, length) = (new byte[1 << 16], 0L);
            for (int read; (read = await body.ReadAsync(buffer)) > 0;) length += read;
            return length;
        }));
        var grown = Kilobytes(process, "VmHWM") - before;
        log.WriteLine($"resident size before the downloads {before / 1024} MB, peak growth during them {grown / 1024} MB");

        Assert.All(lengths, length => Assert.Equal(Size, length));
        // Eight downloads of a 100 MB file held whole would add 800 MB; streamed, they add buffers.
        Assert.True(grown < Size / 1024, $"the server grew by {grown / 1024} MB while sending 8 copies of a {Size >> 20} MB file");
    }

    private async Task<(Process Process, string Serving)> StartAsync(string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        var process = Cli(workingDirectory, environment, ["serve", .. args]);
        _processes.Add(process);
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(Patience) is { } line)
            if (line.StartsWith("Serving ", StringComparison.Ordinal)) return (process, line);
        throw new InvalidOperationException("serve ended without serving: " + await process.StandardError.ReadToEndAsync());
    }

    private async Task<(int Status, string Error)> RunAsync(params string[] args)
    {
        using var process = Cli(_temp.Path, new Dictionary<string, string>(), args);
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(Patience);
        await process.WaitForExitAsync().WaitAsync(Patience);
        return (process.ExitCode, error);
    }

    private static Process Cli(string workingDirectory, Dictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StaticNews.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["SOURCE_DATE_EPOCH"] = SiteBuild.SampleClock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static long Kilobytes(Process process, string field) =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Ports nothing listens on now (the system hands out free ones; they are closed again at once).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static bool Accepts(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try { client.Connect(address, port); return true; }
        catch (SocketException) { return false; }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
        _temp.Dispose();
    }
}
