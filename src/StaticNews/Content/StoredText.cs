using Microsoft.Win32.SafeHandles;

namespace StaticNews.Content;

/// <summary>
/// A text left where the article cache's file holds it (valid UTF-8, checked as the cache was read), read from the
/// file when shown. The summaries are most of the cache's bytes, and a build that renders a few pages shows few of
/// them: held in memory, every one would be copied in at every build and carried by the collector to its end.
/// Read through the handle the cache was loaded from, which stays open until the build ends (see
/// <see cref="ArticleCache.Dispose"/>): the file saved under the same name later is another file, and an append
/// only adds after what was read.
/// </summary>
internal sealed class StoredText(SafeFileHandle file, long offset, int length)
{
    /// <summary>The text's bytes, as the cache holds them.</summary>
    public byte[] Bytes()
    {
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
            read += RandomAccess.Read(file, bytes.AsSpan(read), offset + read) is > 0 and var n ? n : throw new EndOfStreamException("the article cache is shorter than when it was read");
        return bytes;
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes());
}
