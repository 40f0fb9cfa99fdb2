using System.Text.Json;
using System.Text.Json.Serialization;
using StaticNews.Publish;

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
/// It lives in the <see cref="StateFolder"/> beside the output (<c>.output.state/</c> for <c>output/</c>), not
/// inside it: whatever is in the output folder is deployed to the CDN, and this is build bookkeeping.
/// </para>
/// </summary>
public sealed record FeedManifest(
    [property: JsonPropertyName("hubs")] IReadOnlyList<string> Hubs,
    [property: JsonPropertyName("feeds")] IReadOnlyList<PublishedFeed> Feeds)
{
    public const string BuildFile = "feeds.json";
    public const string PingedFile = "pinged.json";

    public static FeedManifest? Load(StateFolder state, string name)
    {
        using var stream = state.OpenRead(name);
        return stream is null ? null : JsonSerializer.Deserialize(stream, FeedManifestJson.Default.FeedManifest);
    }

    /// <summary>Writes the file whole or not at all.</summary>
    public void Save(StateFolder state, string name) =>
        state.Save(name, stream => JsonSerializer.Serialize(stream, this, FeedManifestJson.Default.FeedManifest));
}

/// <summary>The manifest's JSON, generated at compile time: the native build (see the csproj) has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FeedManifest))]
internal sealed partial class FeedManifestJson : JsonSerializerContext;
