namespace StaticNews.Images;

/// <summary>An encoding a published image is offered in.</summary>
public enum ImageFormat { Avif, WebP, Jpeg, Png }

public static class ImageFormats
{
    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Avif => "avif",
        ImageFormat.WebP => "webp",
        ImageFormat.Jpeg => "jpg",
        _ => "png",
    };

    public static string MediaType(ImageFormat format) => format switch
    {
        ImageFormat.Avif => "image/avif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Jpeg => "image/jpeg",
        _ => "image/png",
    };
}

/// <summary>
/// A rectangle of the source (after its orientation is applied), in source pixels: what a crop keeps.
/// </summary>
public readonly record struct CropArea(int Left, int Top, int Width, int Height);

/// <summary>
/// One file made from a source image: the whole picture at a width, or a crop of it, in one format. Its name
/// says everything it is made with, so within the source's folder (named by the source's hash) a name never
/// stands for two different files.
/// </summary>
public sealed record ImageVariant(ImageFormat Format, int Width, int Height, CropArea? Crop, ImageFocus? Focus)
{
    /// <summary>480.avif for a width; 1200x630-50-30.jpg for a crop around a focus.</summary>
    public string FileName => Crop is null
        ? $"{Width}.{ImageFormats.Extension(Format)}"
        : $"{Width}x{Height}-{Focus!.Value.Name}.{ImageFormats.Extension(Format)}";
}
