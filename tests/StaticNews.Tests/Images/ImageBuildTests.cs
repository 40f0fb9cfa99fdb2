using System.Text;
using NetVips;
using StaticNews.Check;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Images;

/// <summary>What the image stage does with an author's files: good ones, bad ones, and the same ones again.</summary>
public sealed class ImageBuildTests
{
    private static string Story(string extra = "", string body = "Body.") =>
        $"---\ntitle: Foto\ndate: 2026-10-01T10:00:00+07:00\n{extra}\n---\n{body}\n";

    private static string Site(TempDir temp, string extra = "image: photo.jpg\nimage_alt: Sebuah foto", string body = "Body.", byte[]? photo = null)
    {
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/s/id.md"] = Story(extra, body) });
        TestImages.Write(input, "articles/s/photo.jpg", photo ?? TestImages.Jpeg(1000, 700));
        return input;
    }

    private static string ImageFile(string output, string page, string selector, string attribute)
    {
        var href = HtmlPages.Load(output, page).QuerySelector(selector)!.GetAttribute(attribute)!;
        return attribute == "content" ? HtmlPages.FileForUrl(output, "https://news.example.org/", href) : HtmlPages.FileForHref(output, href)!;
    }

    [Fact]
    public void Metadata_is_stripped_the_orientation_applied_and_the_colour_profile_converted_to_sRGB()
    {
        using var temp = new TempDir();
        // A camera's JPEG: stored sideways (EXIF orientation 6: turn 90° clockwise), with its make and a GPS position.
        var camera = TestImages.CameraJpeg(300, 200, orientation: 6);
        Assert.Contains(TestImages.CameraMake, Encoding.Latin1.GetString(camera)); // the source does carry them
        // A flat colour in the Display P3 space, tagged with its profile.
        using var flat = (Image.Black(64, 64, 3) + new double[] { 200, 100, 50 }).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        var p3 = flat.JpegsaveBuffer(q: 95, profile: "p3");
        var input = Site(temp, "image: photo.jpg\nimage_alt: Kamera", "![Warna](warna.jpg)", camera);
        TestImages.Write(input, "articles/s/warna.jpg", p3);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);

        var published = Directory.GetFiles(Path.Combine(output, "images"), "*.*", SearchOption.AllDirectories);
        Assert.NotEmpty(published);
        foreach (var file in published)
        {
            using var image = Image.NewFromFile(file);
            Assert.DoesNotContain(image.GetFields(), f => f is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation");
            Assert.DoesNotContain(TestImages.CameraMake, Encoding.Latin1.GetString(File.ReadAllBytes(file)));
        }
        // Upright: 200 wide and 300 high, as the camera meant it, and the same pixels as libvips' own rotation.
        using var lead = Image.NewFromFile(ImageFile(output, "id/2026/10/s/index.html", ".story-image img", "src"));
        Assert.Equal((200, 300), (lead.Width, lead.Height));
        using var upright = Image.NewFromBuffer(camera).Autorot();
        foreach (var (x, y) in new[] { (20, 20), (180, 40), (100, 280) })
            Assert.All(lead.Getpoint(x, y).Zip(upright.Getpoint(x, y)), p => Assert.InRange(p.First - p.Second, -12, 12));
        // The P3 colour as sRGB shows it, not the P3 numbers read as sRGB.
        using var colour = Image.NewFromFile(ImageFile(output, "id/2026/10/s/index.html", ".story-body img", "src"));
        using var expected = Image.NewFromBuffer(p3).IccTransform("srgb");
        var want = expected.Getpoint(32, 32);
        Assert.True(Math.Abs(want[0] - 200) + Math.Abs(want[1] - 100) + Math.Abs(want[2] - 50) > 12, "the test colour must differ between P3 and sRGB");
        Assert.All(colour.Getpoint(32, 32).Zip(want), p => Assert.InRange(p.First - p.Second, -4, 4));
    }

    [Fact]
    public void Editing_a_story_never_encodes_its_image_again_and_deleting_the_output_loses_no_encoding()
    {
        using var temp = new TempDir();
        var input = Site(temp);
        var output = temp.Combine("output");
        // The output's own cache, in its state folder, not the test run's shared one.
        static BuildReport BuildWithOwnCache(string input, string output) => SiteBuild.Run(input, output, configure: o => o with { ImageCacheDirectory = null });
        var first = BuildWithOwnCache(input, output);
        Assert.True(first.Success);
        Assert.True(first.ImageFilesEncoded > 0);
        Assert.Equal(first.ImageFiles, first.ImageFilesEncoded);
        var images = OutputChecks.Snapshot(Path.Combine(output, "images"));

        File.WriteAllText(Path.Combine(input, "articles/s/id.md"), Story("image: photo.jpg\nimage_alt: Sebuah foto", "Body, edited."));
        var edited = BuildWithOwnCache(input, output);
        Assert.True(edited.Success);
        Assert.Equal(0, edited.ImageFilesEncoded);
        Assert.Contains("Body, edited.", File.ReadAllText(Path.Combine(output, "id/2026/10/s/index.html")));

        // The variants are kept beside the output, not in it.
        Directory.Delete(output, recursive: true);
        var again = BuildWithOwnCache(input, output);
        Assert.True(again.Success);
        Assert.Equal(0, again.ImageFilesEncoded);
        Assert.Equal(images, OutputChecks.Snapshot(Path.Combine(output, "images")));

        TestImages.Write(input, "articles/s/photo.jpg", TestImages.Jpeg(900, 700));
        var changed = BuildWithOwnCache(input, output);
        Assert.True(changed.Success);
        Assert.Equal(changed.ImageFiles, changed.ImageFilesEncoded);
        // The old image's files are gone from the site, and from the cache.
        Assert.Single(Directory.GetDirectories(Path.Combine(output, "images")));
        Assert.Single(Directory.GetDirectories(Path.Combine(temp.Path, ".output.state", "images")));
    }

