namespace StaticNews.Import.Wordpress;

/// <summary>
/// A read-only stream that turns the bytes of C0 control characters XML 1.0 forbids (all but tab, line feed and
/// carriage return) into DEL. Exports carry them, pasted from word processors into posts, and the XML parser refuses
/// them even inside CDATA, which would fail a whole archive over one invisible character. DEL is allowed in XML, and
/// the reader removes it from the text it reads with a note on the item (see <see cref="WxrReader"/>). In UTF-8 these
/// bytes are never part of another character, so the replacement is safe.
/// </summary>
public sealed class ControlByteFilter(Stream inner) : Stream
{
    private const byte Delete = 0x7F;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        for (var i = 0; i < read; i++)
            if (buffer[i] < 0x20 && buffer[i] is not (0x09 or 0x0A or 0x0D)) buffer[i] = Delete;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
