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

    /// <summary>Writes to <paramref name="stream"/> a document written by <paramref name="body"/> between the declaration and the end.</summary>
    public static void Write(Stream stream, Action<XmlWriter> body)
    {
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A small document as bytes (large ones are written straight into the output: see <see cref="OutputSink"/>).</summary>
    public static byte[] Write(XDocument document)
    {
        using var stream = new MemoryStream();
        Write(stream, w => document.Root!.WriteTo(w));
        return stream.ToArray();
    }
}
