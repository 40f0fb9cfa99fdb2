using StaticNews.Check;
using StaticNews.Engine;
using StaticNews.Tests.Support;
using static StaticNews.Tests.Support.Articles;

namespace StaticNews.Tests.Check;

/// <summary>What `check` says about tags and categories: near-duplicates for the editor, names missing for a language.</summary>
public sealed class TaxonomyCheckTests
{
    private static CheckReport Check(string input) =>
        SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = "unused" }, SiteBuild.SampleClock).GetAwaiter().GetResult();

    [Fact]
    public void Near_duplicate_tags_are_warned_about_and_case_and_spacing_variants_are_one_tag()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Original("A", extra: "tags: [Jokowi, Vladimir Putin, Café, Korea Utara]"),
            ["articles/b/id.md"] = Original("B", date: "2026-11-02T09:00:00+07:00", extra: "tags: [\"jokowi \", Joko Widodo, Vladimir Puttin, Cafe, KOREA   utara]"),
        }, "title: T\nbaseUrl: https://news.example.org/\nlanguages:\n  id: { name: Bahasa Indonesia }\n");
        var warnings = Check(input).Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => d.Message).ToList();
        Assert.Contains(warnings, w => w.StartsWith("tags 'Jokowi' and 'Joko Widodo'") || w.StartsWith("tags 'Joko Widodo' and 'Jokowi'"));
        Assert.Contains(warnings, w => w.Contains("'Vladimir Putin'") && w.Contains("'Vladimir Puttin'"));
        Assert.Contains(warnings, w => w.Contains("'Café'") && w.Contains("'Cafe'"));
        // "Jokowi" and "jokowi ", "Korea Utara" and "KOREA   utara": the same tag, nothing to say.
        Assert.DoesNotContain(warnings, w => w.Contains("jokowi") || w.Contains("KOREA"));
        Assert.Equal(3, warnings.Count(w => w.Contains("look like one tag")));
    }

    [Fact]
    public void A_tag_or_category_shown_without_a_name_in_a_language_is_warned_about_once_with_the_languages()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["taxonomy.yml"] = "categories:\n  dunia:\n    label: { id: Dunia, en: World }\ntags:\n  Korea Utara:\n    label: { en: North Korea }\n",
            ["articles/a/id.md"] = Original("A", extra: "category: dunia\ntags: [Korea Utara, Vladimir Putin, Piala Dunia]"),
            ["articles/a/en.md"] = Md("title: A\ntags: { Vladimir Putin: Vladimir Putin }"),
            ["articles/a/ar.md"] = Md("title: أ"),
        });
        var warnings = Check(input).Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
        Assert.Contains(warnings, w => w.File == "taxonomy.yml" && w.Line == 2 && w.Message.StartsWith("category 'Dunia' has no name in ar,"));
        Assert.Contains(warnings, w => w.File == "taxonomy.yml" && w.Line == 5 && w.Message.StartsWith("tag 'Korea Utara' has no name in ar,"));
        Assert.Contains(warnings, w => w.File == "articles/a/id.md" && w.Message.StartsWith("tag 'Vladimir Putin' has no name in ar,"));
        Assert.Contains(warnings, w => w.File == "articles/a/id.md" && w.Message.StartsWith("tag 'Piala Dunia' has no name in en, ar,"));
    }

    [Fact]
    public void A_translation_with_a_tag_of_its_own_is_told_how_to_name_the_original_s_tag_instead()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/a/id.md"] = Original("A", extra: "tags: [Korea Utara]"),
            ["articles/a/en.md"] = Md("title: A\ntags: [North Korea]"),
        });
        Assert.Contains(Check(input).Diagnostics, d => d.File == "articles/a/en.md" && d.Message.StartsWith("tag 'North Korea' is not one of the original's tags"));
    }
}
