namespace StaticNews.Import.Wordpress;

/// <summary>One shortcode tag found in a text: <c>[caption id="attachment_5" width="300"]</c>, <c>[/caption]</c>, <c>[gallery ids="1,2" /]</c>.</summary>
public sealed record ShortcodeTag(
    string Name, bool Closing, bool SelfClosing, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Positional, int Start, int Length)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Finds WordPress shortcodes in text (never in markup: the caller hands it the DOM's text nodes). Square
/// brackets are also prose ("[Baca juga: ...]"), so a tag counts as a shortcode only when its name is one
/// WordPress ships, or it looks like a plugin's: lowercase, and with attributes, a closing tag, or a '-' or '_' in its name.
/// </summary>
public static class Shortcodes
{
    /// <summary>The shortcodes WordPress itself registers.</summary>
    public static readonly IReadOnlySet<string> Builtin = new HashSet<string>(StringComparer.Ordinal)
        { "caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist" };

    /// <summary>The tags in <paramref name="text"/>, in order. <paramref name="closingNames"/>: names whose closing tag occurs anywhere in the body.</summary>
    public static List<ShortcodeTag> Scan(string text, IReadOnlySet<string> closingNames)
    {
        var tags = new List<ShortcodeTag>();
        for (var i = text.IndexOf('['); i >= 0 && i < text.Length; i = text.IndexOf('[', i + 1))
        {
            // [[name]] is WordPress's way to write a tag literally: nothing inside it is a tag.
            if (i + 1 < text.Length && text[i + 1] == '[' && text.IndexOf("]]", i, StringComparison.Ordinal) is var literalEnd and > 0)
            {
                i = literalEnd + 1;
                continue;
            }
            if (TryRead(text, i) is not { } tag) continue;
            if (!IsShortcode(tag, closingNames)) continue;
            tags.Add(tag);
            i += tag.Length - 1;
        }
        return tags;
    }

    /// <summary>The names of the closing tags (<c>[/name]</c>) in a text.</summary>
    public static IEnumerable<string> ClosingNames(string text)
    {
        for (var i = text.IndexOf("[/", StringComparison.Ordinal); i >= 0; i = text.IndexOf("[/", i + 2, StringComparison.Ordinal))
            if (TryRead(text, i) is { Closing: true } tag) yield return tag.Name;
    }

    private static bool IsShortcode(ShortcodeTag tag, IReadOnlySet<string> closingNames)
    {
        if (Builtin.Contains(tag.Name)) return true;
        if (!tag.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')) return false;
        return tag.Attributes.Count > 0 || tag.SelfClosing || tag.Closing || closingNames.Contains(tag.Name) || tag.Name.Contains('_') || tag.Name.Contains('-');
    }

    private const int MaxTagLength = 4096;

    /// <summary>The tag starting at <paramref name="start"/> ('['), or null when the bracket opens no tag.</summary>
    private static ShortcodeTag? TryRead(string text, int start)
    {
        var i = start + 1;
        if (i < text.Length && text[i] == '[') return null; // [[name]] is WordPress's way to write a tag literally
        var closing = i < text.Length && text[i] == '/';
        if (closing) i++;
        var nameStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
        if (i == nameStart || i >= text.Length) return null;
        var name = text[nameStart..i];
        if (!(char.IsWhiteSpace(text[i]) || text[i] is ']' or '/')) return null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        var selfClosing = false;
        while (i < text.Length && i - start < MaxTagLength)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) return null;
            var c = text[i];
            if (c == ']')
            {
                if (closing && (attributes.Count > 0 || positional.Count > 0)) return null;
                return new ShortcodeTag(name, closing, selfClosing, attributes, positional, start, i + 1 - start);
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == ']') { selfClosing = true; i++; continue; }
            if (c is '[' or '<') return null;
            if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) return null;
                positional.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var keyStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or ']' or '[' or '"' or '\'')) i++;
            if (i < text.Length && text[i] == '/' && i + 1 < text.Length && text[i + 1] == ']' && i == keyStart) continue;
            var key = text[keyStart..i];
            var j = i;
            while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
            if (j < text.Length && text[j] == '=')
            {
                j++;
                while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                if (j >= text.Length) return null;
                string value;
                if (text[j] is '"' or '\'')
                {
                    var end = text.IndexOf(text[j], j + 1);
                    if (end < 0) return null;
                    value = text[(j + 1)..end];
                    i = end + 1;
                }
                else
                {
                    var valueStart = j;
                    while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] is not (']' or '"' or '\'')) j++;
                    value = text[valueStart..j];
                    if (value.EndsWith('/') && j < text.Length && text[j] == ']') { value = value[..^1]; j--; }
                    i = j;
                }
                attributes[key.ToLowerInvariant()] = value;
            }
            else
            {
                if (key.EndsWith('/') && i < text.Length && text[i] == ']') { key = key[..^1]; i--; }
                if (key.Length > 0) positional.Add(key);
                if (i == keyStart) i++;
            }
        }
        return null;
    }
}
