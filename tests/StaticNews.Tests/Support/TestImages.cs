using NetVips;

namespace StaticNews.Tests.Support;

/// <summary>Small real images for tests, made with libvips: a gradient with a grid, so every pixel is not the same.</summary>
public static class TestImages
{
    public static Image Pattern(int width, int height, bool alpha = false)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = (x * (255.0 / Math.Max(1, width - 1))).Cast(Enums.BandFormat.Uchar);
        using var green = (y * (255.0 / Math.Max(1, height - 1))).Cast(Enums.BandFormat.Uchar);
        using var blue = ((x ^ y) & 0x7f).Cast(Enums.BandFormat.Uchar);
        var bands = alpha ? new[] { green, blue, (x & 0xff).Cast(Enums.BandFormat.Uchar) } : new[] { green, blue };
        return red.Bandjoin(bands).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static byte[] Png(int width, int height, bool alpha = false)
    {
        using var image = Pattern(width, height, alpha);
        return image.PngsaveBuffer();
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var image = Pattern(width, height);
        return image.JpegsaveBuffer(q: 90);
    }

    /// <summary>What <see cref="CameraJpeg"/> writes as the camera's make: no published file may carry it.</summary>
    public const string CameraMake = "StaticNewsTestCamera";

    /// <summary>
    /// A camera's JPEG: its make and a GPS position in EXIF (what a site must never publish), stored with EXIF
    /// <paramref name="orientation"/> (6: turn 90° clockwise to see it upright).
    /// </summary>
    public static byte[] CameraJpeg(int width, int height, int orientation = 1)
    {
        using var pattern = Pattern(width, height);
        using var tagged = pattern.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", orientation);
            m.Set(GValue.GStrType, "exif-ifd0-Make", CameraMake);
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "S");
        });
        return tagged.JpegsaveBuffer(q: 95);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relative"/> under the input folder.</summary>
    public static void Write(string input, string relative, byte[] bytes)
    {
        var path = Path.Combine(input, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
