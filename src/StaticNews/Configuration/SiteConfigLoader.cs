using System.Globalization;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;
using static StaticNews.Configuration.YamlSource;

namespace StaticNews.Configuration;

/// <summary>Reads site.yml, fills in defaults and reports every problem with its line.</summary>
public static class SiteConfigLoader
{
    public static SiteConfig? Load(string inputDirectory, string? baseUrlOverride, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(inputDirectory, "site.yml");
        const string file = "site.yml";
        if (!File.Exists(path))
        {
            diagnostics.Error($"no site.yml in {Path.GetFullPath(inputDirectory)}", file);
            return null;
        }
        YamlNode? root;
        try { root = Parse(Content.SourceText.Read(path, file, diagnostics), file); }
        catch (InputException e) { diagnostics.Error(e.Message, e.File, e.Line); return null; }
        if (root is not YamlMappingNode map)
        {
            diagnostics.Error("site.yml must be a mapping of settings", file, 1);
            return null;
        }
        return Read(map, baseUrlOverride, new Reporter(diagnostics, file));
    }

    private sealed record Reporter(DiagnosticBag Bag, string File)
    {
        public void Error(YamlNode node, string message) => Bag.Error(message, File, LineOf(node));
        public void Warning(YamlNode node, string message) => Bag.Warning(message, File, LineOf(node));
    }

