using System.Buffers.Binary;

namespace StaticNews.Publish;

/// <summary>
/// A hash of everything one output file was made from (content hashes of the stories it shows,
/// page numbers, the languages that have a listing...), made with a <see cref="FingerprintBuilder"/>. Equal
/// fingerprints mean the file would come out the same, so the incremental build keeps the published file instead of
/// rendering it again. Build-wide inputs (tool version, theme, site.yml, options) are not part of it: they key the
/// whole <see cref="BuildCache"/>, which starts empty when any of them changes.
/// <para>
/// An XxHash128, held as two numbers: a build holds one per output file (hundreds of thousands), so it is a value,
/// not a string. Fingerprints tell a build what changed in its own inputs, not what to trust, so a fast
/// non-cryptographic hash of 128 bits does (the hashes users and state files see are SHA-256: <see cref="ContentHash"/>).
/// </para>
/// </summary>
public readonly record struct Fingerprint(ulong High, ulong Low)
{
    public const int Size = 16;

    public static Fingerprint Of(params string?[] parts) => new FingerprintBuilder().AddAll(parts).Value;

    /// <summary>The fingerprint of <paramref name="bytes"/> (a file whose inputs are not known otherwise).</summary>
    public static Fingerprint Of(ReadOnlySpan<byte> bytes) => Of(System.IO.Hashing.XxHash128.HashToUInt128(bytes));

    /// <summary>The fingerprint an XxHash128 of its parts came to (see <see cref="System.IO.Hashing.XxHash128"/>, to hash parts as they come).</summary>
    public static Fingerprint Of(UInt128 hash) => new((ulong)(hash >> 64), (ulong)hash);

    /// <summary>The fingerprint held in the first <see cref="Size"/> bytes of <paramref name="bytes"/>.</summary>
    public static Fingerprint Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Writes the fingerprint into the first <see cref="Size"/> bytes of <paramref name="bytes"/>, as the hash's bytes.</summary>
    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
    }

    /// <summary>A fingerprint as <see cref="Write(BinaryWriter)"/> stored it in a state file.</summary>
    public static Fingerprint Read(BinaryReader reader)
    {
        Span<byte> bytes = stackalloc byte[Size];
        reader.BaseStream.ReadExactly(bytes);
        return Read(bytes);
    }

    /// <summary>Stores the fingerprint in a state file, as the hash's bytes.</summary>
    public void Write(BinaryWriter writer)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Write(bytes);
        writer.Write(bytes);
    }

    /// <summary>Fingerprints as <see cref="WriteAll"/> stored them in a state file: <paramref name="what"/> names them in the error if their count is garbled.</summary>
    public static Fingerprint[] ReadAll(BinaryReader reader, string what)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > (reader.BaseStream.Length - reader.BaseStream.Position) / Size) throw new FormatException($"a garbled count of {what}");
        var all = new Fingerprint[count];
        for (var i = 0; i < count; i++) all[i] = Read(reader);
        return all;
    }

    /// <summary>Stores <paramref name="all"/> in a state file, their count first.</summary>
    public static void WriteAll(BinaryWriter writer, Fingerprint[] all)
    {
        writer.Write(all.Length);
        foreach (var fingerprint in all) fingerprint.Write(writer);
    }

    /// <summary>32 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        Write(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
