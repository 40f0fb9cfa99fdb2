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
    public static string DateText(DateTimeOffset date, SiteConfig site, LanguageConfig language)
    {
        var local = TimeZoneInfo.ConvertTime(date, site.TimeZone);
        var format = language.Culture.DateTimeFormat;
        return local.ToString(format.LongDatePattern, language.Culture) + " " + local.ToString(format.ShortTimePattern, language.Culture);
    }
}
