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
    // One context per thread, reused page after page: a context caches how it reads each model type
    // (reflection, compiled accessors), and building that again for every page cost more than rendering.
    [ThreadStatic] private static EscapingTemplateContext? t_context;

    public static string Render(Template template, ScriptObject model)
    {
        var context = t_context is { InUse: false } idle ? idle : t_context = new EscapingTemplateContext();
        context.InUse = true;
        context.PushGlobal(model);
        try
        {
            var html = template.Render(context);
            context.PopGlobal();
            context.InUse = false;
            return html;
        }
        catch
        {
            // A render that failed half-way may leave the context's stacks as they were: start the next one afresh.
            t_context = null;
            throw;
        }
    }

    // Scriban's built-in functions, built once: a context makes its own set otherwise, by reflection, per page.
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    private sealed class EscapingTemplateContext : TemplateContext
    {
        /// <summary>Set while a render runs, so a render started from inside one gets a context of its own.</summary>
        public bool InUse { get; set; }

        public EscapingTemplateContext() : base(Builtins)
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
            if (!string.IsNullOrEmpty(text)) WriteEscaped(text);
            return this;
        }

        /// <summary>
        /// The text HTML-escaped, written straight into the output: the runs between special characters as
        /// they are, an entity for each special one (no escaped copy of the text is made).
        /// </summary>
        private void WriteEscaped(string text)
        {
            var start = 0;
            int special;
            while ((special = Html.IndexOfSpecial(text.AsSpan(start))) >= 0)
            {
                Write(text, start, special);
                Write(Html.Entity(text[start + special]));
                start += special + 1;
            }
            Write(text, start, text.Length - start);
        }
    }
}
