using Scriban.Runtime;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>One correction as a version shows it: dated in its language, the text in it (or, where none was given, the original's, marked with its language).</summary>
public sealed record CorrectionModel(string DateIso, string DateText, string Text, string? Lang);

/// <summary>The dated correction box every version of a corrected story carries, labelled in the version's language.</summary>
public sealed record CorrectionsModel(string Label, IReadOnlyList<CorrectionModel> Items);

/// <summary>
/// The correction box of a story (theme layout correction-box.sbn): on every version, the original's
/// corrections oldest first, each dated and in the version's language. The one rendering of it: the story page
/// and the feed entries both place this.
/// </summary>
public static class CorrectionNotice
{
    public static CorrectionsModel? For(StoryVersion version, SiteConfig site, Strings strings)
    {
        var corrections = version.Story.Corrections;
        if (corrections.Count == 0) return null;
        return new CorrectionsModel(strings.Get(corrections.Count == 1 ? "correction" : "corrections"),
            [.. corrections.Select(c => Item(c, version.Language, version.Story.Original.Language, site))]);
    }

    /// <summary>A correction in <paramref name="language"/>: its own text, else the original language's, else any given.</summary>
    public static CorrectionModel Item(Correction correction, LanguageConfig language, LanguageConfig original, SiteConfig site)
    {
        var (text, lang) = correction.Text.Own(language.Code) is { } own ? (own, null)
            : correction.Text.Own(original.Code) is { } originals ? (originals, original.Hreflang)
            : correction.Text.Languages.Order(StringComparer.Ordinal).Select(l => (correction.Text.Own(l)!, site.Language(l)?.Hreflang ?? l)).First();
        return new CorrectionModel(Localization.IsoDate(correction.Date, site), Localization.DateText(correction.Date, site, language), text, lang);
    }

    /// <summary>The box's markup, or null when the story has no correction.</summary>
    public static HtmlString? Html(CorrectionsModel? corrections, Theme theme)
    {
        if (corrections is null) return null;
        var model = new ScriptObject { ["corrections"] = corrections };
        return new HtmlString(TemplateRenderer.Render(theme.Layout("correction-box"), model).Trim());
    }

    public static HtmlString? Html(StoryVersion version, SiteConfig site, Theme theme) =>
        Html(For(version, site, theme.Strings(version.Language.Code)), theme);
}
