using System.Text;
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
/// <c>&lt;script&gt;</c> lands as text. Only <see cref="HtmlString"/> values (and a page's content layout,
/// see <see cref="RenderPage"/>) are written raw.
/// </summary>
public static class TemplateRenderer
{
    // One context per thread, reused page after page: a context caches how it reads each model type
    // (reflection, compiled accessors), and building that again for every page cost more than rendering.
    [ThreadStatic] private static EscapingTemplateContext? t_context;

    /// <summary>A small fragment (the translation notice) as a string.</summary>
    public static string Render(Template template, ScriptObject model)
    {
        var output = new StringBuilderOutput();
        Run(model, context => Evaluate(template, context, output));
        return output.Builder.ToString();
    }

    /// <summary>
    /// A whole page: <paramref name="content"/> (the page kind's layout) placed where <paramref name="frame"/>
    /// (base.sbn) writes <c>{{ content }}</c>, encoded as UTF-8 straight into <paramref name="utf8"/>. Neither
    /// layout's output becomes a string: a page was copied three times on its way to the file before.
    /// </summary>
    public static void RenderPage(Template frame, Template content, ScriptObject model, Stream utf8)
    {
        Run(model, context =>
        {
            var body = context.ContentOutput;
            body.Builder.Clear();
            Evaluate(content, context, body);
            model["content"] = new PageContent(body.Builder);
            var page = context.PageOutput;
            page.Start(utf8);
            try { Evaluate(frame, context, page); }
            finally { page.Finish(); }
        });
    }

    private static void Run(ScriptObject model, Action<EscapingTemplateContext> render)
    {
        var context = t_context is { InUse: false } idle ? idle : t_context = new EscapingTemplateContext();
        context.InUse = true;
        context.PushGlobal(model);
        try
        {
            render(context);
            context.PopGlobal();
            context.InUse = false;
        }
        catch
        {
            // A render that failed half-way may leave the context's stacks as they were: start the next one afresh.
            t_context = null;
            throw;
        }
    }

    /// <summary>What Template.Render does, into <paramref name="output"/> instead of the context's own string.</summary>
    private static void Evaluate(Template template, TemplateContext context, IScriptOutput output)
    {
        if (template.Page is null) return;
        context.PushOutput(output);
        if (template.SourceFilePath is not null) context.PushSourceFile(template.SourceFilePath);
        try
        {
            var result = context.Evaluate(template.Page);
            if (result is not null && context.EnableOutput) context.Write(template.Page.Span, result);
        }
        finally
        {
            if (template.SourceFilePath is not null) context.PopSourceFile();
            context.PopOutput();
        }
    }

    // Scriban's built-in functions, built once: a context makes its own set otherwise, by reflection, per page.
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    /// <summary>The content layout's output, placed raw where the frame writes it (and read as text anywhere else).</summary>
    private sealed record PageContent(StringBuilder Html)
    {
        public override string ToString() => Html.ToString();
    }

    /// <summary>
    /// Scriban output encoded as UTF-8 into a stream. A page arrives in hundreds of pieces (each literal, each
    /// escaped run, each entity), so they are gathered into a buffer of characters and encoded a buffer at a time.
    /// </summary>
    private sealed class Utf8Output : IScriptOutput
    {
        private const int Chars = 8 * 1024;
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        private readonly char[] _chars = new char[Chars];
        private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(Chars)];
        private int _count;
        private Stream? _stream;

        public void Start(Stream stream)
        {
            _stream = stream;
            _count = 0;
            _encoder.Reset();
        }

        public void Write(string text, int offset, int count) => Write(text.AsSpan(offset, count));

        public void Write(ReadOnlySpan<char> chars)
        {
            if (chars.Length > Chars - _count)
            {
                Encode(_chars.AsSpan(0, _count), flush: false);
                _count = 0;
                if (chars.Length > Chars)
                {
                    Encode(chars, flush: false);
                    return;
                }
            }
            chars.CopyTo(_chars.AsSpan(_count));
            _count += chars.Length;
        }

        public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
        {
            Write(text, offset, count);
            return ValueTask.CompletedTask;
        }

        public void Finish()
        {
            Encode(_chars.AsSpan(0, _count), flush: true);
            _count = 0;
            _stream = null;
        }

        private void Encode(ReadOnlySpan<char> chars, bool flush)
        {
            // The encoder carries a surrogate pair split between two buffers over to the next one.
            do
            {
                _encoder.Convert(chars, _bytes, flush, out var used, out var written, out _);
                _stream!.Write(_bytes, 0, written);
                chars = chars[used..];
            } while (!chars.IsEmpty);
        }
    }

    private sealed class EscapingTemplateContext : TemplateContext
    {
        /// <summary>Set while a render runs, so a render started from inside one gets a context of its own.</summary>
        public bool InUse { get; set; }

        /// <summary>The content layout's output of the page being rendered, reused page after page.</summary>
        public StringBuilderOutput ContentOutput { get; } = new();

        public Utf8Output PageOutput { get; } = new();

        public EscapingTemplateContext() : base(Builtins)
        {
            EnableRelaxedMemberAccess = true;
            StrictVariables = false;
            LoopLimit = 0;
            RecursiveLimit = 50;
            // Scriban cuts a context's output at this many characters (1 MB by default), counted across every render
            // on the context: a page is written whole, however long its story.
            LimitToString = 0;
        }

        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is HtmlString html) return Write(html.Value);
            if (textAsObject is PageContent content)
            {
                foreach (var chunk in content.Html.GetChunks())
                    if (Output is Utf8Output utf8) utf8.Write(chunk.Span);
                    else Write(chunk.ToString());
                return this;
            }
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
