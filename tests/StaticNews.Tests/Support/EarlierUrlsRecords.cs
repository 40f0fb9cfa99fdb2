using System.Text.Json;
using StaticNews.Publish;
using StaticNews.Redirects;

namespace StaticNews.Tests.Support;

/// <summary>The record of published addresses as earlier versions wrote it (<c>urls.json</c>), in place of the one a build left.</summary>
public static class EarlierUrlsRecords
{
    /// <summary>The JSON text of <paramref name="owners"/> as earlier versions wrote it (indented, addresses in ordinal order).</summary>
    public static string Json(IReadOnlyDictionary<string, UrlOwner> owners)
    {
        using var bytes = new MemoryStream();
        using (var json = new Utf8JsonWriter(bytes, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "staticnews-urls 1");
            json.WriteStartObject("urls");
            foreach (var (url, owner) in owners.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(url);
                if (owner.Story is null) json.WriteNullValue(); else json.WriteStringValue(owner.Story);
                json.WriteStringValue(owner.Language);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Puts <paramref name="json"/> in the state folder of <paramref name="output"/> as an earlier version's record, the build's own removed.</summary>
    public static void Replace(string output, string json)
    {
        var state = StateFolder.For(output);
        File.Delete(state.File(PublishedUrls.FileName));
        File.WriteAllText(state.File(EarlierUrlsRecord.FileName), json);
    }

    /// <summary>The addresses of the record beside <paramref name="output"/>, as the build reads them.</summary>
    public static IReadOnlyDictionary<string, UrlOwner> Read(string output) => PublishedUrls.Read(StateFolder.For(output))!.Owners;
}
