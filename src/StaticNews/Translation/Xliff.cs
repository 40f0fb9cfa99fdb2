using System.Text;
using System.Xml;
using System.Xml.Linq;
using StaticNews.Configuration;
using StaticNews.Engine;

namespace StaticNews.Translation;

/// <summary>A translation read from an XLIFF file, ready to be written as a version.</summary>
public sealed record XliffTranslation(string StoryKey, string SourceLanguage, string TargetLanguage, string SourceHash,
    OriginalText Original, IReadOnlyDictionary<string, IReadOnlyList<SegmentNode>> Translations);

/// <summary>
/// XLIFF 1.2 for human translators: one file per story version, one <c>trans-unit</c> per segment (title, summary,
/// alt text, caption, each paragraph, heading or cell of the body). 1.2 rather than 2.x because it is the version
/// CAT tools share: Trados, memoQ, Phrase, Crowdin, Smartcat and WPML's own XLIFF export and import use it, and
/// OmegaT and Weblate read 1.2 where their 2.x support is partial or absent. Markup around words is a <c>&lt;g&gt;</c>
/// (kept around their translation), code, URLs and raw HTML an <c>&lt;x/&gt;</c> (kept as it is). The original's
/// file goes along as the skeleton (<c>&lt;skl&gt;&lt;internal-file&gt;</c>), so a translation that comes back after
/// the original changed still fits the text it was made from, and is imported as stale.
/// </summary>
public static class Xliff
{
    public static readonly XNamespace Ns = "urn:oasis:names:tc:xliff:document:1.2";
    /// <summary>StaticNews's own attributes on <c>&lt;file&gt;</c> (XLIFF 1.2 allows attributes of other namespaces).</summary>
    public static readonly XNamespace Own = "urn:staticnews:xliff";

