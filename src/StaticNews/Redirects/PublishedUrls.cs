using System.Buffers;
using System.Text.Json;
using StaticNews.Publish;

namespace StaticNews.Redirects;

/// <summary>The story version an address belonged to: its story folder and language. A null story: a page of an unknown story (recovered from a sitemap).</summary>
// A value: the record holds one per address the site ever published (several per version).
public readonly record struct UrlOwner(string? Story, string Language);

/// <summary>
/// The record of every address StaticNews has published a story version at (its pages, and its aliases), and which
/// version it was: how a later build knows where an old address must lead. It only grows: an address once
/// published keeps answering, with the version's page, a redirect to where it is now, or 410 Gone. Kept in the state
/// folder beside the output (<c>urls.json</c>), never deployed.
/// </summary>
public sealed class PublishedUrls
{
    public const string FileName = "urls.json";
    private const string Format = "staticnews-urls 1";

    public PublishedUrls(IReadOnlyDictionary<string, UrlOwner> owners) => Owners = owners;

    public static PublishedUrls Empty { get; } = new(new Dictionary<string, UrlOwner>(StringComparer.Ordinal));

    /// <summary>Site-relative paths (as story URLs are kept: /en/2026/10/kopi-gayo/), each with its version.</summary>
    public IReadOnlyDictionary<string, UrlOwner> Owners { get; }

    /// <summary>The record in <paramref name="state"/>, or null if there is none. A record that cannot be read throws <see cref="FormatException"/>.</summary>
    public static PublishedUrls? Read(StateFolder state)
    {
        using var stream = state.OpenRead(FileName);
        if (stream is null) return null;
        // Read as it comes, not as a document: a large archive's record runs to tens of megabytes, and a document of it
        // would hold an entry for every token besides the text.
        var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Min(stream.Length, Array.MaxLength));
        try
        {
            return Parse(bytes.AsSpan(0, stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false)));
        }
        catch (JsonException e) { throw new FormatException(e.Message, e); }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
    }

    // { "format": "staticnews-urls 1", "urls": { "/path/": [story or null, language], ... } }, its members in any order.
    private static PublishedUrls Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var owners = new Dictionary<string, UrlOwner>(StringComparer.Ordinal);
        string? format = null;
        var hasUrls = false;
        // A story's versions and aliases name it again and again, and a site has a few languages: each text is held once.
        var recurring = new HashSet<string>(StringComparer.Ordinal);
        var recurringBySpan = recurring.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = new char[256];
        string Recurring(ref Utf8JsonReader reader)
        {
            var length = reader.CopyString(chars.Length >= reader.ValueSpan.Length ? chars : chars = new char[reader.ValueSpan.Length]);
            var text = chars.AsSpan(0, length);
            if (recurringBySpan.TryGetValue(text, out var held)) return held;
            held = text.ToString();
            recurring.Add(held);
            return held;
        }

        // [story or null, language], or null if the value is anything else.
        UrlOwner? Owner(ref Utf8JsonReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read()) return null;
            string? story = null;
            if (reader.TokenType == JsonTokenType.String) story = Recurring(ref reader);
            else if (reader.TokenType != JsonTokenType.Null) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
            var language = Recurring(ref reader);
            return reader.Read() && reader.TokenType == JsonTokenType.EndArray ? new UrlOwner(story, language) : null;
        }

        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("format"u8))
            {
                reader.Read();
                format = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("urls"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw new FormatException("its \"urls\" is not an object");
                hasUrls = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var url = reader.GetString()!;
                    if (!IsAddress(url)) throw new FormatException($"'{url.ReplaceLineEndings(" ")}' is not an address StaticNews publishes");
                    owners[url] = Owner(ref reader) ?? throw new FormatException($"the entry for {url} is not [story, language]");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        Expect(reader.TokenType == JsonTokenType.EndObject && format == Format && hasUrls);
        // Nothing after it (the reader throws at anything but white space).
        reader.Read();
        return new PublishedUrls(owners);

        static void Expect(bool found)
        {
            if (!found) throw new FormatException($"it is not a record StaticNews writes (\"format\": \"{Format}\")");
        }
    }

    /// <summary>
    /// A site path a page can have: from the root, no white space or control character, nothing a redirect rule or a
    /// URL reads as syntax. A record edited into something else is refused rather than turned into rules.
    /// </summary>
    private static bool IsAddress(string path)
    {
        if (!path.StartsWith('/')) return false;
        foreach (var c in path)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '?' or '#' or '*' or '!' or '"' or '<' or '>') return false;
        return Publish.OutputSink.IsSafeRelativePath(RedirectPage.FileFor(path));
    }

    /// <summary>Writes the record (addresses in ordinal order: the same record, the same bytes).</summary>
    public void Save(StateFolder state) => state.Save(FileName, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteStartObject("urls");
        var entries = Owners.ToArray();
        Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (url, owner) in entries)
        {
            json.WriteStartArray(url);
            if (owner.Story is null) json.WriteNullValue(); else json.WriteStringValue(owner.Story);
            json.WriteStringValue(owner.Language);
            json.WriteEndArray();
            // The writer holds what it wrote until flushed: a large archive's record would grow in memory, copied at each doubling.
            if (json.BytesPending >= 1 << 16) json.Flush();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
