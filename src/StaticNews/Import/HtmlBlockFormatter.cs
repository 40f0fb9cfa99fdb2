using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;

namespace StaticNews.Import;

/// <summary>
/// Serializes an element kept as HTML inside Markdown. A Markdown HTML block ends at the first blank line, so none
/// may appear inside: white space with line breaks outside <c>pre</c> shrinks to one line break, and line breaks
/// inside <c>pre</c> are written as character references. Comments (Gutenberg's block markers) are dropped.
/// </summary>
internal sealed class HtmlBlockFormatter : HtmlMarkupFormatter
{
    public static new readonly HtmlBlockFormatter Instance = new();

    public override string Text(ICharacterData text)
    {
        var escaped = base.Text(text);
        if (escaped.IndexOf('\n') < 0 && escaped.IndexOf('\r') < 0) return escaped;
        if (InsidePre(text)) return escaped.Replace("\r\n", "\n").Replace("\r", "\n").Replace("\n", "&#10;");
        var builder = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (!char.IsWhiteSpace(c)) { builder.Append(c); continue; }
            var start = i;
            var lineBreak = false;
            while (i < escaped.Length && char.IsWhiteSpace(escaped[i])) lineBreak |= escaped[i++] is '\n' or '\r';
            i--;
            builder.Append(lineBreak ? "\n" : escaped.AsSpan(start, i - start + 1));
        }
        return builder.ToString();
    }

    public override string Comment(IComment comment) => "";

    /// <summary>A line break can only be inside an attribute value here: written as a reference, it cannot make a blank line.</summary>
    public override string OpenTag(IElement element, bool selfClosing) =>
        base.OpenTag(element, selfClosing).Replace("\r", "&#13;").Replace("\n", "&#10;");

    private static bool InsidePre(INode node)
    {
        for (var parent = node.ParentElement; parent is not null; parent = parent.ParentElement)
            if (parent.LocalName is "pre" or "textarea") return true;
        return false;
    }
}
