using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace StaticNews.Publish;

/// <summary>
/// How every XML file of the site is written (feeds, OPML, sitemaps): UTF-8 without a byte order
/// mark, with an XML declaration that says utf-8, two-space indents and \n line ends — the same bytes
/// on every machine.
/// </summary>
public static class XmlOutput
{
    public static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>A document written by <paramref name="body"/> between the declaration and the end.</summary>
    public static byte[] Write(Action<XmlWriter> body, int sizeHint = 0)
    {
        // Sized up front when the caller knows: a month's feed archive runs to megabytes, and growing a stream copies it over and over.
        using var stream = new MemoryStream(Math.Max(4096, sizeHint));
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static byte[] Write(XDocument document, int sizeHint = 0) => Write(w => document.Root!.WriteTo(w), sizeHint);
}