    [Fact]
    public void Outputs_sharing_an_image_cache_encode_each_image_once_and_no_build_empties_it()
    {
        using var temp = new TempDir();
        var input = Site(temp);
        var shared = temp.Combine("image-cache");
        BuildReport Build(string site, string output) => SiteBuild.Run(site, output, configure: o => o with { ImageCacheDirectory = shared });

        // A staging build from the command line fills the named folder, not the state folder beside its output.
        Assert.Equal(0, StaticNews.Cli.Program.Main(["build", "--input", input, "--output", temp.Combine("staging"), "--image-cache", shared, "--quiet"]).Result);
        var hash = Path.GetFileName(Assert.Single(Directory.GetDirectories(shared)));
        Assert.False(Directory.Exists(Path.Combine(StateFolder.For(temp.Combine("staging")).File("images"), hash)));

        // Production, another output of the same site, encodes nothing and publishes the same files.
        var production = Build(input, temp.Combine("production"));
        Assert.True(production.Success);
        Assert.True(production.ImageFiles > 0);
        Assert.Equal(0, production.ImageFilesEncoded);
        Assert.Equal(OutputChecks.Snapshot(temp.Combine("staging", "images")), OutputChecks.Snapshot(temp.Combine("production", "images")));

        // Another site's build adds its own image and removes nothing: the folder is not one site's to prune.
        using var other = new TempDir();
        var otherSite = Site(other, photo: TestImages.Jpeg(640, 480));
        var otherBuild = Build(otherSite, other.Combine("output"));
        Assert.True(otherBuild.Success);
        Assert.Equal(otherBuild.ImageFiles, otherBuild.ImageFilesEncoded);
        Assert.Equal(2, Directory.GetDirectories(shared).Length);
        Directory.Delete(temp.Combine("production"), recursive: true);
        Assert.Equal(0, Build(input, temp.Combine("production")).ImageFilesEncoded);
        Assert.Empty(Directory.EnumerateFiles(shared, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_crops_keep_the_focal_point_in_view()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/kiri/id.md"] = Story("image: lebar.png\nimage_alt: Kiri\nimage_focus: [0.1, 0.5]"),
            ["articles/kanan/id.md"] = Story("image: lebar.png\nimage_alt: Kanan\nimage_focus: [0.9, 0.5]").Replace("title: Foto", "title: Foto kanan"),
        });
        // Red grows from left to right: a crop's redness says where it was taken.
        var wide = TestImages.Png(2400, 1200);
        TestImages.Write(input, "articles/kiri/lebar.png", wide);
        TestImages.Write(input, "articles/kanan/lebar.png", wide);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        double RedOfSquare(string story)
        {
            var ld = HtmlPages.Load(output, $"id/2026/10/{story}/index.html").QuerySelector("script[type='application/ld+json']")!.TextContent;
            var square = System.Text.Json.JsonDocument.Parse(ld).RootElement.GetProperty("image")[2].GetString()!;
            using var crop = Image.NewFromFile(HtmlPages.FileForUrl(output, "https://news.example.org/", square));
            Assert.Equal((1200, 1200), (crop.Width, crop.Height));
            using var red = crop[0];
            return red.Avg();
        }
        Assert.True(RedOfSquare("kiri") < 80, "the left focus gives the left square");
        Assert.True(RedOfSquare("kanan") > 170, "the right focus gives the right square");
        // One image, stored once: the two stories share its folder, each with its own crops.
        Assert.Single(Directory.GetDirectories(Path.Combine(output, "images")));
    }

