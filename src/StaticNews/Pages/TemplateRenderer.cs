using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace StaticNews.Pages;

/// <summary>HTML the generator vouches for (the rendered Markdown body, a composed layout): written as is.</summary>
public sealed record HtmlString(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// Renders theme layouts with every value HTML-escaped by default: a title such as
/// <c>&lt;script&gt;</c> lands as text. Only <see cref="HtmlString"/> values are written raw.
/// </summary>
public static class TemplateRenderer
{
    public static string Render(Template template, ScriptObject model)
    {
        var context = new EscapingTemplateContext();
        context.PushGlobal(model);
        return template.Render(context);
    }

    private sealed class EscapingTemplateContext : TemplateContext
    {
        public EscapingTemplateContext()
        {
            EnableRelaxedMemberAccess = true;
            StrictVariables = false;
            LoopLimit = 0;
            RecursiveLimit = 50;
        }

        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is HtmlString html) return Write(html.Value);
            var text = ObjectToString(textAsObject);
            return string.IsNullOrEmpty(text) ? this : Write(Html.Escape(text));
        }
    }
}