    private static SiteConfig? Read(YamlMappingNode map, string? baseUrlOverride, Reporter report)
    {
        var errorsBefore = report.Bag.ErrorCount;
        LocalizedText title = LocalizedText.Empty, description = LocalizedText.Empty, credit = LocalizedText.Empty;
        Uri? baseUrl = null;
        string? defaultLanguage = null;
        var languages = new List<LanguageConfig>();
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        string permalink = "/{lang}/{yyyy}/{mm}/{slug}/";
        int pageSize = SiteConfig.DefaultPageSize, feedSize = 50, summaryWords = 40;
        var hubs = new List<Uri>();
        IReadOnlyList<string> share = ShareTarget.DefaultOrder;
        var defaultTranslation = TranslationKind.Machine;
        YamlNode? defaultLanguageNode = null;
        var trustHtml = false;
        var embeds = new List<string>();
        var search = false;
        var translation = TranslationConfig.Default;
        IReadOnlyList<Images.ImageFormat>? imageFormats = null;

        foreach (var (key, keyNode, value) in Entries(map))
        {
            switch (key)
            {
                case "title": title = LocalizedText.Read(value, report.Error); break;
                case "description": description = LocalizedText.Read(value, report.Error); break;
                case "baseUrl": baseUrl = ReadBaseUrl(Scalar(value), value, report); break;
                case "defaultLanguage": defaultLanguage = Scalar(value); defaultLanguageNode = value; break;
                case "languages": ReadLanguages(value, languages, report); break;
                case "timeZone":
                    try { timeZone = TimeZoneInfo.FindSystemTimeZoneById(Scalar(value) ?? ""); }
                    catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
                    { report.Error(value, $"unknown time zone '{Scalar(value)}' (use an IANA name such as Asia/Jakarta)"); }
                    break;
                case "permalink":
                    permalink = Scalar(value) ?? permalink;
                    if (!permalink.Contains("{slug}") || !permalink.Contains("{lang}") || !permalink.StartsWith('/'))
                        report.Error(value, "permalink must start with '/' and contain {lang} and {slug}");
                    break;
                case "pageSize": pageSize = ReadPositive(value, report); break;
                case "feedSize": feedSize = ReadPositive(value, report); break;
                case "summaryWords": summaryWords = ReadPositive(value, report); break;
                case "hubs":
                    foreach (var hub in value is YamlSequenceNode seq ? seq.Children : [value])
                    {
                        if (Uri.TryCreate(Scalar(hub), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") hubs.Add(uri);
                        else report.Error(hub, $"hub '{Scalar(hub)}' is not an absolute http(s) URL");
                    }
                    break;
                case "share":
                    if (value is YamlSequenceNode targets)
                    {
                        share = targets.Children.Select(t => Scalar(t) ?? "").ToList();
                        foreach (var t in targets.Children.Where(t => !ShareTarget.DefaultOrder.Contains(Scalar(t))))
                            report.Error(t, $"unknown share target '{Scalar(t)}' (known: {string.Join(", ", ShareTarget.DefaultOrder)})");
                    }
                    else report.Error(value, "share must be a list of targets");
                    break;
                case "notice":
                    if (value is YamlMappingNode notice)
                        foreach (var (nk, nkNode, nv) in Entries(notice))
                            if (nk == "credit") credit = LocalizedText.Read(nv, report.Error);
                            else report.Warning(nkNode, $"unknown notice setting '{nk}' (known: credit)");
                    break;
                case "defaultTranslation":
                    if (Scalar(value) is "machine") defaultTranslation = TranslationKind.Machine;
                    else if (Scalar(value) is "human") defaultTranslation = TranslationKind.Human;
                    else report.Error(value, "defaultTranslation must be 'machine' or 'human'");
                    break;
                case "trustHtml":
                    if (Scalar(value) is "true" or "false") trustHtml = Scalar(value) == "true";
                    else report.Error(value, "trustHtml must be true or false");
                    break;
                case "embeds":
                    foreach (var host in value is YamlSequenceNode hostList ? hostList.Children : [value])
                    {
                        if (Uri.CheckHostName(Scalar(host)) == UriHostNameType.Dns) embeds.Add(Scalar(host)!);
                        else report.Error(host, $"embed host '{Scalar(host)}' is not a host name (write it like www.youtube-nocookie.com)");
                    }
                    break;
                case "search":
                    if (Scalar(value) is "true" or "false") search = Scalar(value) == "true";
                    else report.Error(value, "search must be true or false");
                    break;
                case "translation": translation = ReadTranslation(value, report); break;
                case "imageFormats":
                    var formats = new List<Images.ImageFormat>();
                    foreach (var format in value is YamlSequenceNode formatList ? formatList.Children : [value])
                    {
                        if (Scalar(format) is "avif") formats.Add(Images.ImageFormat.Avif);
                        else if (Scalar(format) is "webp") formats.Add(Images.ImageFormat.WebP);
                        else report.Error(format, $"image format '{Scalar(format)}' is not one StaticNews makes: list avif, webp, both or none ([]); the JPEG or PNG fallback is always made");
                    }
                    imageFormats = formats.Distinct().ToList();
                    break;
                default:
                    report.Warning(keyNode, $"unknown setting '{key}' is ignored");
                    break;
            }
        }

        if (baseUrlOverride is not null)
            baseUrl = ReadBaseUrl(baseUrlOverride, map, report);
        if (baseUrl is null && baseUrlOverride is null && !map.Children.ContainsKey("baseUrl"))
            report.Error(map, "baseUrl is required (the absolute URL the site is served from)");
        if (languages.Count == 0)
            report.Error(map, "languages must list at least one language");
        if (defaultLanguage is null)
            defaultLanguage = languages.FirstOrDefault()?.Code;
        else if (languages.All(l => l.Code != defaultLanguage))
            report.Error(defaultLanguageNode!, $"defaultLanguage '{defaultLanguage}' is not one of the configured languages");

        if (report.Bag.ErrorCount > errorsBefore || baseUrl is null || defaultLanguage is null) return null;
        return new SiteConfig
        {
            Title = title, Description = description, BaseUrl = baseUrl, DefaultLanguage = defaultLanguage,
            Languages = languages, TimeZone = timeZone, Permalink = permalink, PageSize = pageSize,
            FeedSize = feedSize, Hubs = hubs, ShareTargets = share, NoticeCredit = credit,
            DefaultTranslation = defaultTranslation, SummaryWords = summaryWords, TrustHtml = trustHtml, EmbedHosts = embeds,
            Translation = translation, Search = search,
            ImageFormats = imageFormats ?? SiteConfig.DefaultImageFormats,
        };
    }

    private static Uri? ReadBaseUrl(string? text, YamlNode node, Reporter report)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            report.Error(node, $"baseUrl '{text}' is not an absolute http(s) URL");
            return null;
        }
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static TranslationConfig ReadTranslation(YamlNode node, Reporter report)
    {
        if (node is not YamlMappingNode map)
        {
            report.Error(node, "translation must be a map of settings (provider, languages, ...)");
            return TranslationConfig.Default;
        }
        string? provider = null;
        var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
        var providers = new Dictionary<string, ProviderSettings>(StringComparer.Ordinal);
        int concurrency = TranslationConfig.Default.Concurrency, retries = TranslationConfig.Default.Retries;
        var timeout = TranslationConfig.Default.Timeout;
        var indexUnreviewed = true;
        string? Provider(YamlNode value)
        {
            var name = Scalar(value);
            if (name is not null && Translation.ProviderCatalog.IsKnown(name)) return name;
            report.Error(value, $"unknown translation provider '{name}' (known: {string.Join(", ", Translation.ProviderCatalog.Names)})");
            return null;
        }
        foreach (var (key, keyNode, value) in Entries(map))
        {
            switch (key)
            {
                case "provider": provider = Provider(value); break;
                case "languages":
                    if (value is not YamlMappingNode languages)
                    {
                        report.Error(value, "translation languages must map a language code to a provider (ja: openai)");
                        break;
                    }
                    foreach (var (language, _, name) in Entries(languages))
                        if (Provider(name) is { } p) byLanguage[language] = p;
                    break;
                case "concurrency": concurrency = ReadPositive(value, report); break;
                case "retries":
                    if (int.TryParse(Scalar(value), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r <= 20) retries = r;
                    else report.Error(value, $"retries must be a whole number from 0 to 20, found '{Scalar(value)}'");
                    break;
                case "timeout": timeout = TimeSpan.FromSeconds(ReadPositive(value, report)); break;
                case "indexUnreviewed":
                    if (Scalar(value) is "true" or "false") indexUnreviewed = Scalar(value) == "true";
                    else report.Error(value, "indexUnreviewed must be true or false");
                    break;
                default:
                    if (Translation.ProviderCatalog.IsKnown(key)) providers[key] = ReadProviderSettings(key, value, report);
                    else report.Warning(keyNode, $"unknown translation setting '{key}' is ignored (known: provider, languages, concurrency, retries, timeout, indexUnreviewed, and a block per provider: {string.Join(", ", Translation.ProviderCatalog.Names)})");
                    break;
            }
        }
        return new TranslationConfig
        {
            Provider = provider, ProviderByLanguage = byLanguage, Providers = providers, Concurrency = concurrency,
            Retries = retries, Timeout = timeout, IndexUnreviewed = indexUnreviewed,
        };
    }

    private static ProviderSettings ReadProviderSettings(string provider, YamlNode node, Reporter report)
    {
        if (node is not YamlMappingNode map)
        {
            report.Error(node, $"translation {provider} must be a map of settings (url, model, region, batchCharacters)");
            return ProviderSettings.None;
        }
        var settings = ProviderSettings.None;
        foreach (var (key, keyNode, value) in Entries(map))
        {
            switch (key)
            {
                case "url":
                    if (Uri.TryCreate(Scalar(value), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.UserInfo.Length == 0)
                        settings = settings with { Url = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/") };
                    else report.Error(value, $"{provider} url '{Scalar(value)}' is not an absolute http(s) URL without credentials");
                    break;
                case "model": settings = settings with { Model = Scalar(value) }; break;
                case "region": settings = settings with { Region = Scalar(value) }; break;
                case "batchCharacters": settings = settings with { BatchCharacters = ReadPositive(value, report) }; break;
                default:
                    // A key in a file ends up in a repository: refuse it rather than use it.
                    if (key.Contains("key", StringComparison.OrdinalIgnoreCase) || key.Contains("token", StringComparison.OrdinalIgnoreCase)
                        || key.Contains("secret", StringComparison.OrdinalIgnoreCase) || key.Contains("password", StringComparison.OrdinalIgnoreCase))
                        report.Error(keyNode, $"credentials are never read from site.yml: remove '{key}', set {Translation.ProviderCatalog.CredentialVariable(provider)} in the environment instead (and replace that key: it has been in a file)");
                    else report.Warning(keyNode, $"unknown {provider} setting '{key}' is ignored (known: url, model, region, batchCharacters)");
                    break;
            }
        }
        return settings;
    }

    private static int ReadPositive(YamlNode node, Reporter report)
    {
        if (int.TryParse(Scalar(node), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        report.Error(node, $"expected a positive whole number, found '{Scalar(node)}'");
        return 1;
    }


    private static void ReadLanguages(YamlNode node, List<LanguageConfig> languages, Reporter report)
    {
        if (node is not YamlMappingNode map)
        {
            report.Error(node, "languages must be a map of language code to settings");
            return;
        }
        foreach (var (code, keyNode, value) in Entries(map))
        {
            if (!IsLanguageCode(code))
            {
                report.Error(keyNode, $"'{code}' is not a language code (use ISO 639 codes such as id, en, zh)");
                continue;
            }
            string? name = null, hreflang = null, culture = null, ogLocale = null;
            var direction = TextDirection.Ltr;
            if (value is YamlMappingNode settings)
            {
                foreach (var (k, kNode, v) in Entries(settings))
                {
                    switch (k)
                    {
                        case "name": name = Scalar(v); break;
                        case "hreflang": hreflang = Scalar(v); break;
                        case "culture": culture = Scalar(v); break;
                        case "ogLocale":
                            ogLocale = Scalar(v);
                            if (ogLocale is null || !IsOpenGraphLocale(ogLocale))
                                report.Error(v, $"ogLocale '{ogLocale}' is not an Open Graph locale (write it like ar_AR or pt_BR)");
                            break;
                        case "direction":
                            if (Scalar(v) is "rtl") direction = TextDirection.Rtl;
                            else if (Scalar(v) is not "ltr") report.Error(v, "direction must be 'ltr' or 'rtl'");
                            break;
                        default: report.Warning(kNode, $"unknown language setting '{k}' is ignored"); break;
                    }
                }
            }
            else if (value is YamlScalarNode { Value: { Length: > 0 } n }) name = n;
            languages.Add(new LanguageConfig
            {
                Code = code,
                Name = name ?? code,
                Hreflang = hreflang ?? code,
                Direction = direction,
                Culture = CultureFor(culture ?? hreflang ?? code),
                OgLocale = ogLocale,
            });
        }
    }

    /// <summary>Open Graph's locale form: language_TERRITORY, e.g. ar_AR, pt_BR.</summary>
    private static bool IsOpenGraphLocale(string text) =>
        text.Split('_') is [var language, var territory]
        && language.Length is 2 or 3 && language.All(char.IsAsciiLetterLower)
        && territory.Length == 2 && territory.All(char.IsAsciiLetterUpper);

    private static bool IsLanguageCode(string code) =>
        code.Length is >= 2 and <= 12 && code.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '-' or (>= '0' and <= '9'))
        && char.IsAsciiLetter(code[0]);

    /// <summary>The culture for a language with the Gregorian calendar (Arabic cultures default to Hijri).</summary>
    internal static CultureInfo CultureFor(string name)
    {
        CultureInfo culture;
        try { culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone(); }
        catch (CultureNotFoundException) { culture = (CultureInfo)CultureInfo.InvariantCulture.Clone(); }
        if (culture.IsNeutralCulture)
        {
            try { culture = (CultureInfo)CultureInfo.CreateSpecificCulture(culture.Name).Clone(); }
            catch (ArgumentException) { }
        }
        if (culture.Calendar is not GregorianCalendar)
        {
            var gregorian = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault();
            if (gregorian is not null) culture.DateTimeFormat.Calendar = gregorian;
        }
        return CultureInfo.ReadOnly(culture);
    }
}
