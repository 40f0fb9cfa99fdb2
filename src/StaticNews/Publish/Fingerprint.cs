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
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds one part; parts are length-prefixed, so ("ab","c") and ("a","bc") differ.</summary>
    public Fingerprint Add(string? part)
    {
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(part ?? "\0null");
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        _hash.AppendData(length);
        _hash.AppendData(bytes);
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
    public string Value => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public static string Of(params string?[] parts) => new Fingerprint().AddAll(parts).Value;

    /// <summary>The hash of a file's bytes (used for content, theme and configuration hashes).</summary>
    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
