using System.Globalization;
using System.Text;
using StaticNews.Configuration;

namespace StaticNews.Content;

/// <summary>
/// The file `staticnews new` writes: input/articles/&lt;slug&gt;/&lt;lang&gt;.md with front matter to fill in.
/// Its date is the one place the clock is written, and it goes into an input file the editor owns.
/// </summary>
public static class StoryScaffold
{
    /// <summary>A URL slug from a title: ASCII letters and digits joined by hyphens, accents dropped ("Kopi Gayo: Ekspor!" → "kopi-gayo-ekspor"). Empty for a title with no Latin letters or digits.</summary>
    public static string Slug(string title, int maxLength = 60)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength) slug = slug[..maxLength].TrimEnd('-');
        return slug;
    }

    /// <summary>
    /// The new file's text. The original gets <c>date</c> (now, in the site's time zone) and <c>draft: true</c>, so it
    /// is not published until the editor says so; a translation inherits the date and records when it was written
    /// as <c>updated</c>, which is what the stale-translation check compares with the original's.
    /// </summary>
    public static string Text(SiteConfig site, string language, string title, string? category, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, site.TimeZone);
        var stamp = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("title: ").Append(FrontMatterWriter.Quote(title)).Append('\n');
        if (language == site.DefaultLanguage)
        {
            text.Append("date: ").Append(stamp).Append('\n');
            if (category is not null) text.Append("category: ").Append(category).Append('\n');
            text.Append("tags: []\n");
            text.Append("author: \n");
            text.Append("draft: true\n");
        }
        else
        {
            text.Append("updated: ").Append(stamp).Append('\n');
            if (category is not null) text.Append("category: ").Append(category).Append('\n');
        }
        text.Append("---\n\n");
        return text.ToString();
    }
}
