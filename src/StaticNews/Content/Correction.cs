using StaticNews.Configuration;

namespace StaticNews.Content;

/// <summary>
/// One entry of an original's <c>corrections:</c>: when the story was corrected, and what was wrong, in one text for
/// every version or per language (<c>{ id: ..., en: ... }</c>).
/// </summary>
public sealed record Correction(DateTimeOffset Date, LocalizedText Text)
{
    /// <summary>Everything it says, for fingerprints: its date and each text with its language.</summary>
    public IEnumerable<string?> Shown() =>
        [Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Text.Common, .. Text.Languages.Order(StringComparer.Ordinal).Select(l => $"{l} {Text.Own(l)}")];
}
