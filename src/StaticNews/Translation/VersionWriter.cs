using System.Globalization;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Translation;

/// <summary>
/// Writes a translated version's file (by <c>translate</c> or an XLIFF import): the translated values and a record
/// of how it was made, the other keys of the file it replaces kept (see <see cref="TranslationFile"/>), written only
/// if it reads back as a story version without errors and nobody changed the file since it was planned.
/// </summary>
public sealed class VersionWriter(SiteConfig site, string inputDirectory)
{
    private readonly ArticleParser _parser = new(site, new MarkdownRenderer(HtmlPolicy.For(site)));

    /// <summary>
    /// Writes <paramref name="status"/>'s file as a <paramref name="kind"/> translation (machine, human) with the
    /// translated <paramref name="values"/> (by front matter key), <paramref name="record"/> (engine, source_hash,
    /// translated; a null value removes the key) and <paramref name="body"/>. Returns null, or why nothing was written.
    /// </summary>
    public string? Write(VersionStatus status, IReadOnlyDictionary<string, string> values, string kind,
        IReadOnlyList<(string Key, string? Value)> record, string body)
    {
        var file = $"articles/{status.Story.Key}/{status.Language.Code}.md";
        var path = Path.Combine(inputDirectory, "articles", status.Story.Key, status.Language.Code + ".md");
        var existing = status.Version?.Article;
        string text;
        try
        {
            var existingText = existing is null ? null : SourceText.Read(path, file, new DiagnosticBag());
            var owned = new List<(string Key, string? Value)> { ("title", values.GetValueOrDefault("title")), ("translation", kind) };
            owned.AddRange(record);
            owned.AddRange(TranslatableText.FrontMatterKeys.Where(k => k != "title").Select(k => (k, values.GetValueOrDefault(k))));
            owned.Add(("reviewed", null));
            text = TranslationFile.Compose(existingText, file, owned, body);
        }
        catch (InputException e) { return $"{file}: {e.Message}"; }
        catch (IOException e) { return $"could not read {file}: {e.Message}"; }

        var diagnostics = new DiagnosticBag();
        if (_parser.Parse(text, status.Story.Key, status.Language.Code, file, diagnostics) is null || diagnostics.HasErrors)
            return "the translated file would not read back: " + string.Join("; ", diagnostics.Sorted().Where(d => d.Severity == Severity.Error));
        try
        {
            return TranslationFile.WriteAtomically(path, text, existing?.ContentHash) ? null
                : $"{file} changed while it was being translated; it was left as it is (run the command again)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"could not write {file}: {e.Message}"; }
    }

    /// <summary>The time a translation records: the run's clock reading in the site's time zone, to the second.</summary>
    public static string Time(BuildClock clock, SiteConfig site) =>
        TimeZoneInfo.ConvertTime(clock.Now, site.TimeZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
