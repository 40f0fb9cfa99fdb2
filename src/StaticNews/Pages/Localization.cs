using System.Globalization;
using StaticNews.Configuration;

namespace StaticNews.Pages;

/// <summary>Dates as readers of each language expect them, in the site's time zone.</summary>
public static class Localization
{
    /// <summary>The moment in the site's time zone, as ISO 8601 with offset (for datetime attributes).</summary>
    public static string IsoDate(DateTimeOffset date, SiteConfig site) =>
        TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Long date and short time in the language's culture (Gregorian calendar), e.g. "27 novembre 2026 09:30".</summary>
    public static string DateText(DateTimeOffset date, SiteConfig site, LanguageConfig language) =>
        LongDate(date, site, language) + " " + TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString(language.Culture.DateTimeFormat.ShortTimePattern, language.Culture);

    /// <summary>The long date alone in the language's culture, e.g. "vendredi 27 novembre 2026".</summary>
    public static string LongDate(DateTimeOffset date, SiteConfig site, LanguageConfig language) =>
        TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString(language.Culture.DateTimeFormat.LongDatePattern, language.Culture);

    /// <summary>
    /// The long date without its weekday, e.g. "27 novembre 2026", "2026年11月27日" (a span of dates reads better so):
    /// the culture's long date pattern with its <c>dddd</c> and the separator beside it taken out.
    /// </summary>
    public static string DayText(DateTimeOffset date, SiteConfig site, LanguageConfig language)
    {
        var pattern = language.Culture.DateTimeFormat.LongDatePattern;
        var weekday = pattern.IndexOf("dddd", StringComparison.Ordinal);
        if (weekday >= 0)
        {
            var end = weekday + 4;
            while (end < pattern.Length && pattern[end] is ',' or '،' or '，' or ' ') end++;
            var start = weekday;
            if (end == pattern.Length)
                while (start > 0 && pattern[start - 1] is ',' or '،' or '，' or ' ') start--;
            pattern = pattern.Remove(start, end - start);
        }
        return TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString(pattern, language.Culture);
    }
}
