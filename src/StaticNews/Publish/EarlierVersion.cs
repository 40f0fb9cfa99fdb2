using System.Globalization;

namespace StaticNews.Publish;

/// <summary>
/// An output folder made by a StaticNews from before the state folder: it kept its records in <c>.output.cache/</c>
/// (whose fingerprints file it recognises by its first line) and the site published before in
/// <c>.output.previous/</c>. Such a folder is taken as StaticNews's, every file in it as published, and those
/// folders are removed once the state folder holds what replaces them; a folder that only looks like them stays.
/// </summary>
internal static class EarlierVersion
{
    private const string CacheFormat = "staticnews-cache 1";

    /// <summary>True if an earlier StaticNews built <paramref name="outputDirectory"/>.</summary>
    public static bool Built(string outputDirectory)
    {
        try
        {
            var fingerprints = Path.Combine(Beside(outputDirectory, "cache"), "fingerprints.tsv");
            if (!File.Exists(fingerprints)) return false;
            using var reader = new StreamReader(fingerprints);
            return reader.ReadLine() == CacheFormat;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Removes the earlier version's folders beside <paramref name="outputDirectory"/>, what can be told to be its own.</summary>
    public static void Remove(string outputDirectory)
    {
        var cache = Beside(outputDirectory, "cache");
        var previous = Beside(outputDirectory, "previous");
        var record = Path.Combine(cache, "previous.tsv");
        // Its record names the previous site's folder by its creation time, as that version compared it.
        if (Directory.Exists(previous) && File.Exists(record)
            && File.ReadLines(record).Skip(1).FirstOrDefault()?.Split('\t') is [_, var identity]
            && identity == Directory.GetCreationTimeUtc(previous).Ticks.ToString(CultureInfo.InvariantCulture))
            Directory.Delete(previous, recursive: true); // never follows a link: removes the link itself
        foreach (var name in new[] { "fingerprints.tsv", "articles.bin", "articles.json", "previous.tsv", "staging-placement.txt" })
            File.Delete(Path.Combine(cache, name));
        if (Directory.Exists(cache) && !Directory.EnumerateFileSystemEntries(cache).Any()) Directory.Delete(cache);
        // A killed build's staging folder: the staging tree and the candidates for its place, nothing else.
        var staging = Beside(outputDirectory, "staging");
        if (Directory.Exists(staging) && Directory.EnumerateFileSystemEntries(staging).Select(Path.GetFileName)
                .All(name => name == "site" || name!.StartsWith("candidate-", StringComparison.Ordinal)))
            Directory.Delete(staging, recursive: true);
    }

    private static string Beside(string outputDirectory, string purpose)
    {
        var full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{purpose}");
    }
}
