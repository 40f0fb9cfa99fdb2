using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StaticNews.Publish;

/// <summary>
/// Gathers the parts a <see cref="Fingerprint"/> (or a build key) is the hash of. Parts are length-prefixed, so
/// ("ab","c") and ("a","bc") differ. Numbers, dates and fingerprints go in as bytes: formatting them into strings
/// just to hash them would be most of the work for a page's fingerprint.
/// </summary>
public sealed class FingerprintBuilder
{
    // The parts are gathered and hashed once, one-shot: an IncrementalHash per page would hold a native
    // hash context until the finalizer runs (tens of thousands of them in a large build).
    private readonly ArrayBufferWriter<byte> _parts = new(256);

    public FingerprintBuilder Add(string? part) => part is null ? Add("\0null".AsSpan()) : Add(part.AsSpan());

    public FingerprintBuilder Add(ReadOnlySpan<char> part)
    {
        var span = _parts.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(part.Length));
        var count = Encoding.UTF8.GetBytes(part, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, count);
        _parts.Advance(4 + count);
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

    /// <summary>The finished fingerprint.</summary>
    public Fingerprint Value => Fingerprint.Of(_parts.WrittenSpan);

    /// <summary>The whole SHA-256 of the parts as lowercase hex: for a hash that is written as text (the build key).</summary>
    public string Hex => ContentHash.Of(_parts.WrittenSpan);

    // A part of a fixed size: its length, then room for its bytes.
    private Span<byte> Part(int size)
    {
        var span = _parts.GetSpan(4 + size);
        BinaryPrimitives.WriteInt32LittleEndian(span, size);
        _parts.Advance(4 + size);
        return span.Slice(4, size);
    }
}
