using System.Text;

namespace StaticNews.Translation;

/// <summary>
/// Writes translated segment nodes back as Markdown inline text: words escaped so they stay words (a
/// translation that says "*" or "1." must not become emphasis or a list), markup and protected pieces
/// as the original wrote them.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// The Markdown for <paramref name="nodes"/>, on one line except at hard line breaks, where the next line
    /// starts with <paramref name="continuationPrefix"/> (the block's quote markers and indentation).
    /// </summary>
    public static string Write(IReadOnlyList<SegmentNode> nodes, bool inTable, string continuationPrefix)
    {
        var writer = new Writer(inTable, continuationPrefix, nested: false);
        writer.Nodes(nodes);
        return writer.ToString().Trim();
    }

    /// <summary>The plain text of a front matter value: words as they are, whitespace (newlines too) as single spaces.</summary>
    public static string Plain(IReadOnlyList<SegmentNode> nodes)
    {
        var text = new StringBuilder();
        void Add(IEnumerable<SegmentNode> list)
        {
            foreach (var node in list)
                switch (node)
                {
                    case TextNode t: text.Append(t.Text); break;
                    case TermNode term: text.Append(term.Expected); break;
                    case MarkupNode m: Add(m.Children); break;
                    case ProtectedNode p: text.Append(p.Source); break;
                }
        }
        Add(nodes);
        return CollapseWhitespace(text.ToString()).Trim();
    }

    internal static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                space = true;
                continue;
            }
            if (space) result.Append(' ');
            space = false;
            result.Append(c);
        }
        if (space) result.Append(' ');
        return result.ToString();
    }

    /// <summary>Writes one level of nodes; a nested writer (inside emphasis or a link) is never at a line's start.</summary>
    private sealed class Writer(bool inTable, string continuationPrefix, bool nested)
    {
        private readonly StringBuilder _out = new();
        // Where the current line's text starts: what stands there decides whether it could open a block.
        private int _lineStart;

        public override string ToString() => _out.ToString();

        public void Nodes(IEnumerable<SegmentNode> nodes)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case TextNode text: Text(text.Text); break;
                    case TermNode term: Text(term.Expected); break;
                    case ProtectedNode { Kind: ProtectedKind.LineBreak }:
                        TrimEnd();
                        _out.Append("\\\n").Append(continuationPrefix);
                        _lineStart = _out.Length;
                        break;
                    case ProtectedNode p: _out.Append(p.Source); break;
                    case MarkupNode m: Markup(m); break;
                }
            }
        }

        private void Markup(MarkupNode markup)
        {
            var inner = new Writer(inTable, continuationPrefix, nested: true);
            inner.Nodes(markup.Children);
            var text = inner.ToString();
            if (markup.Kind is MarkupKind.Link or MarkupKind.Image)
            {
                _out.Append(markup.Open).Append(text).Append(markup.Close);
                return;
            }
            // Emphasis opens only against a word: spaces a translation put inside it go outside.
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                _out.Append(text.Length > 0 ? " " : "");
                return;
            }
            if (char.IsWhiteSpace(text[0])) _out.Append(' ');
            _out.Append(markup.Open).Append(trimmed).Append(markup.Close);
            if (char.IsWhiteSpace(text[^1])) _out.Append(' ');
        }

        private void TrimEnd()
        {
            while (_out.Length > _lineStart && _out[^1] == ' ') _out.Length--;
        }

        private void Text(string text)
        {
            var collapsed = CollapseWhitespace(text);
            for (var i = 0; i < collapsed.Length; i++)
            {
                var c = collapsed[i];
                var atLineStart = !nested && _out.Length == _lineStart;
                switch (c)
                {
                    case ' ' when atLineStart:
                        break;
                    case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~' or '^':
                        _out.Append('\\').Append(c);
                        break;
                    case '|' when inTable:
                        _out.Append("\\|");
                        break;
                    case '#' or '>' or '-' or '+' or '=' when atLineStart:
                        _out.Append('\\').Append(c);
                        break;
                    case '+' or '=' when _out.Length > 0 && _out[^1] == c:
                        // ++inserted++ and ==marked== need two in a row.
                        _out.Append('\\').Append(c);
                        break;
                    case '.' or ')' when !nested && EndsWithLineStartNumber():
                        _out.Append('\\').Append(c);
                        break;
                    case '&' when i + 1 < collapsed.Length && (collapsed[i + 1] == '#' || char.IsAsciiLetter(collapsed[i + 1])):
                        // "&copy;" in a translation is those six characters, not an entity.
                        _out.Append("\\&");
                        break;
                    default:
                        _out.Append(c);
                        break;
                }
            }
        }

        /// <summary>True when the line so far is one to nine digits: a following '.' or ')' would start a numbered list.</summary>
        private bool EndsWithLineStartNumber()
        {
            var length = _out.Length - _lineStart;
            if (length is < 1 or > 9) return false;
            for (var i = _lineStart; i < _out.Length; i++)
                if (!char.IsAsciiDigit(_out[i])) return false;
            return true;
        }
    }
}
