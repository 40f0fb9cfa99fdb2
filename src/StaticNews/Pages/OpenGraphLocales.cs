using System.Globalization;
using StaticNews.Configuration;

namespace StaticNews.Pages;

/// <summary>
/// Open Graph locales as Facebook knows them (language_TERRITORY from its own list, which is not ISO's: Arabic is
/// the umbrella <c>ar_AR</c>, Latin American Spanish <c>es_LA</c>). Facebook refuses a page whose og:locale it does
/// not know, so a language gets the locale its culture names when Facebook has it (fr -> fr_FR, zh-Hans -> zh_CN,
/// zh-Hant -> zh_HK), else Facebook's locale for that language (ar -> ar_AR), else none; a language's
/// <c>ogLocale</c> in site.yml overrides all that.
/// </summary>
public static class OpenGraphLocales
{
    /// <summary>The locales Facebook accepts for og:locale (its SDK's list), the umbrella locale first where a language has several.</summary>
    private static readonly string[] Known =
    [
        "af_ZA", "ak_GH", "am_ET", "ar_AR", "as_IN", "ay_BO", "az_AZ", "be_BY", "bg_BG", "bn_IN", "br_FR", "bs_BA", "ca_ES", "cs_CZ",
        "cx_PH", "cy_GB", "co_FR", "da_DK", "de_DE", "el_GR", "en_US", "en_GB", "eo_EO", "es_LA", "es_ES", "es_MX", "et_EE",
        "eu_ES", "fa_IR", "ff_NG", "fi_FI", "fo_FO", "fr_FR", "fr_CA", "fy_NL", "ga_IE", "gl_ES", "gn_PY", "gu_IN", "ha_NG",
        "he_IL", "hi_IN", "hr_HR", "ht_HT", "hu_HU", "hy_AM", "id_ID", "ig_NG", "is_IS", "it_IT", "ja_JP", "jv_ID", "ka_GE",
        "kk_KZ", "km_KH", "kn_IN", "ko_KR", "ku_TR", "ky_KG", "la_VA", "lg_UG", "li_NL", "ln_CD", "lo_LA", "lt_LT", "lv_LV",
        "mg_MG", "mi_NZ", "mk_MK", "ml_IN", "mn_MN", "mr_IN", "ms_MY", "mt_MT", "my_MM", "nb_NO", "nd_ZW", "ne_NP", "nl_NL",
        "nl_BE", "nn_NO", "ny_MW", "or_IN", "pa_IN", "pl_PL", "ps_AF", "pt_BR", "pt_PT", "qu_PE", "rm_CH", "ro_RO", "ru_RU",
        "rw_RW", "sa_IN", "sc_IT", "se_NO", "si_LK", "sk_SK", "sl_SI", "sn_ZW", "so_SO", "sq_AL", "sr_RS", "sv_SE", "sw_KE",
        "ta_IN", "te_IN", "tg_TJ", "th_TH", "tk_TM", "tl_PH", "tn_BW", "tr_TR", "tt_RU", "uk_UA", "ur_PK", "uz_UZ", "vi_VN",
        "wo_SN", "xh_ZA", "yi_DE", "yo_NG", "zh_CN", "zh_HK", "zh_TW", "zu_ZA",
    ];

    private static readonly HashSet<string> KnownSet = new(Known, StringComparer.Ordinal);

    /// <summary>The og:locale of a language, or null when Facebook knows none for it and site.yml gives none.</summary>
    public static string? For(LanguageConfig language)
    {
        if (language.OgLocale is { } configured) return configured;
        var culture = language.Culture;
        if (culture.Name.Length > 0)
        {
            try
            {
                var fromCulture = $"{culture.TwoLetterISOLanguageName}_{new RegionInfo(culture.Name).TwoLetterISORegionName}";
                if (KnownSet.Contains(fromCulture)) return fromCulture;
            }
            catch (ArgumentException) { }
        }
        var code = (culture.Name.Length > 0 ? culture.TwoLetterISOLanguageName : language.Code.Split('-')[0]).ToLowerInvariant();
        return Array.Find(Known, l => l.StartsWith(code + "_", StringComparison.Ordinal));
    }

}
