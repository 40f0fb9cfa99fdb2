using System.Text.RegularExpressions;
using StaticNews.Configuration;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser.Support;

/// <summary>
/// The pages the browser tests open: every page type (home, story, category, tag, 404) in every language of the
/// sample site, plus the language-neutral chooser and root 404. Test data names (kind, language) only; the
/// path is looked up in the built output, so every page a test opens exists.
/// </summary>
public static partial class SitePages
{
    public static readonly string[] LanguageKinds = ["home", "story", "category", "tag", "404"];

    /// <summary>The sample site's languages, in switcher order (read from input/site.yml).</summary>
    public static IReadOnlyList<LanguageConfig> Languages { get; } =
        SiteConfigLoader.Load(Repo.SampleInput, null, new DiagnosticBag())?.Languages
        ?? throw new InvalidOperationException("input/site.yml did not load");

    /// <summary>(kind, language) for every page type; language "" for the chooser and the root 404.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string> { { "chooser", "" }, { "404", "" } };
        foreach (var lang in Languages)
            foreach (var kind in LanguageKinds)
                data.Add(kind, lang.Code);
        return data;
    }

    public static TheoryData<string> LanguageCodes()
    {
        var data = new TheoryData<string>();
        foreach (var lang in Languages) data.Add(lang.Code);
        return data;
    }

    /// <summary>The site path of a page of that kind in that language, found in the built output.</summary>
    public static string PathOf(string output, string kind, string lang) => (kind, lang) switch
    {
        ("chooser", "") => "/",
        ("404", "") => "/404.html",
        ("home", _) => $"/{lang}/",
        ("404", _) => $"/{lang}/404.html",
        ("story", _) => Stories(output, lang)[0],
        ("category" or "tag", _) => $"/{lang}/{kind}/" + Directory.EnumerateDirectories(Path.Combine(output, lang, kind))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).First() + "/",
        _ => throw new ArgumentException($"no page kind {kind}"),
    };

    /// <summary>Every story page of one language, as site paths (/{lang}/{yyyy}/{mm}/{slug}/); not the pages left at old addresses, which redirect.</summary>
    public static IReadOnlyList<string> Stories(string output, string lang) =>
        Directory.EnumerateFiles(Path.Combine(output, lang), "index.html", SearchOption.AllDirectories)
            .Where(f => !HtmlPages.IsRedirect(f))
            .Select(f => "/" + Path.GetRelativePath(output, Path.GetDirectoryName(f)!).Replace('\\', '/') + "/")
            .Where(p => StoryPath().IsMatch(p))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^/[^/]+/\d{4}/\d{2}/[^/]+/$")]
    private static partial Regex StoryPath();
}
