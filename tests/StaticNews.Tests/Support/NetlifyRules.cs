namespace StaticNews.Tests.Support;

/// <summary>Netlify's rule files as Netlify reads them.</summary>
public static class NetlifyRules
{
    /// <summary>The rules of an output's <c>_redirects</c>, each split into its fields at white space (comments and blank lines left out).</summary>
    public static List<string[]> Redirects(string output) => File.ReadAllLines(Path.Combine(output, "_redirects"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        .ToList();
}
