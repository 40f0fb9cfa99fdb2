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
    public static string DayText(DateTimeOffset date, SiteConfig site, LanguageConfig language) =>
        TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString(DayPattern(language), language.Culture);

    /// <summary>
    /// The days from <paramref name="first"/> to <paramref name="last"/> (theme string <c>date_span</c>), the year said
    /// once when both are in it: "12 mars – 19 mars 2026", "March 12 – March 19, 2026", "2026年3月12日～3月19日" (where the
    /// culture writes the year first, the later day goes without it); one day alone when both are on it.
    /// </summary>
    public static string DaySpan(DateTimeOffset first, DateTimeOffset last, SiteConfig site, LanguageConfig language, Strings strings)
    {
        var from = TimeZoneInfo.ConvertTime(first, site.TimeZone);
        var to = TimeZoneInfo.ConvertTime(last, site.TimeZone);
        if (from.Date == to.Date) return DayText(first, site, language);
        var day = DayPattern(language);
        // The culture's date without a year, its day padded as the long date pads it ("06 Oktober – 10 Oktober 2026").
        var monthDay = language.Culture.DateTimeFormat.MonthDayPattern;
        if (day.Contains("dd", StringComparison.Ordinal) && !monthDay.Contains("dd", StringComparison.Ordinal)) monthDay = monthDay.Replace("d", "dd", StringComparison.Ordinal);
        var sameYear = from.Year == to.Year;
        var yearFirst = day.TrimStart().StartsWith('y');
        return strings.Get("date_span",
            ("from", from.ToString(sameYear && !yearFirst ? monthDay : day, language.Culture)),
            ("to", to.ToString(sameYear && yearFirst ? monthDay : day, language.Culture)));
    }

    /// <summary>The culture's long date pattern without its weekday (<c>dddd</c>) and the separator beside it.</summary>
    private static string DayPattern(LanguageConfig language)
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
        return pattern;
    }
}
