using BenchmarkDotNet.Attributes;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Sitemaps;

namespace StaticNews.Benchmarks;

/// <summary>Markdown to HTML and plain text, one 500-word story.</summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly string _body = Corpus.Body(500, 1);

    [Benchmark]
    public RenderedBody Render() => _renderer.Render(_body, new Uri("https://news.example.org/id/2024/01/story-000001/"));

    [Benchmark]
    public string Summary() => _renderer.Summary(_body, 40);
}

/// <summary>Sitemap writing: 2,000 URLs with six alternates each.</summary>
[MemoryDiagnoser]
public class SitemapBenchmarks
{
    private readonly Configuration.SiteConfig _site = Corpus.Site();
    private IReadOnlyList<SitemapUrl> _urls = [];

    [GlobalSetup]
    public void Setup() => _urls = Enumerable.Range(0, 2000).Select(i => new SitemapUrl(
        $"https://news.example.org/id/2024/01/story-{i:D6}/", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        Corpus.Languages.Select(l => new SitemapAlternate(l, $"https://news.example.org/{l}/2024/01/story-{i:D6}/")).ToList())).ToList();

    [Benchmark]
    public long UrlSet()
    {
        _stream.SetLength(0);
        SitemapXml.UrlSet(_urls, _site, _stream);
        return _stream.Length;
    }

    private readonly MemoryStream _stream = new();
}

/// <summary>
/// A whole build of 200 stories x 6 languages into a fresh folder: pages (Scriban rendering), feeds,
/// sitemaps and file writing together, as the pipelines run them.
/// </summary>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private string _input = "";
    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _input = Corpus.WriteSite(200);
        _output = Path.Combine(Path.GetTempPath(), "staticnews-bench-out");
    }

    [IterationSetup]
    public void Clean()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Benchmark]
    public int FullBuild()
    {
        var report = SiteBuilder.BuildAsync(new BuildOptions { InputDirectory = _input, OutputDirectory = _output },
            new BuildClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))).GetAwaiter().GetResult();
        return report.Success ? report.Files : throw new InvalidOperationException(string.Join("\n", report.Diagnostics));
    }
}
