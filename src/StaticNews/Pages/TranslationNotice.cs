using Scriban.Runtime;
using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>
/// The notice a translated version carries, in its own language: on machine translations, which
/// versions of the site are machine-made, that they may be inaccurate, that the original language is
/// the reference, and a link to this story's original; on human translations, a translated-from line.
/// </summary>
public static class TranslationNotice
{
    public static NoticeModel? For(StoryVersion version, SiteConfig site, Strings strings)
    {
        if (version.Kind == TranslationKind.Original) return null;
        var original = version.Story.Original;
        var originalName = strings.LanguageName(site.DefaultLanguage);
        var linkText = strings.Get("notice_original_link", ("original", originalName));
        var href = site.AbsoluteUrl(original.Url);
        if (version.Kind == TranslationKind.Human)
            return new NoticeModel("human", strings.Get("notice_human", ("original", originalName)), linkText, href, original.Language.Hreflang, null, null);

        var text = strings.Get("notice_machine", ("languages", MachineLanguages(site, strings)), ("original", originalName));
        var engine = version.Article.Engine is { } name ? strings.Get("notice_engine", ("engine", Translation.ProviderCatalog.DisplayName(name))) : null;
        return new NoticeModel("machine", text, linkText, href, original.Language.Hreflang,
            strings.JoinSentences(site.NoticeCredit.Get(version.Language.Code, site.DefaultLanguage), engine),
            version.IsStale ? strings.Get("notice_stale") : null);
    }

    /// <summary>
    /// The notice's markup (theme layout notice.sbn), or null for an original. The one rendering of
    /// it: the story page and the feed entries both place this, so they cannot drift apart.
    /// </summary>
    public static HtmlString? Html(StoryVersion version, SiteConfig site, Theme theme) =>
        Html(For(version, site, theme.Strings(version.Language.Code)), theme);

    /// <summary>The markup of a notice already made by <see cref="For"/> (a story page needs both, and making one costs).</summary>
    public static HtmlString? Html(NoticeModel? notice, Theme theme)
    {
        if (notice is null) return null;
        var model = new ScriptObject { ["notice"] = notice };
        return new HtmlString(TemplateRenderer.Render(theme.Layout("notice"), model).Trim());
    }

    /// <summary>The site's machine-translated languages, by their names in the reader's language, joined as a list.</summary>
    public static string MachineLanguages(SiteConfig site, Strings strings) => strings.JoinList(site.Languages
        .Where(l => l.Code != site.DefaultLanguage && site.DefaultTranslation == TranslationKind.Machine)
        .Select(l => strings.LanguageName(l.Code)).ToList());
}
