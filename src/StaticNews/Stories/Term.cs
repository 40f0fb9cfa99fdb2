using StaticNews.Configuration;

namespace StaticNews.Stories;

public enum TermKind { Category, Tag }

/// <summary>
/// A category or a tag as the site shows it: its identity (the category key, the tag's <see cref="Content.TermSlug"/>),
/// its name in each language and the URL segment of its listing in each language.
/// </summary>
public sealed class Term(TermKind kind, string key, string text, string textLanguage,
    IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> segments, LocalizedText description)
{
    public TermKind Kind { get; } = kind;
    /// <summary>The identity: the category key, or the slug of the tag's text. Never changes with a label.</summary>
    public string Key { get; } = key;
    /// <summary>The name shown where no language gives one: the label in the original language, else the text as written.</summary>
    public string Text { get; } = text;
    /// <summary>The language <see cref="Text"/> is written in.</summary>
    public string TextLanguage { get; } = textLanguage;

    /// <summary>The name in <paramref name="language"/>: its label there, else <see cref="Text"/>.</summary>
    public string Label(string language) => labels.GetValueOrDefault(language) ?? Text;

    /// <summary>The language <see cref="Label"/> is in for <paramref name="language"/>: itself where named, else <see cref="TextLanguage"/>.</summary>
    public string LabelLanguage(string language) => labels.ContainsKey(language) ? language : TextLanguage;

    /// <summary>True where something names the term in <paramref name="language"/> (or its text is in that language).</summary>
    public bool IsNamedIn(string language) => language == TextLanguage || labels.ContainsKey(language);

    /// <summary>The URL segment of its listing in <paramref name="language"/>: a localized slug, else the identity.</summary>
    public string Segment(string language) => segments.GetValueOrDefault(language) ?? Key;

    /// <summary>The description given for <paramref name="language"/>, if any.</summary>
    public string? Description(string language) => description.Own(language);
}
