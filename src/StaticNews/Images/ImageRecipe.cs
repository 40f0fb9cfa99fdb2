namespace StaticNews.Images;

/// <summary>The social and search crops of a lead image.</summary>
public enum CropKind
{
    /// <summary>Open Graph and Twitter cards: 1200×630.</summary>
    Social,
    /// <summary>Google's Article guidance: 16:9, 4:3 and 1:1, at least 1200 px wide.</summary>
    Wide,
    Standard,
    Square,
}

/// <summary>
/// What files a source image is published as: the whole picture at widths for <c>srcset</c> in AVIF, WebP and its
/// fallback format, never wider than the source; and for lead images the social and search crops, in JPEG (what
/// every social network and crawler reads), around the story's focal point.
/// </summary>
public static class ImageRecipe
{
    public static readonly IReadOnlyList<int> Widths = [480, 800, 1200, 1600];

    public static readonly IReadOnlyList<CropKind> CropKinds = [CropKind.Social, CropKind.Wide, CropKind.Standard, CropKind.Square];

    public static (int Width, int Height) CropSize(CropKind kind) => kind switch
    {
        CropKind.Social => (1200, 630),
        CropKind.Wide => (1200, 675),
        CropKind.Standard => (1200, 900),
        _ => (1200, 1200),
    };

    /// <summary>
    /// The widths of a source <paramref name="width"/> pixels wide: the standard widths below it, and the source's
    /// own width (up to the largest standard one) where it is more than a tenth wider than the last of those.
    /// </summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var widths = Widths.Where(w => w < width).ToList();
        var top = Math.Min(width, Widths[^1]);
        if (widths.Count == 0 || top > widths[^1] * 1.1) widths.Add(top);
        return widths;
    }

    /// <summary>The files of the whole picture, smallest first, in the <paramref name="modern"/> formats (AVIF, WebP) and the fallback format.</summary>
    public static IReadOnlyList<ImageVariant> Sized(SourceImage source, IReadOnlyList<ImageFormat> modern) =>
        [.. WidthsFor(source.Width).SelectMany(w => modern.Append(source.Fallback)
            .Select(f => new ImageVariant(f, w, HeightAt(source, w), null, null)))];

    /// <summary>The crop of <paramref name="kind"/> around <paramref name="focus"/>: as large as the source allows, up to its standard size.</summary>
    public static ImageVariant Crop(SourceImage source, CropKind kind, ImageFocus focus)
    {
        var (targetWidth, targetHeight) = CropSize(kind);
        var aspect = (double)targetWidth / targetHeight;
        int areaWidth, areaHeight;
        if ((double)source.Width / source.Height > aspect) (areaHeight, areaWidth) = (source.Height, Math.Max(1, Round(source.Height * aspect)));
        else (areaWidth, areaHeight) = (source.Width, Math.Max(1, Round(source.Width / aspect)));
        var left = Math.Clamp(Round(focus.X * source.Width - areaWidth / 2.0), 0, source.Width - areaWidth);
        var top = Math.Clamp(Round(focus.Y * source.Height - areaHeight / 2.0), 0, source.Height - areaHeight);
        var width = Math.Min(targetWidth, areaWidth);
        var height = width == targetWidth ? targetHeight : Math.Max(1, Round(width / aspect));
        return new ImageVariant(ImageFormat.Jpeg, width, height, new CropArea(left, top, areaWidth, areaHeight), focus);
    }

    private static int HeightAt(SourceImage source, int width) => Math.Max(1, Round((double)source.Height * width / source.Width));

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
