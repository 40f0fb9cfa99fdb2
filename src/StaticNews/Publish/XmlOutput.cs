using System.Collections.Concurrent;
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

    // Streams to write into, reused: a month's feed archive runs to megabytes (its size depends on the
    // script as much as on the length: one Chinese character is three bytes), and a new stream would
    // grow to it copying itself over and over. The pool holds at most one stream per writing thread.
    private static readonly ConcurrentBag<MemoryStream> Streams = [];

    /// <summary>A document written by <paramref name="body"/> between the declaration and the end.</summary>
    public static byte[] Write(Action<XmlWriter> body)
    {
        var stream = Streams.TryTake(out var reused) ? reused : new MemoryStream();
        try
        {
            stream.SetLength(0);
            using (var writer = XmlWriter.Create(stream, Settings))
            {
                writer.WriteStartDocument();
                body(writer);
                writer.WriteEndDocument();
            }
            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }
        finally
        {
            Streams.Add(stream);
        }
    }

    public static byte[] Write(XDocument document) => Write(w => document.Root!.WriteTo(w));
}
