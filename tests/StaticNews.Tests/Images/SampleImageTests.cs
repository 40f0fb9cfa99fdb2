using AngleSharp.Dom;
using NetVips;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Images;

/// <summary>The sample site's images as a reader's browser, a crawler and a CDN meet them.</summary>
[Collection("sample site")]
public sealed class SampleImageTests(SampleSiteFixture site)
{
    private const string Gayo = "2026/10/kopi-gayo-tembus-jepang/index.html";
    private static readonly string[] Languages = ["id", "en", "zh", "ja", "ar", "fr"];

    private IDocument Page(string relative) => HtmlPages.Load(site.Output, relative);

    private static IEnumerable<(string Href, int Width)> Candidates(string srcset) => srcset.Split(", ").Select(c =>
    {
        var parts = c.Split(' ');
        return (parts[0], int.Parse(parts[1].TrimEnd('w')));
    });

    [Fact]
    public void The_lead_picture_offers_AVIF_and_WebP_whose_files_exist_and_decode_to_the_declared_widths()
    {
        var picture = Page("id/" + Gayo).QuerySelector(".story-image picture")!;
        Assert.Equal(["image/avif", "image/webp"], picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        var img = picture.QuerySelector("img")!;
        var sets = picture.QuerySelectorAll("source").Select(s => (s.GetAttribute("type")!, s.GetAttribute("srcset")!))
            .Append(("image/jpeg", img.GetAttribute("srcset")!)).ToList();
        foreach (var (type, srcset) in sets)
        {
            var candidates = Candidates(srcset).ToList();
            Assert.Equal([480, 800, 1200, 1600], candidates.Select(c => c.Width));
            foreach (var (href, width) in candidates)
            {
                using var file = Image.NewFromFile(HtmlPages.FileForHref(site.Output, href)!);
                Assert.Equal(width, file.Width);
                Assert.Equal(type, (string)file.Get("vips-loader") switch { "heifload" => "image/avif", "webpload" => "image/webp", "jpegload" => "image/jpeg", var l => l });
                // The source's aspect ratio (1800×1200), and the size the img element declares for the widest.
                Assert.Equal(Math.Round(width / 1.5), file.Height);
            }
        }
        Assert.Equal(("1600", "1067"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.NotNull(img.GetAttribute("sizes"));
        // The lead image is what the reader sees first: fetched first, never lazily.
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Null(img.GetAttribute("loading"));
    }

    [Fact]
    public void Every_language_shows_the_same_files_stored_once_with_its_own_alt_caption_and_credit()
    {
        var pages = Languages.Select(l => Page($"{l}/{Gayo}")).ToList();
        var pictures = pages.Select(p => p.QuerySelector(".story-image picture")!.OuterHtml.Split(" alt=")[0]).Distinct();
        Assert.Single(pictures);
        var alts = pages.Select(p => p.QuerySelector(".story-image img")!.GetAttribute("alt")).ToList();
        Assert.Equal(Languages.Length, alts.Distinct().Count());
        Assert.Equal(Languages.Length, pages.Select(p => p.QuerySelector(".story-image figcaption")!.TextContent).Distinct().Count());
        Assert.Contains("写真: Kabar Nusantara イラスト", pages[3].QuerySelector(".story-image figcaption")!.TextContent);
        // No language folder holds an image: they are all under /images/<hash>/.
        Assert.Empty(Languages.SelectMany(l => Directory.GetFiles(Path.Combine(site.Output, l), "*.*", SearchOption.AllDirectories))
            .Where(f => Path.GetExtension(f) is ".jpg" or ".png" or ".webp" or ".avif"));
        var images = Directory.GetDirectories(Path.Combine(site.Output, "images"));
        Assert.Equal(7, images.Length); // the sample's five story image files and its two authors' photos
    }

    [Fact]
    public void A_body_image_of_the_story_folder_is_a_lazy_picture_with_the_alt_and_title_written()
    {
        var body = Page("en/2026/10/sekolah-batik-pekalongan/index.html").QuerySelector(".story-body")!;
        var img = body.QuerySelector("picture img")!;
        Assert.StartsWith("The kawung motif: four petals", img.GetAttribute("alt"));
        Assert.StartsWith("The kawung motif, one of", img.GetAttribute("title"));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        // A PNG (a graphic) keeps PNG as its fallback.
        Assert.EndsWith(".png", img.GetAttribute("src"));
        using var file = Image.NewFromFile(HtmlPages.FileForHref(site.Output, img.GetAttribute("src")!)!);
        Assert.Equal("pngload", file.Get("vips-loader"));
    }

    [Fact]
    public void The_home_opens_with_the_newest_story_large_and_cards_have_lazy_thumbnails()
    {
        foreach (var language in new[] { "id", "ar", "ja" })
        {
            var home = Page($"{language}/index.html");
            var cards = home.QuerySelectorAll(".story-card").ToList();
            Assert.Contains("story-card-lead", cards[0].ClassList);
            Assert.Equal(1, home.QuerySelectorAll(".story-card-lead").Length);
            var thumbnails = cards.Skip(1).Select(c => c.QuerySelector(".card-image img")).OfType<IElement>().ToList();
            Assert.NotEmpty(thumbnails);
            Assert.All(thumbnails, t => Assert.Equal("lazy", t.GetAttribute("loading")));
            // Each card with an image is a story with one: the same files its page shows.
            foreach (var card in cards.Where(c => c.QuerySelector("img") is not null))
            {
                var story = Page(card.QuerySelector("h2 a")!.GetAttribute("href")!.TrimStart('/') + "index.html");
                Assert.Equal(story.QuerySelector(".story-image img")!.GetAttribute("srcset"), card.QuerySelector("img")!.GetAttribute("srcset"));
            }
        }
    }

    [Fact]
    public void A_story_without_an_image_says_nothing_of_one_and_never_names_the_logo()
    {
        var page = Page(Path.GetRelativePath(site.Output, Directory.GetFiles(Path.Combine(site.Output, "en"), "index.html", SearchOption.AllDirectories)
            .Single(f => f.Contains("asean-digital-trade-roadmap")))); // the English slug of peta-jalan-digital-asean
        Assert.Null(page.QuerySelector("meta[property='og:image']"));
        Assert.Null(page.QuerySelector("meta[name='twitter:image']"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Null(page.QuerySelector("meta[name=robots]"));
        Assert.DoesNotContain("\"image\"", page.QuerySelector("script[type='application/ld+json']")!.TextContent);
    }

    [Fact]
    public void The_social_card_is_a_1200_by_630_crop_and_search_gets_three_crops_at_least_1200_wide()
    {
        var page = Page("ja/" + Gayo);
        var card = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        using (var file = Image.NewFromFile(HtmlPages.FileForUrl(site.Output, "https://kabar-nusantara.example.org/", card)))
            Assert.Equal((1200, 630, "jpegload"), (file.Width, file.Height, (string)file.Get("vips-loader")));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal("max-image-preview:large", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        var ld = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var sizes = ld.GetProperty("image").EnumerateArray().Select(url =>
        {
            using var file = Image.NewFromFile(HtmlPages.FileForUrl(site.Output, "https://kabar-nusantara.example.org/", url.GetString()!));
            return (file.Width, file.Height);
        }).ToList();
        Assert.Equal([(1200, 675), (1200, 900), (1200, 1200)], sizes);
    }

    [Fact]
    public void Images_are_cached_by_the_CDN_for_a_year_as_immutable()
    {
        var headers = site.Read("_headers").Split('\n');
        var rule = Array.IndexOf(headers, "/images/*");
        Assert.True(rule > 0, "no /images/* rule in _headers");
        Assert.Equal("  Cache-Control: public, max-age=31536000, immutable", headers[rule + 1]);
    }
}
