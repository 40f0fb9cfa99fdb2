using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticNews.Feeds;

/// <summary>One published feed file and a hash of its bytes.</summary>
public sealed record PublishedFeed(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>
/// The subscribable feeds (live and category feeds, the ones that advertise the hubs) as the last
/// build published them, and the hubs they advertise. `staticnews build` writes it after publishing;
/// `staticnews ping` compares it with what it last announced.
/// <para>
/// It lives in a state folder beside the output (<c>.output.state/</c> for <c>output/</c>), not inside
/// it: whatever is in the output folder is deployed to the CDN, and this is build bookkeeping.
/// </para>
/// </summary>
public sealed record FeedManifest(
    [property: JsonPropertyName("hubs")] IReadOnlyList<string> Hubs,
    [property: JsonPropertyName("feeds")] IReadOnlyList<PublishedFeed> Feeds)
{
    public const string BuildFile = "feeds.json";
    public const string PingedFile = "pinged.json";

    /// <summary>The state folder of an output folder: a sibling, named after it.</summary>
    public static string StateDirectoryFor(string outputDirectory) => Publish.Publisher.Beside(outputDirectory, "state");

    public static FeedManifest? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), FeedManifestJson.Default.FeedManifest) : null;

    /// <summary>Writes the file whole or not at all (a temporary file renamed over it).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, FeedManifestJson.Default.FeedManifest));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The manifest's JSON, generated at compile time: the native build (see the csproj) has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FeedManifest))]
internal sealed partial class FeedManifestJson : JsonSerializerContext;
