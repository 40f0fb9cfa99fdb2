using System.Globalization;
using System.Text;

namespace StaticNews.Content;

/// <summary>
/// The identity of a free-text tag: a slug of its text that stays the same however the text is typed. Letters of
/// every script (with their combining marks) and digits are kept, lowercased; every other run of characters
/// (spaces, punctuation, symbols) becomes one '-'. "Korea Utara", "korea  utara" and "Korea-Utara" are one tag,
/// korea-utara; "كوريا الشمالية" is كوريا-الشمالية and "朝鲜半岛" stays 朝鲜半岛.
/// </summary>
public static class TermSlug
{
    /// <summary>Slugs are URL segments: long enough for any real tag, short enough to stay one readable path segment.</summary>
    public const int MaxLength = 80;

    /// <summary>The text as shown: trimmed, every run of white space one space (a tag is one line).</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c)) { if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' '); }
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The identity slug of <paramref name="text"/>; empty if it has no letter or digit.</summary>
    public static string Of(string text)
    {
        // Compatibility forms first: full-width Latin and digits, ligatures and presentation forms are the letters they show.
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var kept = Rune.IsLetter(rune) || Rune.IsDigit(rune)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            if (kept) builder.Append(Rune.ToLowerInvariant(rune).ToString());
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            // Cut between text elements, so a surrogate pair or a letter with its marks is never split.
            var end = 0;
            while (end < slug.Length && end + StringInfo.GetNextTextElementLength(slug.AsSpan(end)) <= MaxLength)
                end += StringInfo.GetNextTextElementLength(slug.AsSpan(end));
            slug = slug[..end].TrimEnd('-');
        }
        // A device name (CON, aux) cannot be a folder on Windows, where the published site may be checked out.
        return slug.Length > 0 && ArticleParser.SlugProblem(slug) is not null ? slug + "_" : slug;
    }
}
