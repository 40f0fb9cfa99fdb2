namespace StaticNews.Tests.Support;

/// <summary>Locations in the repository, found from the test assembly.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SampleInput => Path.Combine(Root, "input");

    /// <summary>An input folder kept for a test under tests/StaticNews.Tests/Fixtures/.</summary>
    public static string Fixture(string name) => Path.Combine(Root, "tests", "StaticNews.Tests", "Fixtures", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StaticNews.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StaticNews.sln not found above the test assembly");
    }
}

/// <summary>A temporary folder, removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticnews-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies a folder tree into this one (e.g. the sample site, to edit it in a test).</summary>
    public string CopyFrom(string source, string name)
    {
        var target = Combine(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
