using System.Globalization;
using StaticNews.Configuration;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;
using static StaticNews.Configuration.YamlSource;

namespace StaticNews.Translation;

/// <summary>
/// input/glossary.yml: terms never translated (names, places, brands) and terms with a fixed translation per
/// language. Terms are found in the original's words only (never in code, URLs or markup), as whole words
/// (letters of CJK scripts need no spaces around them), the longest first; a term is matched whatever its
/// case, so a sentence may start with it.
/// </summary>
/// <example>
/// keep: [Gayo, Lut Tawar, KRL Commuter Line]
/// terms:
///   Korea Utara: { en: North Korea, fr: Corée du Nord }
/// </example>
public sealed class Glossary
{
    public const string FileName = "glossary.yml";

    public static readonly Glossary Empty = new([], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    private readonly List<string> _terms;

    public Glossary(IReadOnlyList<string> keep, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> fixedTranslations)
    {
        Keep = keep;
        Fixed = fixedTranslations;
        // Longest first, so "Korea Utara" is found before "Korea".
        _terms = [.. keep.Concat(fixedTranslations.Keys).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];
    }

    /// <summary>Terms kept as written in every language.</summary>
    public IReadOnlyList<string> Keep { get; }
    /// <summary>Terms of the original language and their translation by language code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Fixed { get; }

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Reads input/glossary.yml (none: an empty glossary); every problem goes to <paramref name="diagnostics"/> with its line.</summary>
    public static Glossary Load(string inputDirectory, SiteConfig site, DiagnosticBag diagnostics)
    {
        if (Content.InputYaml.ReadMap(inputDirectory, FileName,
                "a mapping with 'keep' (a list of terms) and 'terms' (term: { language: translation })", diagnostics) is not { } map)
            return Empty;
        var keep = new List<string>();
        var fixedTranslations = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        void Error(YamlNode node, string message) => diagnostics.Error(message, FileName, LineOf(node));
        foreach (var (key, keyNode, value) in Entries(map))
        {
            switch (key)
            {
                case "keep":
                    foreach (var item in value is YamlSequenceNode list ? list.Children : [value])
                    {
                        if (Scalar(item) is { } term && term.Trim().Length > 0) keep.Add(term.Trim());
                        else Error(item, "each 'keep' entry must be a term (text)");
                    }
                    break;
                case "terms":
                    if (value is not YamlMappingNode terms)
                    {
                        Error(value, "'terms' must map each term to its translations ({ en: ..., fr: ... })");
                        break;
                    }
                    foreach (var (term, termNode, translations) in Entries(terms))
                    {
                        if (term.Trim().Length == 0) { Error(termNode, "a glossary term is empty"); continue; }
                        if (translations is not YamlMappingNode byLanguage)
                        {
                            Error(translations, $"the translations of '{term}' must be a map of language to text ({{ en: ..., fr: ... }})");
                            continue;
                        }
                        var entry = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var (language, languageNode, text) in Entries(byLanguage))
                        {
                            if (site.Language(language) is null)
                                diagnostics.Warning($"'{term}' has a translation for '{language}', which site.yml does not configure", FileName, LineOf(languageNode));
                            if (Scalar(text) is { } t && t.Trim().Length > 0) entry[language] = t.Trim();
                            else Error(text, $"the {language} translation of '{term}' must be a text");
                        }
                        fixedTranslations[term.Trim()] = entry;
                    }
                    break;
                default:
                    diagnostics.Warning($"unknown glossary key '{key}' is ignored (known: keep, terms)", FileName, LineOf(keyNode));
                    break;
            }
        }
        return new Glossary(keep, fixedTranslations);
    }

    /// <summary>The fixed translation of <paramref name="term"/> in <paramref name="language"/>, or null when it is kept (or free there).</summary>
    private string? FixedFor(string term, string language)
    {
        foreach (var (source, translations) in Fixed)
            if (string.Equals(source, term, StringComparison.OrdinalIgnoreCase))
                return translations.GetValueOrDefault(language);
        return null;
    }

    /// <summary>Whether <paramref name="term"/> applies to <paramref name="language"/>: kept everywhere, or fixed there.</summary>
    private bool Applies(string term, string language) =>
        Keep.Contains(term, StringComparer.OrdinalIgnoreCase) || FixedFor(term, language) is not null;

    /// <summary>
    /// <paramref name="segment"/> with the glossary's terms for <paramref name="language"/> found in its words and made
    /// <see cref="TermNode"/>s (ids after the segment's own).
    /// </summary>
    public Segment Mark(Segment segment, string language)
    {
        if (IsEmpty) return segment;
        var nextId = segment.Coded().Select(n => n.Id).DefaultIfEmpty(0).Max() + 1;
        List<SegmentNode> Walk(IReadOnlyList<SegmentNode> nodes)
        {
            var result = new List<SegmentNode>();
            foreach (var node in nodes)
            {
                if (node is TextNode text) result.AddRange(Split(text.Text, language, ref nextId));
                else if (node is MarkupNode markup) result.Add(markup with { Children = Walk(markup.Children) });
                else result.Add(node);
            }
            return result;
        }
        return segment with { Nodes = Walk(segment.Nodes) };
    }

    private List<SegmentNode> Split(string text, string language, ref int nextId)
    {
        var result = new List<SegmentNode>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = _terms.FirstOrDefault(t => Applies(t, language) && MatchesAt(text, i, t));
            if (match is null)
            {
                i++;
                continue;
            }
            if (i > start) result.Add(new TextNode(text[start..i]));
            var found = text.Substring(i, match.Length);
            var isKept = Keep.Contains(match, StringComparer.OrdinalIgnoreCase);
            result.Add(new TermNode(nextId++, found, isKept ? null : MatchCase(found, FixedFor(match, language)!)));
            i += match.Length;
            start = i;
        }
        if (start < text.Length) result.Add(new TextNode(text[start..]));
        return result;
    }

    private static bool MatchesAt(string text, int i, string term) =>
        i + term.Length <= text.Length && string.Compare(text, i, term, 0, term.Length, StringComparison.OrdinalIgnoreCase) == 0
        && !(i > 0 && IsWordCharacter(text[i - 1]) && IsWordCharacter(term[0]))
        && !(i + term.Length < text.Length && IsWordCharacter(text[i + term.Length]) && IsWordCharacter(term[^1]));

    /// <summary>A letter or digit of a script that separates words with spaces (CJK ideographs and kana do not).</summary>
    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) && !(c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uAC00' and <= '\uD7AF');

    /// <summary>A fixed translation starts with a capital where the original's occurrence did (a sentence's first word).</summary>
    private static string MatchCase(string found, string translation) =>
        found.Length > 0 && char.IsUpper(found[0]) && translation.Length > 0 && char.IsLower(translation[0])
            ? char.ToUpper(translation[0], CultureInfo.InvariantCulture) + translation[1..]
            : translation;

    /// <summary>
    /// The terms of <paramref name="segment"/> its translation <paramref name="translated"/> does not say: a kept term must
    /// appear exactly as written in the original, a fixed one as its translation (a capital aside: it may start a sentence).
    /// </summary>
    public static IReadOnlyList<TermNode> Missing(Segment segment, IReadOnlyList<SegmentNode> translated)
    {
        var text = MarkdownText.Plain(translated);
        return segment.Coded().OfType<TermNode>()
            .Where(t => !text.Contains(t.Expected, t.Fixed is null ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
