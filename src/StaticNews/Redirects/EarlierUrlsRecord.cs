using System.Text.Json;
using StaticNews.Publish;

namespace StaticNews.Redirects;

/// <summary>
/// The record of published addresses as earlier versions wrote it (<c>urls.json</c>), read while the state folder has no
/// <see cref="PublishedUrls.FileName"/>; the first record written after it replaces it.
/// </summary>
public static class EarlierUrlsRecord
{
    public const string FileName = "urls.json";
    private const string Format = "staticnews-urls 1";

    /// <summary>The record's addresses in <paramref name="state"/>, or null if there is none. One that cannot be read throws <see cref="FormatException"/>.</summary>
    /// <param name="bufferSize">How many bytes are read at a time (the buffer grows if one address's entry is longer).</param>
    public static Dictionary<string, UrlOwner>? Read(StateFolder state, int bufferSize)
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

        public Dictionary<string, UrlOwner> Parse(Stream stream, int bufferSize)
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
                    return _owners;
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
                    var url = PublishedUrls.Address(reader.GetString()!);
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
}
