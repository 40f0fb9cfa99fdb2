using Microsoft.Win32.SafeHandles;

namespace StaticNews.Content;

/// <summary>
/// A text left where the article cache's file holds it (valid UTF-8, checked as the cache was read or as it was
/// written), read from the file when shown. The titles and summaries are most of the cache's bytes, and a build that
/// renders a few pages shows few of them: held in memory, every one would be copied in at every build and carried by
/// the collector to its end. Read through the handle the cache was loaded from or written to, which stays open until the
/// build ends, or while `serve` holds the cache for its next build (see <see cref="ArticleCache.Dispose"/>,
/// <see cref="HeldArticleCache"/>): the file saved under the same name later is another file, and an append only adds
/// after what was read.
/// </summary>
internal sealed class StoredText(SafeFileHandle file, long offset, int length)
{
    // A story page shows its summary several times over (its description, Open Graph, JSON-LD, the page itself), and a
    // feed entry twice: the last text read on each thread is kept, so that those make one read of the file.
    [ThreadStatic] private static StoredText? t_last;
    [ThreadStatic] private static string? t_lastValue;

    /// <summary>The text's bytes, as the cache holds them.</summary>
    public byte[] Bytes()
    {
        var bytes = new byte[length];
        Read(bytes);
        return bytes;
    }

    public override string ToString()
    {
        if (ReferenceEquals(t_last, this)) return t_lastValue!;
        // A summary is a few hundred bytes: read on the stack, made a string once.
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Read(bytes);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        (t_last, t_lastValue) = (this, text);
        return text;
    }

    private void Read(Span<byte> bytes)
    {
        var read = 0;
        while (read < length)
            read += RandomAccess.Read(file, bytes[read..], offset + read) is > 0 and var n ? n : throw new EndOfStreamException("the article cache is shorter than when it was read");
    }
}
