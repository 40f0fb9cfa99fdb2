using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace StaticNews.Translation;

/// <summary>
/// A segment as the HTML machine translation reads (every provider has an HTML mode that translates text and
/// keeps tags): markup as the tags that mean it (<c>&lt;b&gt;</c>, <c>&lt;a&gt;</c>...), protected pieces and
/// glossary terms as <c>translate="no"</c> spans, each with an id. The answer is parsed as HTML (AngleSharp)
/// and read back into nodes by those ids: what was protected comes back from the original, whatever the
/// answer did to it, and an answer that lost a link, a piece of code or a term is refused.
/// </summary>
public static class SegmentHtml
{
    private const string IdPrefix = "sn";

    /// <summary>
    /// The HTML for <paramref name="segment"/>. <paramref name="term"/> writes a glossary term the provider
    /// enforces itself (returns null to protect it as a placeholder instead).
    /// </summary>
    public static string Write(Segment segment, Func<TermNode, string?>? term = null)
    {
        var html = new StringBuilder();
        Write(segment.Nodes, html, term);
        return html.ToString();
    }

    private static void Write(IEnumerable<SegmentNode> nodes, StringBuilder html, Func<TermNode, string?>? term)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    Escape(text.Text, html);
                    break;
                case MarkupNode markup:
                    var tag = Tag(markup.Kind);
                    html.Append('<').Append(tag).Append(" id=\"").Append(IdPrefix).Append(markup.Id).Append("\">");
                    Write(markup.Children, html, term);
                    html.Append("</").Append(tag).Append('>');
                    break;
                case ProtectedNode { Kind: ProtectedKind.LineBreak } lineBreak:
                    html.Append("<br id=\"").Append(IdPrefix).Append(lineBreak.Id).Append("\">");
                    break;
                case ProtectedNode protectedNode:
                    Untranslated(protectedNode.Id, protectedNode.Shown, html);
                    break;
                case TermNode termNode:
                    if (term?.Invoke(termNode) is { } written) html.Append(written);
                    else Untranslated(termNode.Id, termNode.Term, html);
                    break;
            }
        }
    }

    private static void Untranslated(int id, string shown, StringBuilder html)
    {
        html.Append("<span translate=\"no\" class=\"notranslate\" id=\"").Append(IdPrefix).Append(id).Append("\">");
        Escape(shown, html);
        html.Append("</span>");
    }

    private static string Tag(MarkupKind kind) => kind switch
    {
        MarkupKind.Emphasis => "i",
        MarkupKind.Strong => "b",
        MarkupKind.Strikethrough => "s",
        MarkupKind.Subscript => "sub",
        MarkupKind.Superscript => "sup",
        MarkupKind.Inserted => "ins",
        MarkupKind.Marked => "mark",
        MarkupKind.Link => "a",
        _ => "span",
    };

    /// <summary>Text escaped for an HTML text node or attribute value.</summary>
    public static void Escape(string text, StringBuilder html)
    {
        foreach (var c in text)
            html.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", _ => c.ToString() });
    }

    public static string Escape(string text)
    {
        var html = new StringBuilder(text.Length);
        Escape(text, html);
        return html.ToString();
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Reads a provider's answer for <paramref name="original"/> back into nodes. Protected pieces and terms sent as
    /// placeholders are taken from the original; tags the answer added are dropped (their text kept). Throws
    /// <see cref="TranslationAnswerException"/> when a link, an image, a protected piece or a placeholder term
    /// is missing or doubled. <paramref name="termsAsPlaceholders"/>: whether terms were sent as placeholders.
    /// </summary>
    public static IReadOnlyList<SegmentNode> Read(string html, Segment original, bool termsAsPlaceholders = true)
    {
        var coded = original.Coded().ToDictionary(n => n.Id);
        var seen = new HashSet<int>();
        // The answer is parsed as the body's content of a document, as a browser would.
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var result = Read(Parser.ParseFragment(html, document.Body!), coded, seen);
        original.CheckCodes(seen, termsAsPlaceholders);
        return result;
    }

    private static List<SegmentNode> Read(IEnumerable<INode> nodes, Dictionary<int, CodedNode> coded, HashSet<int> seen)
    {
        var result = new List<SegmentNode>();
        foreach (var node in nodes)
        {
            if (node is IText text)
            {
                result.Add(new TextNode(text.Data));
                continue;
            }
            if (node is not IElement element) continue;
            var id = element.Id is { } value && value.StartsWith(IdPrefix, StringComparison.Ordinal)
                && int.TryParse(value.AsSpan(IdPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : -1;
            if (!coded.TryGetValue(id, out var originalNode))
            {
                // A tag the provider added (a <font>, a <span> around a sentence): its text counts, the tag does not.
                if (element.LocalName == "br") result.Add(new TextNode(" "));
                else result.AddRange(Read(element.ChildNodes, coded, seen));
                continue;
            }
            if (!seen.Add(id)) throw new TranslationAnswerException($"the answer has {originalNode.Description} twice");
            result.Add(originalNode is MarkupNode markup
                ? markup with { Children = Read(element.ChildNodes, coded, seen) }
                : originalNode);
        }
        return result;
    }
}

/// <summary>A provider's answer that cannot be used as it is (lost markup, a missing glossary term, a count that does not match).</summary>
public sealed class TranslationAnswerException(string message) : Exception(message);
