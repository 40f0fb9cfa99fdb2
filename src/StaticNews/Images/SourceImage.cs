using System.Security.Cryptography;
using NetVips;
using StaticNews.Engine;

namespace StaticNews.Images;

/// <summary>
/// A story image as read from the input: its content hash (its folder's name under /images/), its size once its
/// orientation is applied, and the format its fallback files are written in. Only the header is decoded here.
/// </summary>
public sealed record SourceImage(string Hash, int Width, int Height, ImageFormat Fallback)
{
    /// <summary>The largest file accepted: a camera's JPEG is a few megabytes, a 50-megapixel PNG a few dozen.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Decompression bombs (a few kilobytes of PNG that claim a gigapixel) are refused from the header.</summary>
    public const long MaxPixels = 50_000_000;

    // Part of every hash: a change to what the variants are made with (encoders, their settings) gives them new
    // URLs, which CDNs and browsers cache as immutable.
    private const string RecipeVersion = "staticnews-images 1\n";

    /// <summary>Reads <paramref name="path"/> (named <paramref name="relative"/> in errors) and checks it is an image StaticNews can publish.</summary>
    public static SourceImage Inspect(string path, string relative) => Inspect(Read(path, relative), relative);

    /// <summary>The file's bytes, refused if it is missing or larger than <see cref="MaxBytes"/>.</summary>
    public static byte[] Read(string path, string relative)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new InputException("the image file does not exist", relative);
        if (file.Length > MaxBytes)
            throw new InputException($"the image is {file.Length / (1 << 20)} MB, more than the {MaxBytes >> 20} MB StaticNews accepts: export it smaller (a 4000-pixel JPEG is a few MB)", relative);
        return File.ReadAllBytes(path);
    }

    public static string HashOf(ReadOnlySpan<byte> bytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.ASCII.GetBytes(RecipeVersion));
        hash.AppendData(bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    public static SourceImage Inspect(byte[] bytes, string relative)
    {
        ImageLibrary.EnsureLoaded();
        var format = Image.FindLoadBuffer(bytes) switch
        {
            "VipsForeignLoadJpegBuffer" => ImageFormat.Jpeg,
            "VipsForeignLoadPngBuffer" => ImageFormat.Png,
            "VipsForeignLoadWebpBuffer" => ImageFormat.WebP,
            "VipsForeignLoadHeifBuffer" => ImageFormat.Avif,
            "VipsForeignLoadNsgifBuffer" => (ImageFormat?)ImageFormat.Png,
            null => throw new InputException("the file is not an image, or is damaged: no image format recognises its first bytes (JPEG, PNG, WebP, AVIF and GIF are published)", relative),
            var other => throw new InputException($"the image format is not one StaticNews publishes ({other.Replace("VipsForeignLoad", "").Replace("Buffer", "")}): use JPEG, PNG, WebP, AVIF or GIF", relative),
        };
        try
        {
            // Only the header is read: the pixels are decoded when the variants are made, if the size is acceptable.
            using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            if (format == ImageFormat.Avif && image.Contains("heif-compression") && image.Get("heif-compression") as string != "av1")
                throw new InputException($"the image is HEIF ({image.Get("heif-compression")}), which browsers do not show: export it as JPEG or AVIF", relative);
            if ((long)image.Width * image.Height > MaxPixels)
                throw new InputException($"the image is {image.Width}×{image.Height} pixels, more than the {MaxPixels / 1_000_000} megapixels StaticNews decodes: export it smaller", relative);
            var orientation = image.Contains("orientation") && image.Get("orientation") is int o ? o : 1;
            var (width, height) = orientation is >= 5 and <= 8 ? (image.Height, image.Width) : (image.Width, image.Height);
            // The fallback for browsers without AVIF or WebP: JPEG for photos, PNG where there is transparency or the source is a graphic.
            var fallback = format == ImageFormat.Png || image.HasAlpha() ? ImageFormat.Png : ImageFormat.Jpeg;
            return new SourceImage(HashOf(bytes), width, height, fallback);
        }
        catch (VipsException e)
        {
            throw new InputException($"the image cannot be read: {ImageLibrary.Reason(e)}", relative);
        }
    }
}
