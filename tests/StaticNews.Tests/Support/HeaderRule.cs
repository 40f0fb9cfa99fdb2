using System.Text.RegularExpressions;

namespace StaticNews.Tests.Support;

/// <summary>Netlify's _headers file as Netlify reads it: rules of a path line and indented "Name: value" lines.</summary>
public sealed record HeaderRule(string Path, IReadOnlyList<(string Name, string Value)> Headers)
{
    public static IReadOnlyList<HeaderRule> Parse(string text)
    {
        var rules = new List<(string Path, List<(string, string)> Headers)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.TrimStart().StartsWith('#')) continue;
            if (!char.IsWhiteSpace(line[0])) { rules.Add((line.Trim(), [])); continue; }
            var colon = line.IndexOf(':');
            Assert.True(colon > 0 && rules.Count > 0, $"bad header line '{line}'");
            rules[^1].Headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return rules.Select(r => new HeaderRule(r.Path, r.Headers)).ToList();
    }

    /// <summary>
    /// Netlify's path matching (its headers parser turns each rule into this expression): segment by segment, a
    /// <c>:placeholder</c> segment matches one segment, a lone <c>*</c> anything below (or nothing), a <c>*</c> inside
    /// a segment any characters; case-insensitive, with an optional trailing slash.
    /// </summary>
    public bool Matches(string requestPath)
    {
        var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part.StartsWith(':') ? "([^/]+)"
            : part == "*" ? "?(.*)"
            : string.Join("(.*)", part.Split('*').Select(Regex.Escape)));
        return Regex.IsMatch(requestPath, $"^/{string.Join('/', segments)}/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The value of <paramref name="header"/> for a path: from the one rule that sets it (Netlify would join several).</summary>
    public static string? ValueFor(IReadOnlyList<HeaderRule> rules, string requestPath, string header)
    {
        var values = rules.Where(r => r.Matches(requestPath)).SelectMany(r => r.Headers).Where(h => h.Name == header).Select(h => h.Value).ToList();
        Assert.True(values.Count <= 1, $"{requestPath}: {header} is set by {values.Count} rules, which Netlify joins");
        return values.SingleOrDefault();
    }
}
