using StaticNews.Engine;

namespace StaticNews.Tests.Support;

/// <summary>Builds a site folder into a temporary output, the way `staticnews build` does.</summary>
public static class SiteBuild
{
    /// <summary>The clock the sample-site tests use: after every sample story, fixed (as SOURCE_DATE_EPOCH would).</summary>
    public static readonly BuildClock SampleClock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// One image cache for the whole test run (`--image-cache`): the many builds of the sample site encode its images
    /// once, not once per test. Tests of the cache itself build with <c>ImageCacheDirectory = null</c>.
    /// </summary>
    public static string SharedImageCache { get; } = CreateSharedImageCache();

    private static string CreateSharedImageCache()
    {
        var folder = Path.Combine(Path.GetTempPath(), "staticnews-tests", $"image-cache-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        return folder;
    }

    /// <summary>The options `staticnews build --input input --output output` gives, with the run's shared image cache.</summary>
    public static BuildOptions Options(string input, string output) =>
        new() { InputDirectory = input, OutputDirectory = output, ImageCacheDirectory = SharedImageCache };

    public static BuildReport Run(string input, string output, BuildClock? clock = null, Func<BuildOptions, BuildOptions>? configure = null)
    {
        var options = Options(input, output);
        if (configure is not null) options = configure(options);
        return SiteBuilder.BuildAsync(options, clock ?? SampleClock).GetAwaiter().GetResult();
    }

    /// <summary>The site's stories as translate, status and xliff read them (drafts and scheduled stories included).</summary>
    public static async Task<Stories.SiteStories> ReadStories(string input)
    {
        var diagnostics = new DiagnosticBag();
        var options = new BuildOptions { InputDirectory = input, OutputDirectory = "unused", IncludeDrafts = true, IncludeFuture = true };
        return await Stories.SiteStories.ReadAsync(options, SampleClock, diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Sorted()));
    }

    /// <summary>Writes a minimal site (site.yml + the given article files) and returns its folder.</summary>
    public static string WriteSite(TempDir temp, IReadOnlyDictionary<string, string> files, string? siteYml = null)
    {
        var input = temp.Combine("input");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "site.yml"), siteYml ?? MinimalSiteYml);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(input, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return input;
    }

    public const string MinimalSiteYml = """
        title: Test News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          en: { name: English }
          ar: { name: العربية, direction: rtl }
        """;
}

/// <summary>The sample site built once for all tests that only read it.</summary>
public sealed class SampleSiteFixture : IDisposable
{
    private readonly TempDir _temp = new();

    public SampleSiteFixture()
    {
        Output = _temp.Combine("output");
        Report = SiteBuild.Run(Repo.SampleInput, Output);
        if (!Report.Success)
            throw new InvalidOperationException("sample site failed to build:\n" + string.Join("\n", Report.Diagnostics));
    }

    public string Output { get; }
    public BuildReport Report { get; }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Output, relative));

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition("sample site")]
public sealed class SampleSiteCollection : ICollectionFixture<SampleSiteFixture>;
