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

    /// <summary>
    /// Reads <paramref name="name"/>: null with no problem when it is not there; null with <paramref name="problem"/>
    /// saying why when it is there but unusable (cut short by a full disk, edited by hand, nulls where values belong).
    /// A state file is the tool's own bookkeeping, so a bad one is rewritten by the next run, never fatal.
    /// </summary>
    public static FeedManifest? Load(StateFolder state, string name, out string? problem)
    {
        problem = null;
        try
        {
            using var stream = state.OpenRead(name);
            if (stream is null) return null;
            var manifest = JsonSerializer.Deserialize(stream, FeedManifestJson.Default.FeedManifest);
            if (manifest is { Hubs: not null, Feeds: not null } && manifest.Hubs.All(h => h is not null)
                && manifest.Feeds.All(f => f is { Url: not null, Sha256: not null }))
                return manifest;
            problem = $"{state.File(name)} does not hold a feed record";
        }
        catch (JsonException e) { problem = $"{state.File(name)} is not a readable feed record ({e.Message})"; }
        catch (IOException e) { problem = $"{state.File(name)} could not be read ({e.Message})"; }
        return null;
    }

    /// <summary>Writes the file whole or not at all.</summary>
    public void Save(StateFolder state, string name) =>
        state.Save(name, stream => JsonSerializer.Serialize(stream, this, FeedManifestJson.Default.FeedManifest));
}

/// <summary>The manifest's JSON, generated at compile time: the native build (see the csproj) has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FeedManifest))]
internal sealed partial class FeedManifestJson : JsonSerializerContext;
