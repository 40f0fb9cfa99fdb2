namespace StaticNews.Images;

/// <summary>
/// One source image as published: stored once for every language under /images/&lt;hash&gt;/, whatever story,
/// version or author shows it. Knows its files, their sizes and where they are.
/// </summary>
public sealed class PublishedImage
{
    private readonly IReadOnlyDictionary<string, long> _lengths;

    private PublishedImage(SourceImage source, IReadOnlyList<ImageFormat> modern, IReadOnlyList<ImageVariant> shown, IReadOnlyDictionary<string, long> lengths) =>
        (Source, Modern, Shown, _lengths) = (source, modern, shown, lengths);

    /// <summary>A story's image: the whole picture at every width.</summary>
    public static PublishedImage Story(SourceImage source, IReadOnlyList<ImageFormat> modern, IReadOnlyDictionary<string, long> lengths) =>
        new(source, [.. modern.Order()], ImageRecipe.Sized(source, [.. modern.Order()]), lengths);

    /// <summary>An author's photo: a square at a profile's sizes.</summary>
    public static PublishedImage Portrait(SourceImage source, IReadOnlyList<ImageFormat> modern, IReadOnlyDictionary<string, long> lengths) =>
        new(source, [.. modern.Order()], ImageRecipe.Portrait(source, [.. modern.Order()]), lengths);

    public SourceImage Source { get; }

    /// <summary>The formats offered before the fallback, best first (site.yml imageFormats: AVIF, then WebP).</summary>
    public IReadOnlyList<ImageFormat> Modern { get; }

    /// <summary>The files a page's picture offers, smallest first, in the modern formats and the fallback format.</summary>
    public IReadOnlyList<ImageVariant> Shown { get; }

    /// <summary>Site-relative path of the folder that holds every file of this image.</summary>
    public string Folder => $"{ImagesPipeline.OutputFolder}{Source.Hash}/";

    public string PathOf(ImageVariant variant) => Folder + variant.FileName;

    /// <summary>The byte length of a published file of this image.</summary>
    public long LengthOf(ImageVariant variant) => _lengths[variant.FileName];

    public IEnumerable<ImageVariant> In(ImageFormat format) => Shown.Where(v => v.Format == format);

    /// <summary>The widest file in <paramref name="format"/> that is at most <paramref name="width"/> wide (the narrowest if none is).</summary>
    public ImageVariant Fitting(ImageFormat format, int width) =>
        In(format).LastOrDefault(v => v.Width <= width) ?? In(format).First();

    /// <summary>The widest file: its size is the one pages declare (width and height give the browser the aspect ratio).</summary>
    public ImageVariant Largest => Shown[^1];

    public ImageVariant Crop(CropKind kind, ImageFocus focus) => ImageRecipe.Crop(Source, kind, focus);
}

/// <summary>A version's lead image with what that version says of it (front matter), in its own language.</summary>
public sealed record LeadImage(PublishedImage Image, string Alt, string? Caption, string? Credit, ImageFocus Focus);
