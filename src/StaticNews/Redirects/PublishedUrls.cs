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

    private readonly Dictionary<string, UrlOwner> _owners;

    /// <param name="owners">The record's table, which it takes as its own (see <see cref="Own"/>).</param>
    public PublishedUrls(Dictionary<string, UrlOwner> owners) => _owners = owners;

    /// <summary>A record of nothing (a new one each time: a record is brought up to date in place).</summary>
    public static PublishedUrls Empty => new(new Dictionary<string, UrlOwner>(StringComparer.Ordinal));

    /// <summary>Site-relative paths (as story URLs are kept: /en/2026/10/kopi-gayo/), each with its version.</summary>
    public IReadOnlyDictionary<string, UrlOwner> Owners => _owners;

    /// <summary>
    /// Records <paramref name="path"/> as <paramref name="owner"/>'s; false if it already was. In place: a large archive's
    /// record has hundreds of thousands of addresses, and a build adds a few.
    /// </summary>
    public bool Own(string path, UrlOwner owner)
    {
        ref var recorded = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_owners, path, out var found);
        if (found && recorded == owner) return false;
        recorded = owner;
        return true;
    }

    /// <summary>The record, read by `serve` while it waits for the next change (see <see cref="StateReadAhead{T}"/>).</summary>
    internal static StateReadAhead<PublishedUrls> ReadAhead() => new((state, _) => Read(state), FileName);

    /// <summary>The record in <paramref name="state"/>, or null if there is none. A record that cannot be read throws <see cref="FormatException"/>.</summary>
    public static PublishedUrls? Read(StateFolder state) => Read(state, 1 << 16);

    /// <param name="bufferSize">How many bytes are read at a time (the buffer grows if one address's entry is longer).</param>
    internal static PublishedUrls? Read(StateFolder state, int bufferSize)
    {
        using var stream = state.OpenRead(FileName);
        if (stream is null) return null;
        try { return new Parser().Parse(stream, bufferSize); }
        catch (JsonException e) { throw new FormatException(e.Message, e); }
    }

    /// <summary>
    /// Reads { "format": "staticnews-urls 1", "urls": { "/path/": [story or null, language], ... } }, its members in any
    /// order, as it comes from the file: a large archive's record runs to tens of megabytes, and a buffer of its size would be
    /// a large object, each bringing a full collection nearer. One step at a time (the start, a member, an address's entry,
    /// an end); a step cut short by the end of what was read is taken again from its start once more is read.
    /// </summary>
    private sealed class Parser
    {
        private enum Place { Start, Members, Urls, End }

        private readonly Dictionary<string, UrlOwner> _owners = new(StringComparer.Ordinal);
        // A story's versions and aliases name it again and again, and a site has a few languages: each text is held once.
        private readonly HashSet<string> _recurring = new(StringComparer.Ordinal);
        private char[] _chars = new char[256];
        private Place _place;
        private string? _format;
        private bool _hasUrls;

        public PublishedUrls Parse(Stream stream, int bufferSize)
        {
            // Sized from the file: an entry as StaticNews writes it takes some 40 bytes besides its address and story, which
            // take more than 20 in any site. A table grown from nothing by doubling would leave its smaller copies behind,
            // the largest of them tens of megabytes in a large archive.
            _owners.EnsureCapacity((int)Math.Min(stream.Length / 64, Array.MaxLength / 2));
            var buffer = new byte[bufferSize];
            var length = 0;
            var final = false;
            var state = default(JsonReaderState);
            while (true)
            {
                if (!final)
                {
                    length += stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
                    final = length < buffer.Length;
                }
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (true)
                {
                    var before = reader;
                    if (!Step(ref reader))
                    {
                        reader = before;
                        break;
                    }
                }
                if (final)
                {
                    // Nothing after the record (the reader throws at anything but white space), and nothing of it missing.
                    Expect(_place == Place.End && _format == Format && _hasUrls);
                    return new PublishedUrls(_owners);
                }
                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                // A step longer than the buffer: room for it.
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        /// <summary>Takes the next step; false if what was read ends before it does (or the record does).</summary>
        private bool Step(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) return false;
            switch (_place)
            {
                case Place.Start:
                    Expect(reader.TokenType == JsonTokenType.StartObject);
                    _place = Place.Members;
                    return true;
                case Place.Members when reader.TokenType == JsonTokenType.EndObject:
                    _place = Place.End;
                    return true;
                case Place.Members:
                    Expect(reader.TokenType == JsonTokenType.PropertyName);
                    if (reader.ValueTextEquals("urls"u8))
                    {
                        if (!reader.Read()) return false;
                        if (reader.TokenType != JsonTokenType.StartObject) throw new FormatException("its \"urls\" is not an object");
                        _hasUrls = true;
                        _place = Place.Urls;
                        return true;
                    }
                    var isFormat = reader.ValueTextEquals("format"u8);
                    if (!reader.Read()) return false;
                    var format = isFormat && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (!reader.TrySkip()) return false;
                    if (isFormat) _format = format;
                    return true;
                case Place.Urls when reader.TokenType == JsonTokenType.EndObject:
                    _place = Place.Members;
                    return true;
                case Place.Urls:
                    var url = reader.GetString()!;
                    if (!IsAddress(url)) throw new FormatException($"'{url.ReplaceLineEndings(" ")}' is not an address StaticNews publishes");
                    if (Owner(ref reader) is not var (complete, owner)) throw new FormatException($"the entry for {url} is not [story, language]");
                    if (complete) _owners[url] = owner;
                    return complete;
                default:
                    // After the record: the final read finds nothing, or throws at what is there.
                    throw new FormatException("something after the record's end");
            }
        }

        /// <summary>[story or null, language]: (false, _) if what was read ends first; null if the value is anything else.</summary>
        private (bool Complete, UrlOwner Owner)? Owner(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) return (false, default);
            if (reader.TokenType != JsonTokenType.StartArray) return null;
            if (!reader.Read()) return (false, default);
            string? story = null;
            if (reader.TokenType == JsonTokenType.String) story = Recurring(ref reader);
            else if (reader.TokenType != JsonTokenType.Null) return null;
            if (!reader.Read()) return (false, default);
            if (reader.TokenType != JsonTokenType.String) return null;
            var language = Recurring(ref reader);
            if (!reader.Read()) return (false, default);
            return reader.TokenType == JsonTokenType.EndArray ? (true, new UrlOwner(story, language)) : null;
        }

        private string Recurring(ref Utf8JsonReader reader)
        {
            if (_chars.Length < reader.ValueSpan.Length) _chars = new char[reader.ValueSpan.Length];
            var text = _chars.AsSpan(0, reader.CopyString(_chars));
            if (_recurring.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var held)) return held;
            held = text.ToString();
            _recurring.Add(held);
            return held;
        }

        private static void Expect(bool found)
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
        // As the path of its redirect page (RedirectPage.FileFor), without making that string for every address of the
        // record: the page's path is the address's from its root, with "index.html" in place of a final empty segment or
        // (where the address names no .html file) added as a last one: a plain segment either way.
        var file = path.AsSpan().TrimStart('/');
        if (file.EndsWith('/')) file = file[..^1];
        return file.IsEmpty || Publish.OutputSink.IsSafeRelativePath(file);
    }

    /// <summary>
    /// Puts <paramref name="urls"/> (and their <paramref name="owners"/>) in ordinal order. A build's record is the one it
    /// read, in the file's order, with the few addresses the build added after it: those are sorted and merged in, rather
    /// than the hundreds of thousands of a large archive sorted again at the end of every build.
    /// </summary>
    private static void InOrder(string[] urls, UrlOwner[] owners)
    {
        var ordered = 1;
        while (ordered < urls.Length && string.CompareOrdinal(urls[ordered - 1], urls[ordered]) < 0) ordered++;
        if (ordered >= urls.Length) return;
        if (urls.Length - ordered > urls.Length / 8)
        {
            Array.Sort(urls, owners, StringComparer.Ordinal);
            return;
        }
        var addedUrls = urls[ordered..];
        var addedOwners = owners[ordered..];
        Array.Sort(addedUrls, addedOwners, StringComparer.Ordinal);
        // From the end: each place written is one whose entry was already moved or copied.
        int kept = ordered - 1, added = addedUrls.Length - 1;
        for (var to = urls.Length - 1; added >= 0; to--)
        {
            if (kept >= 0 && string.CompareOrdinal(urls[kept], addedUrls[added]) > 0)
            {
                (urls[to], owners[to]) = (urls[kept], owners[kept]);
                kept--;
            }
            else
            {
                (urls[to], owners[to]) = (addedUrls[added], addedOwners[added]);
                added--;
            }
        }
    }

    /// <summary>Writes the record (addresses in ordinal order: the same record, the same bytes).</summary>
    public void Save(StateFolder state) => state.Save(FileName, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteStartObject("urls");
        var urls = new string[_owners.Count];
        var owners = new UrlOwner[urls.Length];
        _owners.Keys.CopyTo(urls, 0);
        _owners.Values.CopyTo(owners, 0);
        InOrder(urls, owners);
        for (var i = 0; i < urls.Length; i++)
        {
            var (url, owner) = (urls[i], owners[i]);
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
