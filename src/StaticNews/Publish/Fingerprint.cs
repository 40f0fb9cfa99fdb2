using System.Security.Cryptography;
using System.Text;

namespace StaticNews.Publish;

/// <summary>
/// A hash of everything one output file was made from (content hashes of the stories it shows,
/// page numbers, the languages that have a listing...). Equal fingerprints mean the file would come
/// out the same, so the incremental build keeps the published file instead of rendering it again.
/// Build-wide inputs (tool version, theme, site.yml, options) are not part of it: they key the whole
/// <see cref="BuildCache"/>, which starts empty when any of them changes.
/// </summary>
public sealed class Fingerprint
{
    // The parts are gathered and hashed once, one-shot: an IncrementalHash per page would hold a native
    // hash context until the finalizer runs (tens of thousands of them in a large build).
    private readonly System.Buffers.ArrayBufferWriter<byte> _parts = new(256);

    /// <summary>Adds one part; parts are length-prefixed, so ("ab","c") and ("a","bc") differ.</summary>
    public Fingerprint Add(string? part)
    {
        part ??= "\0null";
        var span = _parts.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(part.Length));
        var count = Encoding.UTF8.GetBytes(part, span[4..]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span, count);
        _parts.Advance(4 + count);
        return this;
    }

    public Fingerprint Add(int value) => Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Fingerprint AddAll(IEnumerable<string?> parts)
    {
        var n = 0;
        foreach (var part in parts) { Add(part); n++; }
        return Add(n);
    }

    /// <summary>The finished fingerprint as lowercase hex. Call once.</summary>
    public string Value => Convert.ToHexStringLower(SHA256.HashData(_parts.WrittenSpan));

    public static string Of(params string?[] parts) => new Fingerprint().AddAll(parts).Value;

    /// <summary>The hash of a file's bytes (used for content, theme and configuration hashes).</summary>
    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
