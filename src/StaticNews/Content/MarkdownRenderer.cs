using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StaticNews.Content;

/// <summary>Markdown to HTML with CommonMark and the common extensions. One pipeline, built once, thread-safe.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFigures()
        .UseListExtras()
        .Build();

    public (string Html, string PlainText) Render(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        var html = document.ToHtml(_pipeline);
        return (html, PlainText(document));
    }

    /// <summary>The visible text of paragraphs and headings, blocks separated by a blank.</summary>
    private static string PlainText(MarkdownDocument document)
    {
        var text = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is not (ParagraphBlock or HeadingBlock) || block.Inline is null) continue;
            if (text.Length > 0) text.Append(' ');
            foreach (var inline in block.Inline.Descendants())
            {
                switch (inline)
                {
                    case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case LineBreakInline: text.Append(' '); break;
                }
            }
        }
        return text.ToString();
    }
}
