namespace StaticNews.Tests.Support;

/// <summary>Writers that render into a stream (feeds, sitemaps), as bytes for a test to read.</summary>
public static class Rendered
{
    public static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
