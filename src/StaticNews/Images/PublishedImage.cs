namespace StaticNews.Images;

/// <summary>
/// One source image as published: stored once for every language under /images/&lt;hash&gt;/, whatever story or
/// version shows it. Knows its files, their sizes and where they are.
/// </summary>
public sealed class PublishedImage(SourceImage source, IReadOnlyList<ImageFormat> modern, IReadOnlyDictionary<string, long> lengths)
{
    public SourceImage Source { get; } = source;

    /// <summary>The formats offered before the fallback, best first (site.yml imageFormats: AVIF, then WebP).</summary>
    public IReadOnlyList<ImageFormat> Modern { get; } = [.. modern.Order()];

    /// <summary>The whole picture at every width, in the modern formats and the fallback format.</summary>
    public IReadOnlyList<ImageVariant> Sized { get; } = ImageRecipe.Sized(source, [.. modern.Order()]);

    /// <summary>Site-relative path of the folder that holds every file of this image.</summary>
    public string Folder => $"{ImagesPipeline.OutputFolder}{Source.Hash}/";

    public string PathOf(ImageVariant variant) => Folder + variant.FileName;

    /// <summary>The byte length of a published file of this image.</summary>
    public long LengthOf(ImageVariant variant) => lengths[variant.FileName];

    public IEnumerable<ImageVariant> In(ImageFormat format) => Sized.Where(v => v.Format == format);

    /// <summary>The widest file in <paramref name="format"/> that is at most <paramref name="width"/> wide (the narrowest if none is).</summary>
    public ImageVariant Fitting(ImageFormat format, int width) =>
        In(format).LastOrDefault(v => v.Width <= width) ?? In(format).First();

    /// <summary>The widest file: its size is the one pages declare (width and height give the browser the aspect ratio).</summary>
    public ImageVariant Largest => Sized[^1];

    public ImageVariant Crop(CropKind kind, ImageFocus focus) => ImageRecipe.Crop(Source, kind, focus);
}

/// <summary>A version's lead image with what that version says of it (front matter), in its own language.</summary>
public sealed record LeadImage(PublishedImage Image, string Alt, string? Caption, string? Credit, ImageFocus Focus);