    [Fact]
    public void A_body_with_raw_HTML_keeps_its_pictures_through_the_sanitizer()
    {
        using var temp = new TempDir();
        var input = Site(temp, body: "<span class=\"x\">raw</span> <img src=x onerror=alert(1)>\n\n![Foto](photo.jpg)");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var body = HtmlPages.Load(output, "id/2026/10/s/index.html").QuerySelector(".story-body")!;
        var picture = body.QuerySelector("picture")!;
        Assert.Equal(["image/avif", "image/webp"], picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        Assert.All(picture.QuerySelectorAll("source"), s => Assert.StartsWith("/images/", s.GetAttribute("srcset")));
        Assert.Null(body.QuerySelector("[onerror]"));
    }

    [Fact]
    public void Site_yml_imageFormats_can_leave_AVIF_out()
    {
        using var temp = new TempDir();
        var input = Site(temp, photo: TestImages.Jpeg(600, 400));
        File.AppendAllText(Path.Combine(input, "site.yml"), "\nimageFormats: [webp]\n");
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var picture = HtmlPages.Load(output, "id/2026/10/s/index.html").QuerySelector(".story-image picture")!;
        Assert.Equal(["image/webp"], picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "images"), "*.avif", SearchOption.AllDirectories));
    }

    [Fact]
    public void Check_warns_of_a_lead_image_without_alt_text_in_the_version_s_language()
    {
        using var temp = new TempDir();
        var input = Site(temp, "image: photo.jpg");
        File.WriteAllText(Path.Combine(input, "articles/s/en.md"), "---\ntitle: Photo\n---\nBody.\n");
        var report = SiteChecker.CheckAsync(new BuildOptions { InputDirectory = input, OutputDirectory = temp.Combine("output") }, SiteBuild.SampleClock).GetAwaiter().GetResult();
        Assert.Equal(0, report.Errors);
        var warnings = report.Diagnostics.Where(d => d.Message.Contains("image_alt")).Select(d => d.File).Order().ToList();
        Assert.Equal(["articles/s/en.md", "articles/s/id.md"], warnings);
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    /// <summary>Publishes a good site with an image, puts <paramref name="bytes"/> in its place, builds again: the failing build's one error.</summary>
    private static Diagnostic FailingBuild(TempDir temp, string name, Action<string> write, string extra = "")
    {
        var input = Site(temp);
        var output = temp.Combine("output");
        Assert.True(SiteBuild.Run(input, output).Success);
        var before = OutputChecks.Snapshot(output);
        File.WriteAllText(Path.Combine(input, "articles/s/id.md"), Story($"image: {name}\nimage_alt: Rusak{extra}"));
        write(Path.Combine(input, "articles/s", name));
        var report = SiteBuild.Run(input, output);
        Assert.False(report.Success);
        Assert.Equal(before, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(StateFolder.For(output).File("staging")), "the staging folder was left behind");
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.StartsWith(InternalError.Prefix, StringComparison.Ordinal));
        return Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void A_truncated_JPEG_fails_the_build_naming_the_file()
    {
        using var temp = new TempDir();
        var jpeg = TestImages.Jpeg(800, 600);
        var error = FailingBuild(temp, "rusak.jpg", path => File.WriteAllBytes(path, jpeg[..(jpeg.Length * 2 / 3)]));
        Assert.Equal("articles/s/rusak.jpg", error.File);
        Assert.Contains("cannot be decoded", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_fails_the_build_naming_it()
    {
        using var temp = new TempDir();
        var error = FailingBuild(temp, "foto.jpg", path => File.WriteAllText(path, "<html>not a photo</html>"));
        Assert.Equal("articles/s/foto.jpg", error.File);
        Assert.Contains("not an image", error.Message);
    }

    [Fact]
    public void An_image_format_browsers_do_not_show_fails_the_build_naming_it()
    {
        using var temp = new TempDir();
        using var pattern = TestImages.Pattern(64, 48);
        var error = FailingBuild(temp, "scan.jpg", path => File.WriteAllBytes(path, pattern.TiffsaveBuffer()));
        Assert.Equal("articles/s/scan.jpg", error.File);
        Assert.Contains("not one StaticNews publishes (Tiff)", error.Message);
    }

    [Fact]
    public void A_missing_image_fails_the_build_naming_the_story_file()
    {
        using var temp = new TempDir();
        var error = FailingBuild(temp, "hilang.jpg", _ => { });
        Assert.Equal("articles/s/id.md", error.File);
        Assert.Contains("'hilang.jpg' is not a file in the story folder", error.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_before_decoding()
    {
        using var temp = new TempDir();
        // 100 bytes that claim 30,000 × 30,000 pixels: decoded, 2.7 GB.
        var error = FailingBuild(temp, "bom.png", path => File.WriteAllBytes(path, PngHeaderClaiming(30_000, 30_000)));
        Assert.Equal("articles/s/bom.png", error.File);
        Assert.Contains("30000×30000 pixels, more than the 50 megapixels", error.Message);
    }

    [Fact]
    public void A_100_MB_file_is_refused_without_reading_it()
    {
        using var temp = new TempDir();
        var error = FailingBuild(temp, "besar.jpg", path =>
        {
            using var file = File.Create(path);
            file.Write(TestImages.Jpeg(64, 64));
            file.SetLength(100L << 20); // sparse: no 100 MB written to the test machine's disk
        });
        Assert.Equal("articles/s/besar.jpg", error.File);
        Assert.Contains("100 MB, more than the 64 MB", error.Message);
    }

    /// <summary>A PNG signature, an IHDR chunk with the given size (8-bit RGB) and an empty IDAT: valid up to the pixels.</summary>
    private static byte[] PngHeaderClaiming(int width, int height)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] data)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.Write(body);
            var crc = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
            png.Write(crc);
        }
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk("IHDR", header);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return png.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
