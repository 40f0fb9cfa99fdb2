namespace StaticNews.Content;

/// <summary>
/// What a translation is made from: the front matter values that are translated and the body. An original's
/// hash of them is what a translation records as <c>source_hash</c>, so a translation is stale exactly when
/// this text changed, whatever else in the file did (a tag, a date, an image file).
/// </summary>
public static class TranslatableText
{
    /// <summary>The front matter keys whose values are translated, in the order a translation file lists them.</summary>
    public static readonly IReadOnlyList<string> FrontMatterKeys = ["title", "summary", "image_alt", "image_caption"];

    /// <summary>
    /// The hash of <paramref name="values"/> (by front matter key, blank ones left out) and <paramref name="body"/>;
    /// surrounding whitespace does not count. 128 bits of SHA-256, as lowercase hex.
    /// </summary>
    public static string Hash(Func<string, string?> values, string body)
    {
        var parts = new Publish.FingerprintBuilder();
        foreach (var key in FrontMatterKeys)
            if (values(key) is { } value && !string.IsNullOrWhiteSpace(value)) parts.Add(key).Add(value.Trim());
        return parts.Add("body").Add(body.Trim()).Value.ToString();
    }
}
