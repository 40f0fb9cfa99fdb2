using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Runtime.InteropServices;

namespace StaticNews.Publish;

/// <summary>
/// Gathers the parts a <see cref="Fingerprint"/> (or a build key) is the hash of. Parts are length-prefixed, so
/// ("ab","c") and ("a","bc") differ. Numbers, dates and fingerprints go in as bytes: formatting them into strings
/// just to hash them would be most of the work for a page's fingerprint.
/// </summary>
public sealed class FingerprintBuilder
{
    // The parts are gathered and hashed once, one-shot: an IncrementalHash per page would hold a native
    // hash context until the finalizer runs (tens of thousands of them in a large build). They are gathered in a
    // pooled buffer, given back when the value is taken: a large build makes millions of fingerprints, and a new
    // buffer for each (grown by copying) was most of what it allocated while keeping unchanged files.
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(256);
    private int _length;

    public FingerprintBuilder Add(string? part) => part is null ? Add("\0null".AsSpan()) : Add(part.AsSpan());

    /// <summary>
    /// Text goes in as its UTF-16 code units, copied, not transcoded to UTF-8: a large build adds tens of millions of
    /// parts, and the same text always gives the same bytes on one machine (a state folder moved to a machine of the
    /// other byte order is rebuilt once, its build key being another).
    /// </summary>
    public FingerprintBuilder Add(ReadOnlySpan<char> part)
    {
        var bytes = MemoryMarshal.AsBytes(part);
        bytes.CopyTo(Part(bytes.Length));
        return this;
    }

    public FingerprintBuilder Add(long value)
    {
        var span = Part(sizeof(long));
        BinaryPrimitives.WriteInt64LittleEndian(span, value);
        return this;
    }

    /// <summary>An instant with the offset it is written with.</summary>
    public FingerprintBuilder Add(DateTimeOffset value)
    {
        var span = Part(2 * sizeof(long));
        BinaryPrimitives.WriteInt64LittleEndian(span, value.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[sizeof(long)..], value.Offset.Ticks);
        return this;
    }

    public FingerprintBuilder Add(Fingerprint value)
    {
        value.Write(Part(Fingerprint.Size));
        return this;
    }

    public FingerprintBuilder AddAll(IEnumerable<string?> parts)
    {
        var n = 0;
        foreach (var part in parts) { Add(part); n++; }
        return Add(n);
    }

    public FingerprintBuilder AddAll(IEnumerable<Fingerprint> parts)
    {
        var n = 0;
        foreach (var part in parts) { Add(part); n++; }
        return Add(n);
    }

    /// <summary>The finished fingerprint. Taken once: the builder is done with then.</summary>
    public Fingerprint Value
    {
        get
        {
            var value = Fingerprint.Of(Written);
            Release();
            return value;
        }
    }

    /// <summary>The whole SHA-256 of the parts as lowercase hex: for a hash that is written as text (the build key). Taken once, as <see cref="Value"/>.</summary>
    public string Hex
    {
        get
        {
            var hex = ContentHash.Of(Written);
            Release();
            return hex;
        }
    }

    private ReadOnlySpan<byte> Written => (_buffer ?? throw Done()).AsSpan(0, _length);

    private void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = null;
    }

    private static InvalidOperationException Done() => new("a fingerprint builder gives its value once");

    // A part of a fixed size: its length, then room for its bytes.
    private Span<byte> Part(int size)
    {
        var span = Room(4 + size);
        BinaryPrimitives.WriteInt32LittleEndian(span, size);
        _length += 4 + size;
        return span.Slice(4, size);
    }

    // At least `size` bytes after what is written, the buffer doubled (into a pooled one) when it is short.
    private Span<byte> Room(int size)
    {
        var buffer = _buffer ?? throw Done();
        if (buffer.Length - _length < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _length + size));
            buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = larger;
        }
        return buffer.AsSpan(_length, size);
    }
}
