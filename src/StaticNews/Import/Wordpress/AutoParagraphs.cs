using AngleSharp.Dom;

namespace StaticNews.Import.Wordpress;

/// <summary>
/// The classic editor stores paragraphs as text separated by blank lines, and a line break as a single newline;
/// WordPress adds the &lt;p&gt; and &lt;br&gt; when it shows the page (wpautop). This does the same on the DOM:
/// runs of text and inline elements between blocks become paragraphs, split at blank lines in their text.
/// </summary>
public static class AutoParagraphs
{
    private static readonly HashSet<string> Blocks =
    [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table",
        "figure", "figcaption", "hr", "section", "article", "aside", "header", "footer", "nav", "main", "address", "form",
        "fieldset", "details", "summary", "center", "script", "style", "noscript", "template", "iframe", "video", "audio",
        "object", "embed", "math", "svg", "menu", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "option", "select", "textarea",
    ];

    /// <summary>Containers whose content the classic editor also writes as paragraphs.</summary>
    private static readonly HashSet<string> Containers = ["blockquote", "div", "li", "td", "th", "section", "article", "aside"];

    public static void Apply(IElement container)
    {
        var document = container.Owner!;
        var run = new List<INode>();
        foreach (var child in container.ChildNodes.ToArray())
        {
            if (child is IText || (child is IElement e && !Blocks.Contains(e.LocalName)))
            {
                run.Add(child);
                continue;
            }
            Flush(container, run, child, document, isTop: container.LocalName == "body");
            if (child is IElement inner && Containers.Contains(inner.LocalName)) Apply(inner);
        }
        Flush(container, run, null, document, isTop: container.LocalName == "body");
    }

    /// <summary>Turns a run of inline nodes into paragraphs, inserted before <paramref name="before"/>.</summary>
    private static void Flush(IElement container, List<INode> run, INode? before, IDocument document, bool isTop)
    {
        if (run.Count == 0) return;
        var paragraphs = new List<List<INode>> { new() };
        var multiple = false;
        foreach (var node in run)
        {
            if (node is not IText text)
            {
                paragraphs[^1].Add(node);
                continue;
            }
            var parts = SplitAtBlankLines(text.Data.Replace("\r\n", "\n").Replace('\r', '\n'));
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0) { paragraphs.Add([]); multiple = true; }
                if (parts[i].Length > 0) paragraphs[^1].Add(document.CreateTextNode(parts[i]));
            }
        }
        // Inside a list item or a cell, text with no blank line in it stays as it is (as wpautop leaves it).
        if (!isTop && !multiple && container.LocalName is not ("blockquote" or "div"))
        {
            run.Clear();
            return;
        }
        foreach (var node in run) node.RemoveFromParent();
        run.Clear();
        foreach (var nodes in paragraphs)
        {
            if (nodes.All(n => n is IText t && t.Data.Trim().Length == 0)) continue;
            var paragraph = document.CreateElement("p");
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i] is IText t)
                {
                    var data = t.Data;
                    if (i == 0) data = data.TrimStart('\n', ' ', '\t');
                    if (i == nodes.Count - 1) data = data.TrimEnd('\n', ' ', '\t');
                    var lines = data.Split('\n');
                    for (var l = 0; l < lines.Length; l++)
                    {
                        if (l > 0) paragraph.AppendChild(document.CreateElement("br"));
                        if (lines[l].Length > 0) paragraph.AppendChild(document.CreateTextNode(lines[l]));
                    }
                }
                else paragraph.AppendChild(nodes[i]);
            }
            if (before is null) container.AppendChild(paragraph);
            else container.InsertBefore(paragraph, before);
        }
    }

    /// <summary>The text between blank lines (a line break, optional spaces and tabs, another line break).</summary>
    private static List<string> SplitAtBlankLines(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            var j = i + 1;
            while (j < text.Length && text[j] is ' ' or '\t') j++;
            if (j < text.Length && text[j] == '\n')
            {
                parts.Add(text[start..i]);
                while (j < text.Length && text[j] is '\n' or ' ' or '\t') j++;
                start = j;
                i = j - 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }
}
