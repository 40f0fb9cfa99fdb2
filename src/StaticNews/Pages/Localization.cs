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

    /// <summary>The long date alone in the language's culture, e.g. "27 novembre 2026".</summary>
    public static string LongDate(DateTimeOffset date, SiteConfig site, LanguageConfig language) =>
        TimeZoneInfo.ConvertTime(date, site.TimeZone).ToString(language.Culture.DateTimeFormat.LongDatePattern, language.Culture);
}
