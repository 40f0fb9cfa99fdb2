using NetVips;
using StaticNews.Engine;

namespace StaticNews.Images;

/// <summary>
/// Makes the variants of one source image with libvips: decoded once (shrunk while loading where the format
/// allows), oriented, converted to sRGB and held in memory; each variant is then resized and cropped from that
/// picture and encoded without metadata (no EXIF, GPS or camera data, no profile: untagged images are sRGB to a
/// browser). Variants may be encoded on several threads at once: they only read the decoded picture.
/// </summary>
public sealed class ImageEncoder : IDisposable
{
    // Qualities for news photos: the settings image CDNs default to, where artefacts are hard to see at a
    // glance and files stay small.
    public const int JpegQuality = 80, WebPQuality = 80, AvifQuality = 55;

    private readonly Image _work;
    private readonly double _factor;
    private readonly string _relative;

    private ImageEncoder(Image work, double factor, string relative) => (_work, _factor, _relative) = (work, factor, relative);

    /// <summary>
    /// Decodes <paramref name="bytes"/> (named <paramref name="relative"/> in errors) at the smallest size every one
    /// of <paramref name="variants"/> can still be made from without enlarging.
    /// </summary>
    public static ImageEncoder Decode(byte[] bytes, SourceImage source, IReadOnlyList<ImageVariant> variants, string relative)
    {
        ImageLibrary.EnsureLoaded();
        try
        {
            var scale = Math.Min(1, variants.Max(v => (double)v.Width / (v.Crop?.Width ?? source.Width)));
            var workWidth = Math.Min(source.Width, (int)Math.Ceiling(source.Width * scale) + 1);
            var workHeight = Math.Max(1, (int)Math.Round((double)source.Height * workWidth / source.Width, MidpointRounding.AwayFromZero));
            // A colour profile (Display P3 from a phone, Adobe RGB from a camera) is converted to sRGB: what untagged images mean to a browser.
            bool tagged;
            using (var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential)) tagged = header.Contains("icc-profile-data");
            // fail_on goes to the loader as an option: thumbnail's own failOn does not stop a truncated JPEG (libvips 8.18).
            using var loaded = Image.ThumbnailBuffer(bytes, workWidth, optionString: "fail_on=error", height: workHeight, size: Enums.Size.Force,
                outputProfile: tagged ? "srgb" : null);
            using var srgb = ToSrgb(loaded);
            var work = srgb.CopyMemory();
            return new ImageEncoder(work, (double)work.Width / source.Width, relative);
        }
        catch (VipsException e)
        {
            throw Undecodable(e, relative);
        }
        finally
        {
            // What decoding used (the loader's buffers) goes back to the system before the encoders need theirs.
            ImageLibrary.ReturnFreedMemory();
        }
    }

    /// <summary>The encoded bytes of <paramref name="variant"/>.</summary>
    public byte[] Encode(ImageVariant variant)
    {
        try
        {
            using var area = variant.Crop is { } crop ? Extract(_work, crop, _factor) : _work.Copy();
            using var sized = Resize(area, variant.Width, variant.Height);
            return Save(sized, variant.Format);
        }
        catch (VipsException e)
        {
            throw Undecodable(e, _relative);
        }
        finally
        {
            ImageLibrary.ReturnFreedMemory();
        }
    }

    public void Dispose()
    {
        _work.Dispose();
        ImageLibrary.ReturnFreedMemory();
    }

    private static InputException Undecodable(VipsException e, string relative) =>
        new($"the image cannot be decoded (damaged or truncated?): {ImageLibrary.Reason(e)}", relative);

    /// <summary>8-bit sRGB, with alpha if it has one: CMYK, greyscale and 16-bit sources are converted.</summary>
    private static Image ToSrgb(Image image) =>
        image.Interpretation == Enums.Interpretation.Srgb && image.Format == Enums.BandFormat.Uchar
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb).Cast(Enums.BandFormat.Uchar);

    private static Image Extract(Image work, CropArea crop, double factor)
    {
        var left = (int)Math.Round(crop.Left * factor);
        var top = (int)Math.Round(crop.Top * factor);
        var width = Math.Clamp((int)Math.Round(crop.Width * factor), 1, work.Width - left);
        var height = Math.Clamp((int)Math.Round(crop.Height * factor), 1, work.Height - top);
        return work.ExtractArea(left, top, width, height);
    }

    /// <summary>Exactly <paramref name="width"/>×<paramref name="height"/> (the size the pages declare), Lanczos; alpha premultiplied so edges keep no halo.</summary>
    private static Image Resize(Image image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image.Copy();
        var scaleX = (double)width / image.Width;
        var scaleY = (double)height / image.Height;
        if (!image.HasAlpha()) return image.Resize(scaleX, vscale: scaleY, kernel: Enums.Kernel.Lanczos3);
        using var premultiplied = image.Premultiply();
        using var resized = premultiplied.Resize(scaleX, vscale: scaleY, kernel: Enums.Kernel.Lanczos3);
        using var straight = resized.Unpremultiply();
        return straight.Cast(Enums.BandFormat.Uchar);
    }

    private static byte[] Save(Image image, ImageFormat format)
    {
        switch (format)
        {
            case ImageFormat.Avif:
                return image.HeifsaveBuffer(q: AvifQuality, compression: Enums.ForeignHeifCompression.Av1, effort: 2, bitdepth: 8, keep: Enums.ForeignKeep.None);
            case ImageFormat.WebP:
                return image.WebpsaveBuffer(q: WebPQuality, effort: 4, keep: Enums.ForeignKeep.None);
            case ImageFormat.Png:
                return image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None);
            default:
                // JPEG has no transparency: what is transparent becomes white, as on the page.
                using (var opaque = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy())
                    return opaque.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
        }
    }
}
