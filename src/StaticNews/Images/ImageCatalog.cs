using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Images;

/// <summary>Every published image, by story and file name, and every author's photo: what pages, feeds and bodies link to.</summary>
public sealed class ImageCatalog(SiteConfig site, IReadOnlyDictionary<string, IReadOnlyDictionary<string, PublishedImage>> byStory,
    IReadOnlyDictionary<string, PublishedImage> byAuthor)
{
    public static ImageCatalog Empty(SiteConfig site) =>
        new(site, new Dictionary<string, IReadOnlyDictionary<string, PublishedImage>>(), new Dictionary<string, PublishedImage>());

    public SiteConfig Site { get; } = site;

    /// <summary>The photo of the author whose key is <paramref name="authorKey"/>, if authors.yml gives one.</summary>
    public PublishedImage? PhotoOf(string authorKey) => byAuthor.GetValueOrDefault(authorKey);

    public IEnumerable<PublishedImage> AuthorPhotos => byAuthor.Values;

    /// <summary>The images of one story folder, by file name.</summary>
    public IReadOnlyDictionary<string, PublishedImage> Of(string storyKey) =>
        byStory.TryGetValue(storyKey, out var images) ? images : NoImages;

    /// <summary>What a body of the story needs to show its images as pictures; null when the folder has none.</summary>
    public StoryImages? ForStory(string storyKey) => byStory.TryGetValue(storyKey, out var images) ? new StoryImages(this, images) : null;

    private static readonly IReadOnlyDictionary<string, PublishedImage> NoImages = new Dictionary<string, PublishedImage>();

    /// <summary>The lead image of <paramref name="version"/> (its front matter's <c>image</c>, or the original's), if it has one.</summary>
    public LeadImage? LeadOf(StoryVersion version) =>
        version.Image is { } name && Of(version.Story.Key).TryGetValue(name, out var image)
            ? new LeadImage(image, version.ImageAlt ?? "", version.ImageCaption, version.ImageCredit, version.ImageFocus ?? ImageFocus.Centre)
            : null;

    /// <summary>Root-relative href of a file of <paramref name="image"/> (under the base URL's path).</summary>
    public string Href(PublishedImage image, ImageVariant variant) => Site.Href(image.PathOf(variant));

    public string AbsoluteUrl(PublishedImage image, ImageVariant variant) => Site.AbsoluteUrl(image.PathOf(variant));
}
