using StaticNews.Stories;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using StaticNews.Configuration;

namespace StaticNews.Feeds;

/// <summary>
/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of a <see cref="FeedChannel"/>, written field by
/// field so the bytes are stable. Text is written unescaped where JSON allows (the file is UTF-8 and
/// never embedded in HTML), so Chinese or Arabic stays readable.
/// </summary>
public sealed class JsonFeedBuilder(SiteConfig site)
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Build(FeedChannel channel, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", channel.Title);
            json.WriteString("home_page_url", channel.HomeUrl);
            json.WriteString("feed_url", FeedFormats.Url(site, channel.Folder, FeedFormat.Json));
            json.WriteString("description", channel.Description);
            json.WriteString("language", channel.Language.Hreflang);
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", channel.Publisher);
            json.WriteEndObject();
            json.WriteEndArray();
            if (channel.Hubs.Count > 0)
            {
                json.WriteStartArray("hubs");
                foreach (var hub in channel.Hubs)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "WebSub");
                    json.WriteString("url", hub.AbsoluteUri);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("items");
            foreach (var entry in channel.Entries)
            {
                Item(json, entry, channel);
                // Into the stream item by item: the writer holds what it has not flushed in a buffer of its own, which
                // for a whole feed of full stories grows to megabytes (large-object allocations, full collections).
                json.Flush();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void Item(Utf8JsonWriter json, FeedEntry entry, FeedChannel channel)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("url", entry.Url);
        json.WriteString("title", entry.Title);
        json.WriteString("content_html", entry.ContentHtml);
        json.WriteString("summary", entry.Summary);
        if (entry.Image is { } image) json.WriteString("image", image.Large.Url);
        json.WriteString("date_published", Rfc3339(entry.Published));
        json.WriteString("date_modified", Rfc3339(entry.Updated));
        if (entry.Authors.Count > 0)
        {
            json.WriteStartArray("authors");
            foreach (var author in entry.Authors)
            {
                json.WriteStartObject();
                json.WriteString("name", author.Name);
                if (author.Url is { } url) json.WriteString("url", url);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        var tags = (entry.Category is { } c ? [c] : Array.Empty<FeedTerm>()).Concat(entry.Tags).Select(t => t.Label).Distinct().ToList();
        if (tags.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (var tag in tags) json.WriteStringValue(tag);
            json.WriteEndArray();
        }
        json.WriteString("language", channel.Language.Hreflang);
        json.WriteEndObject();
    }

    /// <summary>The moment with the offset it was written with (the content's own), e.g. 2026-10-14T15:20:00+07:00.</summary>
    public static string Rfc3339(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
