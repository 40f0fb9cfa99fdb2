namespace StaticNews.Images;

/// <summary>The published images of one story folder, for its bodies: a Markdown image that names one of them becomes its picture.</summary>
public sealed record StoryImages(ImageCatalog Catalog, IReadOnlyDictionary<string, PublishedImage> Files)
{
    /// <summary>The image a body's link leads to: a file name of the story folder (<c>terumbu.png</c>, <c>./terumbu.png</c>, escapes decoded); null for anything else.</summary>
    public PublishedImage? Find(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var name = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
        if (name.AsSpan().IndexOfAny("/?#:\\") >= 0) return null;
        try { name = Uri.UnescapeDataString(name); }
        catch (UriFormatException) { return null; }
        return Files.GetValueOrDefault(name);
    }
}
