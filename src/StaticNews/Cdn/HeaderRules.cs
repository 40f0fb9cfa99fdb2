using System.Text;

namespace StaticNews.Cdn;

/// <summary>
/// Netlify's <c>_headers</c> file: path rules, each with indented <c>Name: value</c> lines. Netlify
/// applies every rule that matches a path and joins the values of a header set by more than one, so
/// each header is set by rules that never overlap (checked by the tests over the whole output).
/// </summary>
public sealed class HeaderRules
{
    private readonly List<(string Path, List<(string Name, string Value)> Headers)> _rules = [];

    public HeaderRules Add(string path, params (string Name, string Value)[] headers)
    {
        var rule = _rules.FirstOrDefault(r => r.Path == path);
        if (rule.Headers is null) _rules.Add((path, [.. headers]));
        else rule.Headers.AddRange(headers);
        return this;
    }

    public string Text(string comment)
    {
        var text = new StringBuilder();
        foreach (var line in comment.Split('\n')) text.Append("# ").Append(line).Append('\n');
        foreach (var (path, headers) in _rules)
        {
            text.Append('\n').Append(path).Append('\n');
            foreach (var (name, value) in headers) text.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>Netlify's <c>_redirects</c> file: one rule a line, <c>from to status [conditions]</c>, first match wins.</summary>
public sealed class RedirectRules
{
    private readonly List<string> _lines = [];

    public RedirectRules Add(string from, string to, string status, string? condition = null)
    {
        // A value with white space would be read as more fields, or more rules: callers escape what they are given.
        if (new[] { from, to, status, condition ?? "" }.Any(value => value.Any(char.IsWhiteSpace)))
            throw new ArgumentException($"a redirect rule's fields hold no white space: {from} {to}");
        _lines.Add(condition is null ? $"{from}  {to}  {status}" : $"{from}  {to}  {status}  {condition}");
        return this;
    }

    public RedirectRules Comment(string comment)
    {
        _lines.Add("# " + comment);
        return this;
    }

    public string Text() => string.Join('\n', _lines) + "\n";
}
