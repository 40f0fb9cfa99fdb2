using System.Buffers;
using System.Runtime.Serialization;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace StaticNews.Feeds;

/// <summary>
/// Serializes what System.ServiceModel.Syndication formats, fixing its traps on the way out: it
/// declares Atom elements inside RSS with the prefix <c>a10</c> (every reader expects <c>atom</c>),
/// declares the namespace of each extension element on the element itself, and writing through a
/// StringWriter declares utf-16. The formatter writes through <see cref="Fixer"/>, which rewrites those
/// on the fly straight into the UTF-8 output of <see cref="Publish.XmlOutput"/>: no document is built
/// in memory (a live feed of full bodies runs to megabytes).
/// (The other two traps — invented ids and the current time when none is set — are avoided by the
/// builders, which always set ids and dates.)
/// </summary>
public static class XmlFeedWriter
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    /// <summary>RFC 5005 feed history.</summary>
    public static readonly XNamespace FeedHistory = "http://purl.org/syndication/history/1.0";
    /// <summary>Media RSS: the image of an RSS item with its size, thumbnail, description and credit.</summary>
    public static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    /// <summary>The vocabularies a feed may use besides its own, with their conventional prefixes, in the order the root declares them.</summary>
    private static readonly (string Prefix, string Namespace)[] Prefixes =
        [("atom", Atom.NamespaceName), ("content", Content.NamespaceName), ("dc", DublinCore.NamespaceName), ("fh", FeedHistory.NamespaceName), ("media", Media.NamespaceName)];

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static readonly DataContractSerializer TextSerializer = new(typeof(string));

    /// <summary>
    /// An extension element holding <paramref name="text"/>, written with one WriteString (an element
    /// made from an XmlReader is buffered as binary XML and read back in pieces). An empty text is
    /// written <c>&lt;x&gt;&lt;/x&gt;</c>.
    /// </summary>
    public static SyndicationElementExtension Element(XNamespace ns, string localName, string text) =>
        new(localName, ns.NamespaceName, text, TextSerializer);

    /// <summary>An extension element with attributes and children (Media RSS), as built with LINQ to XML.</summary>
    public static SyndicationElementExtension Element(XElement element) => new(element.CreateReader());

    /// <summary>
    /// Writes the feed <paramref name="formatter"/> makes to <paramref name="stream"/>, as UTF-8. <paramref name="vocabularies"/> are
    /// the namespaces among Atom, content, Dublin Core and feed history that the feed uses: they are
    /// declared once on the root with their conventional prefixes (unless one is the root's own
    /// namespace), and writing checks that the feed uses exactly those. <paramref name="language"/>, if
    /// given, becomes the root's xml:lang.
    /// </summary>
    public static void Write(Stream stream, SyndicationFeedFormatter formatter, IEnumerable<XNamespace> vocabularies, string? language = null) =>
        Publish.XmlOutput.Write(stream, output =>
        {
            var fixer = new Fixer(output, stream, vocabularies.Select(v => v.NamespaceName).ToHashSet(), language);
            formatter.WriteTo(fixer);
            fixer.Check();
        });

    /// <summary>Element text from this length on is written by <see cref="PlainText"/> (shorter, the flush costs more than it saves).</summary>
    private const int PlainTextWrittenDirectly = 256;

    /// <summary>
    /// Text that XmlWriter (UTF-8, NewLineHandling.Replace, checking characters) writes as its UTF-8 bytes with only
    /// &lt;, &gt; and &amp; escaped: no carriage return (which it turns into a newline) and no character XML refuses.
    /// Feed text is cleaned of those already (<see cref="StaticNews.Content.TextTools.StripInvalid"/>); anything else takes the writer's way.
    /// </summary>
    private static class PlainText
    {
        private static readonly SearchValues<char> Escaped = SearchValues.Create("<>&");
        private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static bool IsPlain(string text) => !text.Contains('\r') && StaticNews.Content.TextTools.IndexOfInvalid(text) < 0;

        public static void WriteEscaped(string text, Stream stream)
        {
            var rest = text.AsSpan();
            var buffer = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(Math.Min(rest.Length, 4096)));
            try
            {
                while (!rest.IsEmpty)
                {
                    var run = rest.IndexOfAny(Escaped) is var i and >= 0 ? i : rest.Length;
                    // Runs of at most 4096 characters, cut between a surrogate pair's halves never.
                    if (run > 4096) run = char.IsHighSurrogate(rest[4095]) ? 4095 : 4096;
                    stream.Write(buffer, 0, Utf8.GetBytes(rest[..run], buffer));
                    rest = rest[run..];
                    if (rest.IsEmpty || !Escaped.Contains(rest[0])) continue;
                    stream.Write(rest[0] switch { '<' => "&lt;"u8, '>' => "&gt;"u8, _ => "&amp;"u8 });
                    rest = rest[1..];
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
    }

    /// <summary>
    /// Passes what the formatter writes on to <c>output</c>, with the same calls an XDocument of it
    /// (fixed as described on <see cref="Write"/>) would make when written, so the bytes are those
    /// feeds were always written with: every element of a vocabulary gets its conventional prefix, the
    /// formatter's own namespace declarations are dropped, the root gets xml:lang and the declarations,
    /// an RSS guid says isPermaLink="false", and an element given an empty text ends as &lt;x&gt;&lt;/x&gt;.
    /// Only what the formatters call is supported; anything else fails loudly rather than writing
    /// other bytes.
    /// </summary>
    private sealed class Fixer(XmlWriter output, Stream stream, HashSet<string> declared, string? language) : XmlWriter
    {
        private readonly HashSet<string> _used = [];
        private int _depth;
        private string _rootNamespace = "";
        // The root's start tag is open: the formatter may still add attributes before the fixes are appended.
        private bool _rootOpen;
        // The innermost open element has no content yet: an XDocument wrote it <x />, or <x></x> once it had any text, even empty.
        private bool _empty;
        // The formatter's attribute being written is dropped (a namespace declaration, guid's isPermaLink).
        private bool _dropAttribute;
        private bool _inAttribute;

        public override WriteState WriteState => output.WriteState;

        public override string? LookupPrefix(string ns) => output.LookupPrefix(ns);

        public override void WriteStartElement(string? prefix, string localName, string? ns)
        {
            CloseRoot();
            // No namespace means the default one in scope: the root's (extension elements always name theirs).
            ns ??= _rootNamespace;
            if (_depth == 0)
            {
                _rootNamespace = ns;
                _rootOpen = true;
                output.WriteStartElement("", localName, ns);
            }
            else output.WriteStartElement(ns.Length == 0 || ns == _rootNamespace ? "" : PrefixOf(ns), localName, ns);
            _depth++;
            _empty = true;
            // The id is not the permalink (see EntryId): say so, as readers would otherwise take it for one.
            if (ns.Length == 0 && localName == "guid") output.WriteAttributeString("", "isPermaLink", "", "false");
        }

        public override void WriteStartAttribute(string? prefix, string localName, string? ns)
        {
            _inAttribute = true;
            _dropAttribute = prefix == "xmlns" || ns == XmlnsNamespace || (string.IsNullOrEmpty(prefix) && localName == "xmlns")
                || (localName == "isPermaLink" && string.IsNullOrEmpty(ns));
            if (_dropAttribute) return;
            ns ??= "";
            output.WriteStartAttribute(ns.Length == 0 ? "" : ns == XmlNamespace ? "xml" : PrefixOf(ns), localName, ns);
        }

        public override void WriteEndAttribute()
        {
            if (!_dropAttribute) output.WriteEndAttribute();
            _inAttribute = _dropAttribute = false;
        }

        public override void WriteString(string? text)
        {
            if (_inAttribute)
            {
                if (!_dropAttribute) output.WriteString(text);
                return;
            }
            if (text is null) return;
            CloseRoot();
            if (text.Length >= PlainTextWrittenDirectly && PlainText.IsPlain(text))
            {
                // An entry's body or summary: escaped and encoded a run at a time, straight into the stream (the writer
                // goes character by character, a tenth of an archive's writing). The empty string ends the start tag
                // as the text would, and marks the element as having content; the writer's buffer goes out first.
                output.WriteString("");
                output.Flush();
                PlainText.WriteEscaped(text, stream);
            }
            else output.WriteString(text);
            _empty = false;
        }

        public override void WriteEndElement() => End(full: false);

        public override void WriteFullEndElement() => End(full: true);

        private void End(bool full)
        {
            CloseRoot();
            if (full || !_empty) output.WriteFullEndElement();
            else output.WriteEndElement();
            _depth--;
            _empty = false;
        }

        /// <summary>Throws unless every declared vocabulary was used (the root declares only what the feed uses).</summary>
        public void Check()
        {
            declared.Remove(_rootNamespace);
            if (_depth != 0 || !declared.SetEquals(_used))
                throw new InvalidOperationException($"the feed uses {string.Join(", ", _used)} but declares {string.Join(", ", declared)}");
        }

        /// <summary>The conventional prefix of a vocabulary the root declares.</summary>
        private string PrefixOf(string ns)
        {
            foreach (var (prefix, known) in Prefixes)
                if (known == ns)
                {
                    if (!declared.Contains(ns)) throw new InvalidOperationException($"the feed uses {ns} but does not declare it");
                    _used.Add(ns);
                    return prefix;
                }
            throw new NotSupportedException($"no prefix for the namespace {ns}");
        }

        /// <summary>Once the formatter is done with the root's attributes: xml:lang, the root's own namespace, then the vocabularies.</summary>
        private void CloseRoot()
        {
            if (!_rootOpen) return;
            _rootOpen = false;
            if (language is not null) output.WriteAttributeString("xml", "lang", XmlNamespace, language);
            if (_rootNamespace.Length > 0) output.WriteAttributeString("", "xmlns", XmlnsNamespace, _rootNamespace);
            foreach (var (prefix, ns) in Prefixes)
                if (declared.Contains(ns) && ns != _rootNamespace)
                    output.WriteAttributeString("xmlns", prefix, XmlnsNamespace, ns);
        }

        private static NotSupportedException Unsupported() =>
            new("feeds are written with elements, attributes and whole strings only (see XmlFeedWriter)");

        public override void Flush() { }
        public override void WriteStartDocument() => throw Unsupported();
        public override void WriteStartDocument(bool standalone) => throw Unsupported();
        public override void WriteEndDocument() => throw Unsupported();
        public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => throw Unsupported();
        // Extension elements with attributes (Media RSS) are read back from LINQ to XML, which passes text as characters.
        public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
        public override void WriteWhitespace(string? ws) => throw Unsupported();
        public override void WriteCData(string? text) => throw Unsupported();
        public override void WriteComment(string? text) => throw Unsupported();
        public override void WriteProcessingInstruction(string name, string? text) => throw Unsupported();
        public override void WriteEntityRef(string name) => throw Unsupported();
        public override void WriteCharEntity(char ch) => throw Unsupported();
        public override void WriteSurrogateCharEntity(char lowChar, char highChar) => throw Unsupported();
        public override void WriteRaw(char[] buffer, int index, int count) => throw Unsupported();
        public override void WriteRaw(string data) => throw Unsupported();
        public override void WriteBase64(byte[] buffer, int index, int count) => throw Unsupported();
    }
}