    /// <summary>Writes the XLIFF of one version to translate into <paramref name="output"/>.</summary>
    public static void Export(Stream output, string storyKey, string originalFile, OriginalText original,
        LanguageConfig source, LanguageConfig target, Glossary glossary)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineChars = "\n" };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteWhitespace("\n");
        xml.WriteStartElement("xliff", Ns.NamespaceName);
        xml.WriteAttributeString("version", "1.2");
        xml.WriteAttributeString("xmlns", "sn", null, Own.NamespaceName);
        Line(xml, 1);
        xml.WriteStartElement("file", Ns.NamespaceName);
        xml.WriteAttributeString("original", original.SourcePath);
        xml.WriteAttributeString("datatype", "x-markdown");
        xml.WriteAttributeString("source-language", source.Hreflang);
        xml.WriteAttributeString("target-language", target.Hreflang);
        xml.WriteAttributeString("story", Own.NamespaceName, storyKey);
        xml.WriteAttributeString("source-hash", Own.NamespaceName, original.Hash);
        xml.WriteAttributeString("target-code", Own.NamespaceName, target.Code);
        Line(xml, 2);
        xml.WriteStartElement("header", Ns.NamespaceName);
        Line(xml, 3);
        xml.WriteStartElement("skl", Ns.NamespaceName);
        xml.WriteStartElement("internal-file", Ns.NamespaceName);
        xml.WriteAttributeString("form", "text/markdown");
        xml.WriteString(originalFile);
        xml.WriteEndElement();
        xml.WriteEndElement();
        Line(xml, 3);
        xml.WriteStartElement("tool", Ns.NamespaceName);
        xml.WriteAttributeString("tool-id", "staticnews");
        xml.WriteAttributeString("tool-name", "StaticNews");
        xml.WriteEndElement();
        Line(xml, 3);
        xml.WriteElementString("note", Ns.NamespaceName,
            "Translate the text; keep every inline code: <g> marks words (keep it around their translation), <x/> stands for code, a URL or markup (keep it where it belongs in the sentence).");
        Line(xml, 2);
        xml.WriteEndElement();
        Line(xml, 2);
        xml.WriteStartElement("body", Ns.NamespaceName);
        foreach (var segment in original.Segments.Where(s => s.HasText))
        {
            Line(xml, 3);
            xml.WriteStartElement("trans-unit", Ns.NamespaceName);
            xml.WriteAttributeString("id", segment.Id);
            xml.WriteAttributeString("resname", segment.Id);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            Line(xml, 4);
            xml.WriteStartElement("source", Ns.NamespaceName);
            xml.WriteAttributeString("xml", "lang", null, source.Hreflang);
            Inline(xml, segment.Nodes);
            xml.WriteEndElement();
            if (GlossaryNote(glossary.Mark(segment, target.Code)) is { } note)
            {
                Line(xml, 4);
                xml.WriteStartElement("note", Ns.NamespaceName);
                xml.WriteAttributeString("from", "glossary");
                xml.WriteString(note);
                xml.WriteEndElement();
            }
            Line(xml, 3);
            xml.WriteEndElement();
        }
        Line(xml, 2);
        xml.WriteEndElement();
        Line(xml, 1);
        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
        xml.WriteEndDocument();
    }

    private static void Line(XmlWriter xml, int depth) => xml.WriteWhitespace("\n" + new string(' ', depth * 2));

    /// <summary>The glossary's terms in a segment, as a note for the translator (null when none).</summary>
    private static string? GlossaryNote(Segment marked)
    {
        var terms = marked.Coded().OfType<TermNode>().DistinctBy(t => t.Term.ToLowerInvariant()).ToList();
        if (terms.Count == 0) return null;
        return "Glossary: " + string.Join("; ", terms.Select(t => t.Fixed is null ? $"keep \"{t.Term}\" as it is" : $"\"{t.Term}\" is \"{t.Fixed}\""));
    }

    private static void Inline(XmlWriter xml, IEnumerable<SegmentNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    xml.WriteString(text.Text);
                    break;
                case MarkupNode markup:
                    xml.WriteStartElement("g", Ns.NamespaceName);
                    xml.WriteAttributeString("id", Id(markup.Id));
                    xml.WriteAttributeString("ctype", markup.Kind switch
                    {
                        MarkupKind.Emphasis => "italic",
                        MarkupKind.Strong => "bold",
                        MarkupKind.Link => "link",
                        var other => "x-" + other.ToString().ToLowerInvariant(),
                    });
                    Inline(xml, markup.Children);
                    xml.WriteEndElement();
                    break;
                case ProtectedNode protectedNode:
                    xml.WriteStartElement("x", Ns.NamespaceName);
                    xml.WriteAttributeString("id", Id(protectedNode.Id));
                    xml.WriteAttributeString("ctype", protectedNode.Kind switch
                    {
                        ProtectedKind.LineBreak => "lb",
                        var other => "x-" + other.ToString().ToLowerInvariant(),
                    });
                    if (protectedNode.Source.Length > 0) xml.WriteAttributeString("equiv-text", protectedNode.Source);
                    xml.WriteEndElement();
                    break;
                case TermNode term:
                    xml.WriteString(term.Term);
                    break;
            }
        }
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the translations in an XLIFF file this tool exported (after a CAT tool filled in the targets). Every
    /// problem — a unit without a target, an inline code lost or unknown — is an <see cref="InputException"/> naming
    /// the file and line; a file with any is not imported at all.
    /// </summary>
    public static IReadOnlyList<XliffTranslation> Import(string path, string displayName)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e) { throw new InputException($"not well-formed XML: {e.Message}", displayName, e.LineNumber); }
        var root = document.Root;
        if (root is null || root.Name != Ns + "xliff" || (string?)root.Attribute("version") != "1.2")
            throw new InputException("not an XLIFF 1.2 file (staticnews xliff export writes those)", displayName, 1);
        var result = new List<XliffTranslation>();
        foreach (var file in root.Elements(Ns + "file")) result.Add(ReadFile(file, displayName));
        if (result.Count == 0) throw new InputException("the XLIFF file holds no <file>", displayName, Line(root));
        return result;
    }

    private static XliffTranslation ReadFile(XElement file, string displayName)
    {
        string Required(XName name) => (string?)file.Attribute(name) is { Length: > 0 } value ? value
            : throw new InputException($"<file> has no {name.LocalName} attribute: was this file exported by staticnews xliff export?", displayName, Line(file));
        var story = Required(Own + "story");
        var hash = Required(Own + "source-hash");
        var target = Required(Own + "target-code");
        var sourcePath = Required("original");
        var skeleton = file.Element(Ns + "header")?.Element(Ns + "skl")?.Element(Ns + "internal-file")?.Value
            ?? throw new InputException("<file> has no skeleton (<header><skl><internal-file>): the original it was made from is needed to import it", displayName, Line(file));
        var original = OriginalText.FromText(skeleton, sourcePath);
        var segments = original.Segments.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var translations = new Dictionary<string, IReadOnlyList<SegmentNode>>(StringComparer.Ordinal);
        var problems = new List<(int Line, string Message)>();
        foreach (var unit in file.Descendants(Ns + "trans-unit"))
        {
            var id = (string?)unit.Attribute("id") ?? "";
            if (!segments.TryGetValue(id, out var segment))
            {
                problems.Add((Line(unit), $"trans-unit '{id}' is not a segment of {sourcePath}"));
                continue;
            }
            var targetElement = unit.Element(Ns + "target");
            if (targetElement is null || string.IsNullOrWhiteSpace(targetElement.Value) && !targetElement.HasElements)
            {
                problems.Add((Line(unit), $"trans-unit '{id}' has no translation (<target>)"));
                continue;
            }
            try { translations[id] = ReadTarget(targetElement, segment); }
            catch (TranslationAnswerException e) { problems.Add((Line(targetElement), $"trans-unit '{id}': {e.Message}")); }
        }
        foreach (var missing in segments.Values.Where(s => s.HasText && !translations.ContainsKey(s.Id) && problems.Count == 0))
            problems.Add((Line(file), $"the segment '{missing.Id}' of {sourcePath} has no trans-unit"));
        if (problems.Count > 0)
            throw new InputException(string.Join("; ", problems.Select(p => $"line {p.Line}: {p.Message}")), displayName, problems[0].Line);
        return new XliffTranslation(story, Path.GetFileNameWithoutExtension(original.SourcePath), target, hash, original, translations);
    }

    /// <summary>A target's inline content as nodes, codes matched to the source's by id; every code that carries something must be there once.</summary>
    private static IReadOnlyList<SegmentNode> ReadTarget(XElement target, Segment segment)
    {
        var seen = new HashSet<int>();
        var nodes = ReadNodes(target.Nodes(), segment.Coded().ToDictionary(n => n.Id), seen);
        segment.CheckCodes(seen, termsSent: false);
        return nodes;
    }

    private static List<SegmentNode> ReadNodes(IEnumerable<XNode> nodes, Dictionary<int, CodedNode> coded, HashSet<int> seen)
    {
        var result = new List<SegmentNode>();
        foreach (var node in nodes)
        {
            if (node is XText text)
            {
                result.Add(new TextNode(text.Value));
                continue;
            }
            if (node is not XElement element) continue;
            if (element.Name == Ns + "mrk")
            {
                // CAT tools mark sentences and terms with <mrk>: its text counts, the mark does not.
                result.AddRange(ReadNodes(element.Nodes(), coded, seen));
                continue;
            }
            if (element.Name != Ns + "g" && element.Name != Ns + "x")
                throw new TranslationAnswerException($"<{element.Name.LocalName}> is not an inline code this file had (only <g> and <x/>)");
            var id = int.TryParse((string?)element.Attribute("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
            if (!coded.TryGetValue(id, out var original) || (element.Name == Ns + "g") != original is MarkupNode)
                throw new TranslationAnswerException($"<{element.Name.LocalName} id=\"{(string?)element.Attribute("id")}\"> is not an inline code of the source");
            if (!seen.Add(id)) throw new TranslationAnswerException($"<{element.Name.LocalName} id=\"{id}\"> appears twice");
            result.Add(original is MarkupNode markup ? markup with { Children = ReadNodes(element.Nodes(), coded, seen) } : original);
        }
        return result;
    }

    private static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
}
