namespace StaticNews.Import;

/// <summary>
/// The player page of a video or audio link (a YouTube watch page, a Vimeo video, a Spotify track), as an
/// iframe can show it. Only hosts listed under <c>embeds</c> in site.yml are embedded: the build removes iframes
/// from any other host, so an embed from one that is not listed stays a link.
/// </summary>
public static class Embeds
{
    /// <summary>The iframe address for <paramref name="url"/> on one of <paramref name="allowedHosts"/>, or null.</summary>
    public static string? Player(string url, IReadOnlyCollection<string> allowedHosts)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        foreach (var candidate in Candidates(uri, anyAddress: true))
            if (Uri.TryCreate(candidate, UriKind.Absolute, out var player) && allowedHosts.Contains(player.Host, StringComparer.OrdinalIgnoreCase))
                return candidate;
        return null;
    }

    /// <summary>The player address a known service (YouTube, Vimeo, Spotify, Dailymotion) gives a link, allowed or not; null for any other link.</summary>
    public static string? KnownPlayer(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Candidates(uri, anyAddress: false).FirstOrDefault() : null;

    /// <summary>The name of the service a link is on (for the report), or its host.</summary>
    public static string Service(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host : url;

    private static IEnumerable<string> Candidates(Uri uri, bool anyAddress)
    {
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        if (host.StartsWith("m.", StringComparison.Ordinal)) host = host[2..];
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (host)
        {
            case "youtube.com" or "youtube-nocookie.com" or "youtu.be":
                var id = host == "youtu.be" ? segments.FirstOrDefault()
                    : segments is ["watch", ..] ? Query(uri, "v")
                    : segments is ["embed" or "shorts" or "live" or "v", var value, ..] ? value
                    : null;
                if (id is not null && IsToken(id, 11))
                {
                    yield return $"https://www.youtube-nocookie.com/embed/{id}";
                    yield return $"https://www.youtube.com/embed/{id}";
                }
                yield break;
            case "vimeo.com" or "player.vimeo.com":
                var video = segments.LastOrDefault(s => s.All(char.IsAsciiDigit));
                if (video is not null) yield return $"https://player.vimeo.com/video/{video}";
                yield break;
            case "open.spotify.com":
                if (segments is [.. var _, "track" or "album" or "playlist" or "episode" or "show" or "artist", var item] && IsToken(item, 0))
                    yield return $"https://open.spotify.com/embed/{segments[^2]}/{item}";
                yield break;
            case "dailymotion.com" or "dai.ly":
                var clip = host == "dai.ly" ? segments.FirstOrDefault() : segments is [.. var _, "video", var v] ? v : null;
                if (clip is not null && IsToken(clip, 0)) yield return $"https://www.dailymotion.com/embed/video/{clip}";
                yield break;
        }
        // A player address already (an iframe's src, or a host the site allows as it is).
        if (anyAddress && uri.Scheme == "https") yield return uri.AbsoluteUri;
    }

    private static string? Query(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == name) return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    /// <summary>An id made of letters, digits, '-' and '_' (of exactly <paramref name="length"/> characters, unless 0).</summary>
    private static bool IsToken(string value, int length) =>
        value.Length > 0 && value.Length < 64 && (length == 0 || value.Length == length) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
