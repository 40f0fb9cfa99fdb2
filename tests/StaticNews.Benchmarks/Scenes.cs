using NetVips;

namespace StaticNews.Benchmarks;

/// <summary>
/// Deterministic pictures with the structure of photographs (edges, gradients, texture at several scales), drawn
/// with libvips from a seed: the image benchmark's corpus (hills), and the sample site's illustrations.
/// The same seed and size give the same pixels on every machine.
/// </summary>
public static class Scenes
{
    /// <summary>Layered hills under a sky with a sun, covered in bushes and noise: a landscape photograph's mix of flat and busy areas.</summary>
    public static Image Hills(int width, int height, int seed)
    {
        var rng = new Random(seed);
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var sky = Blend(y / height, [110 + rng.Next(40), 160 + rng.Next(40), 225], [235, 225 - rng.Next(30), 200]);
        var sunX = width * (0.2 + 0.6 * rng.NextDouble());
        var sunY = height * (0.12 + 0.15 * rng.NextDouble());
        using var sunDistance = ((x - sunX) * (x - sunX) + (y - sunY) * (y - sunY)).Pow(0.5);
        var image = (sunDistance < height * 0.06).Ifthenelse(new double[] { 255, 240, 190 }, sky);
        using var clouds = Image.Perlin(width, height, cellSize: Math.Max(8, width / 6), seed: seed);
        image = Mix(image, [255, 255, 255], (clouds > 0).Ifthenelse(clouds * 0.5, 0) * ((y < height * 0.45) / 255.0));
        for (var layer = 0; layer < 4; layer++)
        {
            var baseline = height * (0.35 + 0.15 * layer);
            var boundary = x * 0 + baseline;
            for (var k = 0; k < 3; k++)
                boundary += height * (0.06 / (k + 1)) * ((x * (360.0 * (k + 1) * (0.6 + rng.NextDouble()) / width)) + rng.Next(360)).Math(Enums.OperationMath.Sin);
            var green = new double[] { 40 + 25 * layer + rng.Next(30), 90 + 20 * layer + rng.Next(40), 40 + rng.Next(30) };
            using var texture = Image.Perlin(width, height, cellSize: Math.Max(4, width / (20 + 25 * layer)), seed: seed * 31 + layer);
            using var bushes = Image.Worley(width, height, cellSize: Math.Max(4, width / (60 + 40 * layer)), seed: seed * 17 + layer);
            var shade = 1 - 0.25 * texture - (bushes < width / (400.0 + 200 * layer)) * (0.35 / 255);
            var hill = Image.Black(width, height, 3).Cast(Enums.BandFormat.Float) + green;
            image = (y > boundary).Ifthenelse(hill * shade, image);
        }
        using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0, seed: seed);
        return (image + grain).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>A commuter train (white with a red band, as the Jakarta KRL) at a platform at dusk, under its overhead line.</summary>
    public static Image Train(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var image = Blend(y / (height * 0.62), [70, 80, 150], [250, 170, 110]).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var haze = Image.Perlin(width, height, cellSize: width / 5, seed: 7);
        image = (image + (haze * 18)).Cast(Enums.BandFormat.Uchar);
        var u = width / 100.0;
        image = image.Mutate(m =>
        {
            // City in the distance, the platform, the track.
            var rng = new Random(11);
            for (var b = 0; b < 24; b++)
            {
                var left = rng.Next(width);
                var top = (int)(height * (0.30 + 0.2 * rng.NextDouble()));
                m.DrawRect([40 + rng.Next(30), 45 + rng.Next(30), 70 + rng.Next(30)], left, top, (int)(u * (3 + rng.Next(6))), height, fill: true);
            }
            m.DrawRect([120, 115, 110], 0, (int)(height * 0.62), width, height, fill: true);
            m.DrawRect([200, 190, 60], 0, (int)(height * 0.78), width, (int)(u * 0.8), fill: true);
            m.DrawRect([85, 80, 78], 0, (int)(height * 0.80), width, height, fill: true);
            // The train: body, red band, windows, doors.
            int top2 = (int)(height * 0.38), bottom = (int)(height * 0.72), nose = (int)(width * 0.88);
            m.DrawRect([236, 236, 232], (int)(width * 0.02), top2, nose - (int)(width * 0.02), bottom - top2, fill: true);
            m.DrawRect([200, 30, 40], (int)(width * 0.02), (int)(height * 0.60), nose - (int)(width * 0.02), (int)(height * 0.035), fill: true);
            for (var car = 0; car < 3; car++)
            {
                var carLeft = (int)(width * (0.03 + 0.285 * car));
                m.DrawRect([60, 60, 70], carLeft + (int)(width * 0.27), top2, (int)(u * 0.5), bottom - top2, fill: true);
                for (var w = 0; w < 4; w++)
                    m.DrawRect([40 + 10 * w, 70, 100], carLeft + (int)(u * (2 + 6.5 * w)), (int)(height * 0.44), (int)(u * 4.5), (int)(height * 0.1), fill: true);
                m.DrawRect([150, 150, 150], carLeft + (int)(u * 27.5) - (int)(u * 5), (int)(height * 0.43), (int)(u * 3.5), (int)(height * 0.27), fill: true);
            }
            m.DrawRect([30, 40, 60], nose - (int)(u * 6), (int)(height * 0.42), (int)(u * 5), (int)(height * 0.12), fill: true);
            m.DrawCircle([255, 250, 200], nose - (int)(u * 3), (int)(height * 0.66), (int)(u * 0.9), fill: true);
            // The overhead line and its masts.
            for (var mast = 0; mast < 5; mast++)
                m.DrawRect([50, 50, 55], (int)(width * (0.05 + 0.23 * mast)), (int)(height * 0.12), (int)(u * 0.7), (int)(height * 0.5), fill: true);
            m.DrawRect([40, 40, 45], 0, (int)(height * 0.16), width, Math.Max(2, (int)(u * 0.25)), fill: true);
            m.DrawRect([40, 40, 45], 0, (int)(height * 0.30), width, Math.Max(2, (int)(u * 0.2)), fill: true);
        });
        using var grain = Image.Gaussnoise(width, height, sigma: 4, mean: 0, seed: 3);
        return (image + grain).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>A football pitch under floodlights at night, seen from the stand: mown stripes, white lines, the crowd opposite.</summary>
    public static Image Pitch(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var horizon = height * 0.38;
        var sky = Blend(y / horizon, [10, 15, 40], [40, 50, 90]);
        // The stand opposite: a band of specks (the crowd) under the roof.
        using var crowd = Image.Worley(width, height, cellSize: Math.Max(4, width / 300), seed: 5);
        var stand = (crowd < width / 900.0).Ifthenelse(new double[] { 200, 40, 50 }, new double[] { 60, 60, 70 });
        var image = (y > height * 0.22).Ifthenelse(stand, sky);
        // Mown stripes, darker towards the far side, then the lines.
        var stripe = ((x + (y - horizon) * 0.6) / (width / 12.0)).Floor() % 2;
        var depth = (y - horizon) / (height - horizon);
        var grass = Image.Black(width, height, 3) + new double[] { 40, 120, 45 };
        grass = grass * (0.75 + 0.25 * depth) * (1 - stripe * 0.12);
        image = (y > horizon).Ifthenelse(grass, image);
        image = image.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        var u = width / 100.0;
        image = image.Mutate(m =>
        {
            double[] white = [235, 235, 235];
            int top = (int)(horizon + height * 0.05), bottom = (int)(height * 0.95);
            m.DrawLine(white, (int)(u * 8), top, (int)(u * 92), top);
            m.DrawLine(white, 0, bottom, width, bottom);
            m.DrawLine(white, (int)(u * 8), top, 0, (int)(height * 0.85));
            m.DrawLine(white, (int)(u * 92), top, width, (int)(height * 0.85));
            m.DrawLine(white, width / 2, top, width / 2, bottom);
            m.DrawCircle(white, width / 2, (top + bottom) / 2, (int)(u * 9), fill: false);
            m.DrawCircle(white, width / 2, (top + bottom) / 2, (int)(u * 0.6), fill: true);
            // Floodlights on their masts.
            foreach (var mast in new[] { 0.06, 0.94 })
            {
                m.DrawRect([90, 90, 95], (int)(width * mast), (int)(height * 0.04), (int)(u * 0.6), (int)(height * 0.22), fill: true);
                m.DrawRect([255, 250, 220], (int)(width * mast) - (int)(u * 2), (int)(height * 0.03), (int)(u * 4.6), (int)(u * 1.4), fill: true);
            }
            // The ball.
            m.DrawCircle([250, 250, 250], (int)(width * 0.62), (int)(height * 0.72), (int)(u * 1.1), fill: true);
        });
        using var grain = Image.Gaussnoise(width, height, sigma: 5, mean: 0, seed: 9);
        return (image + grain).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>A kawung batik motif (four petals round a dot, in a grid turned 45°), indigo and brown on cream.</summary>
    public static Image Batik(int size)
    {
        using var xyz = Image.Xyz(size, size);
        using var x = xyz[0].Cast(Enums.BandFormat.Float);
        using var y = xyz[1].Cast(Enums.BandFormat.Float);
        var cell = size / 8.0;
        // Turned 45°, centred in each cell: (u, v) from -cell/2 to cell/2.
        var p = (x + y) * Math.Sqrt(0.5);
        var q = (x - y) * Math.Sqrt(0.5);
        var u = (p % cell + cell) % cell - cell / 2;
        var v = (q % cell + cell) % cell - cell / 2;
        Image Petal(double du, double dv) => ((u - du) * (u - du) / (cell * cell * 0.045) + (v - dv) * (v - dv) / (cell * cell * 0.012)) < 1;
        Image PetalV(double du, double dv) => ((u - du) * (u - du) / (cell * cell * 0.012) + (v - dv) * (v - dv) / (cell * cell * 0.045)) < 1;
        var petals = Petal(cell * 0.26, 0) | Petal(-cell * 0.26, 0) | PetalV(0, cell * 0.26) | PetalV(0, -cell * 0.26);
        var rim = (((u * u + v * v).Pow(0.5) - cell * 0.47).Abs() < cell * 0.02);
        var dot = (u * u + v * v) < cell * cell * 0.004;
        var image = Image.Black(size, size, 3) + new double[] { 238, 226, 200 };
        image = rim.Ifthenelse(new double[] { 120, 70, 35 }, image);
        image = petals.Ifthenelse(new double[] { 35, 45, 95 }, image);
        image = dot.Ifthenelse(new double[] { 120, 70, 35 }, image);
        return image.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static Image Blend(Image t, double[] from, double[] to)
    {
        var clamped = (t < 0).Ifthenelse(0, (t > 1).Ifthenelse(1, t));
        var bands = from.Select((f, i) => clamped * (to[i] - f) + f).ToArray();
        return bands[0].Bandjoin(bands[1..]);
    }

    private static Image Mix(Image image, double[] colour, Image amount) => image * (1 - amount) + (Image.Black(image.Width, image.Height, 3) + colour) * amount;
}
