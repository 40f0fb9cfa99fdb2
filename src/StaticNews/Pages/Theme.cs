using System.Collections.Concurrent;
using Scriban;
using StaticNews.Engine;

namespace StaticNews.Pages;

/// <summary>
/// The theme: Scriban layouts, i18n strings and assets. A user theme folder overrides the default
/// theme (shipped with the tool) file by file. Layouts are parsed once and shared by all threads.
/// </summary>
public sealed class Theme
{
    private readonly IReadOnlyList<string> _roots;
    private readonly ConcurrentDictionary<string, Lazy<Template>> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Strings>> _strings = new(StringComparer.Ordinal);

    public Theme(string? overrideDirectory)
    {
        var roots = new List<string>();
        if (overrideDirectory is not null)
        {
            if (!Directory.Exists(overrideDirectory))
                throw new InputException($"theme folder not found: {Path.GetFullPath(overrideDirectory)}");
            roots.Add(Path.GetFullPath(overrideDirectory));
        }
        roots.Add(DefaultDirectory);
        _roots = roots;
    }

    /// <summary>The default theme: beside the tool's assembly (copied there at build and pack time).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "theme");

    /// <summary>The first of the theme folders that has <paramref name="relativePath"/>.</summary>
    public string? Find(string relativePath) =>
        _roots.Select(r => Path.Combine(r, relativePath)).FirstOrDefault(File.Exists);

    /// <summary>Every file under <paramref name="folder"/> across the theme folders, overrides winning, as (relative, absolute).</summary>
    public IReadOnlyList<(string Relative, string Path)> Files(string folder)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in _roots.Reverse())
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
                found[Path.GetRelativePath(dir, file).Replace('\\', '/')] = file;
        }
        return found.Select(e => (e.Key, e.Value)).ToList();
    }

    /// <summary>The parsed layout <c>layouts/{name}.sbn</c>; a syntax error is reported with file and line.</summary>
    public Template Layout(string name) => _templates.GetOrAdd(name, n => new Lazy<Template>(() =>
    {
        var relative = $"layouts/{n}.sbn";
        var path = Find(relative) ?? throw new InputException($"the theme has no layout {relative}");
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            var first = template.Messages.First();
            throw new InputException($"template error: {first.Message}", path, first.Span.Start.Line + 1);
        }
        return template;
    })).Value;

    /// <summary>UI strings for a language, falling back to English, then to the key itself.</summary>
    public Strings Strings(string language) => _strings.GetOrAdd(language, l => new Lazy<Strings>(() =>
        Pages.Strings.Load(Find($"i18n/{l}.yml"), l == "en" ? null : Strings("en")))).Value;
}
