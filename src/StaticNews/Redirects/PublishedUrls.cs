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
        try
        {
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new FormatException($"it is not a record StaticNews writes (\"format\": \"{Format}\")");
            var urls = root.GetProperty("urls");
            var owners = new Dictionary<string, UrlOwner>(urls.ValueKind == JsonValueKind.Object ? urls.GetPropertyCount() : 0, StringComparer.Ordinal);
            // A story's versions and aliases name it again and again, and a site has a few languages: each text is held once.
            var recurring = new Dictionary<string, string>(StringComparer.Ordinal);
            string Recurring(string text) => recurring.TryGetValue(text, out var held) ? held : recurring[text] = text;
            foreach (var url in urls.EnumerateObject())
            {
                var pair = url.Value;
                if (!IsAddress(url.Name))
                    throw new FormatException($"'{url.Name.ReplaceLineEndings(" ")}' is not an address StaticNews publishes");
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String
                    || pair[0].ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    throw new FormatException($"the entry for {url.Name} is not [story, language]");
                owners[url.Name] = new UrlOwner(pair[0].GetString() is { } story ? Recurring(story) : null, Recurring(pair[1].GetString()!));
            }
            return new PublishedUrls(owners);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException(e.Message, e);
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
        var urls = Owners.Keys.ToArray();
        Array.Sort(urls, StringComparer.Ordinal);
        foreach (var url in urls)
        {
            var owner = Owners[url];
            json.WriteStartArray(url);
            if (owner.Story is null) json.WriteNullValue(); else json.WriteStringValue(owner.Story);
            json.WriteStringValue(owner.Language);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
