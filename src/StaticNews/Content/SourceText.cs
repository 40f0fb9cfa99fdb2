using System.Text;
using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>
/// Reads one article file as text, refusing what no editor meant to write: files over
/// <see cref="MaxBytes"/>, bytes that are not UTF-8 (reported at the line of the first bad byte).
/// Control characters that XML and HTML cannot carry are removed, with a warning at the first one.
/// </summary>
public static class SourceText
{
    /// <summary>A long story is ~100 KB of Markdown; 10 MB is a wrong file (an export, a binary), not an article.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path, string file, DiagnosticBag diagnostics) => Decode(ReadBytes(path, file), file, diagnostics);

    /// <summary>The file's bytes, refused (before reading) when it is larger than an article can be.</summary>
    public static byte[] ReadBytes(string path, string file)
    {
        // One open and its fstat: the size is checked on the handle that is read (a FileInfo was a second lookup of the path).
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > MaxBytes)
            throw new InputException(
                $"the file is {length / (1024 * 1024.0):0.0} MB; an article may be at most {MaxBytes / (1024 * 1024)} MB (is this the right file? move large media next to it and link it)", file);
        var bytes = new byte[length];
        var read = 0;
        for (int n; read < bytes.Length && (n = RandomAccess.Read(handle, bytes.AsSpan(read), read)) > 0;) read += n;
        return read == bytes.Length ? bytes : bytes[..read]; // shorter if it shrank since the fstat
    }

    /// <summary>Strict UTF-8 decoding, with the line of the first bad byte; control characters removed with a warning.</summary>
    public static string Decode(byte[] bytes, string file, DiagnosticBag diagnostics)
    {
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index : FirstInvalidByte(bytes);
            throw new InputException(
                $"the file is not valid UTF-8 (byte 0x{bytes[at]:X2} at offset {at}): save it as UTF-8 in your editor", file, LineAt(bytes, at));
        }
        var invalid = TextTools.IndexOfInvalid(text);
        if (invalid < 0) return text;
        diagnostics.Warning($"control character U+{(int)text[invalid]:X4} removed (and any others after it): HTML and XML cannot carry them", file, LineAt(text, invalid));
        return TextTools.StripInvalid(text);
    }

    private static int LineAt(byte[] bytes, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < bytes.Length; i++)
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n'))) line++;
        return line;
    }

    private static int FirstInvalidByte(byte[] bytes)
    {
        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            try { decoder.GetChars(bytes, i, 1, chars, 0, flush: false); }
            catch (DecoderFallbackException) { return i; }
        }
        return bytes.Length - 1;
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
        return line;
    }
}
