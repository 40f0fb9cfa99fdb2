using System.Text;
using AngleSharp.Html.Parser;

namespace StaticNews.Import;

/// <summary>Plain text from the short fields of an export (titles, term names, captions), which may hold entities and tags.</summary>
public static class Texts
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The text a reader sees: entities decoded, tags dropped, white space collapsed.</summary>
    public static string Plain(string html)
    {
        if (html.AsSpan().IndexOfAny('&', '<') >= 0)
        {
            var document = Parser.ParseDocument("");
            var holder = document.CreateElement("div");
            foreach (var node in Parser.ParseFragment(html, holder).ToArray()) holder.AppendChild(node);
            foreach (var dropped in holder.QuerySelectorAll("script, style").ToList()) dropped.Remove();
            html = holder.TextContent;
        }
        var builder = new StringBuilder(html.Length);
        var space = false;
        foreach (var c in html)
        {
            if (char.IsWhiteSpace(c)) { space = builder.Length > 0; continue; }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
