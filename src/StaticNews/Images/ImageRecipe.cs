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
/// fallback format, never wider than the source; for lead images the social and search crops, in JPEG (what
/// every social network and crawler reads), around the story's focal point; for authors' photos a square at a
/// profile's sizes.
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

    /// <summary>The sides of an author's photo: a byline's or profile's size, twice and three times that for dense screens.</summary>
    public static readonly IReadOnlyList<int> PortraitWidths = [160, 320, 480];

    /// <summary>
    /// The widths of a source <paramref name="width"/> pixels wide: the <paramref name="standard"/> widths below it,
    /// and the source's own width (up to the largest standard one) where it is more than a tenth wider than the last of those.
    /// </summary>
    public static IReadOnlyList<int> WidthsFor(int width, IReadOnlyList<int>? standard = null)
    {
        standard ??= Widths;
        var widths = standard.Where(w => w < width).ToList();
        var top = Math.Min(width, standard[^1]);
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
        var area = Area(source, aspect, focus);
        var width = Math.Min(targetWidth, area.Width);
        var height = width == targetWidth ? targetHeight : Math.Max(1, Round(width / aspect));
        return new ImageVariant(ImageFormat.Jpeg, width, height, area, focus);
    }

    /// <summary>
    /// The files of an author's photo, smallest first, in the <paramref name="modern"/> formats and the fallback format:
    /// the largest square around its centre (a profile shows a round or square photo), never enlarged.
    /// </summary>
    public static IReadOnlyList<ImageVariant> Portrait(SourceImage source, IReadOnlyList<ImageFormat> modern)
    {
        var area = Area(source, 1, ImageFocus.Centre);
        return [.. WidthsFor(area.Width, PortraitWidths).SelectMany(w => modern.Append(source.Fallback)
            .Select(f => new ImageVariant(f, w, w, area, ImageFocus.Centre)))];
    }

    /// <summary>The largest area of the source with this <paramref name="aspect"/> (width / height), as near centred on <paramref name="focus"/> as its edges allow.</summary>
    private static CropArea Area(SourceImage source, double aspect, ImageFocus focus)
    {
        int areaWidth, areaHeight;
        if ((double)source.Width / source.Height > aspect) (areaHeight, areaWidth) = (source.Height, Math.Max(1, Round(source.Height * aspect)));
        else (areaWidth, areaHeight) = (source.Width, Math.Max(1, Round(source.Width / aspect)));
        var left = Math.Clamp(Round(focus.X * source.Width - areaWidth / 2.0), 0, source.Width - areaWidth);
        var top = Math.Clamp(Round(focus.Y * source.Height - areaHeight / 2.0), 0, source.Height - areaHeight);
        return new CropArea(left, top, areaWidth, areaHeight);
    }

    private static int HeightAt(SourceImage source, int width) => Math.Max(1, Round((double)source.Height * width / source.Width));

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
