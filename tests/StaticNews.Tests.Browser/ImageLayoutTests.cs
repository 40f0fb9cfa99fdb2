using System.Text.Json;
using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>
/// Story images as Chromium lays them out on a phone and a desktop, in Arabic (right to left) and Japanese: the
/// browser picks the AVIF file that fits the column, the lead image fills the column, thumbnails sit at the
/// line's end (the left in Arabic) beside the headline, with the summary below them on a phone, and nothing
/// overflows. Screenshots of each are kept for people to look at.
/// </summary>
[Collection("browser")]
public sealed class ImageLayoutTests(BrowserSite site)
{
    public static TheoryData<string, int> Layouts() => new() { { "ar", 360 }, { "ar", 1280 }, { "ja", 360 }, { "ja", 1280 } };

    private const string StoryWithImage = "/{0}/2026/10/kopi-gayo-tembus-jepang/";

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_lead_image_fills_the_column_in_the_AVIF_file_that_fits_it(string lang, int width)
    {
        await using var probe = await site.OpenAsync(string.Format(StoryWithImage, lang), new() { ViewportSize = new() { Width = width, Height = 800 } });
        await probe.Page.WaitForFunctionAsync("document.querySelector('.story-image img').complete");
        var image = await probe.EvalAsync<JsonElement>("""
            (() => {
              const img = document.querySelector('.story-image img'), column = document.querySelector('.story-body').getBoundingClientRect();
              const box = img.getBoundingClientRect();
              return { src: img.currentSrc, natural: img.naturalWidth, width: box.width, height: box.height, column: column.width, left: box.left, right: box.right, columnLeft: column.left, columnRight: column.right };
            })()
            """);
        // At 360 px the column is 328 px (the 480 file); at 1280 it is 42rem, 672 px (the 800 file).
        Assert.EndsWith(width == 360 ? "/480.avif" : "/800.avif", image.GetProperty("src").GetString());
        Assert.True(image.GetProperty("natural").GetInt32() > 0, "the image did not load");
        Assert.InRange(image.GetProperty("width").GetDouble(), image.GetProperty("column").GetDouble() - 1, image.GetProperty("column").GetDouble() + 1);
        Assert.InRange(image.GetProperty("height").GetDouble() / image.GetProperty("width").GetDouble(), 1200 / 1800.0 - 0.01, 1200 / 1800.0 + 0.01);
        var (scroll, client) = await PageLoadTests.Overflow(probe);
        Assert.True(scroll <= client, $"page is {scroll} px wide in a {client} px viewport");
        await probe.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTools.ArtifactsFolder("screenshots"), $"image-story-{lang}-{width}.png") });
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_home_opens_with_a_large_image_and_cards_have_thumbnails_at_the_line_s_end(string lang, int width)
    {
        await using var probe = await site.OpenAsync($"/{lang}/", new() { ViewportSize = new() { Width = width, Height = 900 } });
        await probe.Page.WaitForFunctionAsync("document.querySelector('.story-card-lead img').complete");
        var layout = await probe.EvalAsync<JsonElement>("""
            (() => {
              const lead = document.querySelector('.story-card-lead'), leadImg = lead.querySelector('img').getBoundingClientRect();
              const cards = [...document.querySelectorAll('.story-card:not(.story-card-lead).has-image')].map(card => {
                const img = card.querySelector('.card-image').getBoundingClientRect(), text = card.querySelector('h2').getBoundingClientRect();
                return { imgLeft: img.left, imgRight: img.right, imgWidth: img.width, imgHeight: img.height, textLeft: text.left, textRight: text.right };
              });
              return { leadWidth: leadImg.width, leadBottom: leadImg.bottom, card: lead.getBoundingClientRect().width,
                       headingTop: lead.querySelector('h2').getBoundingClientRect().top, loaded: lead.querySelector('img').naturalWidth, cards };
            })()
            """);
        Assert.True(layout.GetProperty("loaded").GetInt32() > 0, "the lead image did not load");
        Assert.InRange(layout.GetProperty("leadWidth").GetDouble(), layout.GetProperty("card").GetDouble() - 1, layout.GetProperty("card").GetDouble() + 1);
        Assert.True(layout.GetProperty("leadBottom").GetDouble() <= layout.GetProperty("headingTop").GetDouble(), "the lead image is not above its headline");
        var cards = layout.GetProperty("cards").EnumerateArray().ToList();
        Assert.NotEmpty(cards);
        foreach (var card in cards)
        {
            // 7rem on a phone, 10rem wider, 4:3; at the end of the line: right in Japanese, left in Arabic.
            Assert.Equal(width == 360 ? 112 : 160, card.GetProperty("imgWidth").GetDouble(), 1);
            Assert.Equal(card.GetProperty("imgWidth").GetDouble() * 3 / 4, card.GetProperty("imgHeight").GetDouble(), 1);
            if (lang == "ar") Assert.True(card.GetProperty("imgRight").GetDouble() <= card.GetProperty("textLeft").GetDouble(), "the Arabic thumbnail is not left of the headline");
            else Assert.True(card.GetProperty("imgLeft").GetDouble() >= card.GetProperty("textRight").GetDouble(), "the thumbnail is not right of the headline");
        }
        var (scroll, client) = await PageLoadTests.Overflow(probe);
        Assert.True(scroll <= client, $"page is {scroll} px wide in a {client} px viewport");
        await probe.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTools.ArtifactsFolder("screenshots"), $"image-home-{lang}-{width}.png"), FullPage = true });
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task On_a_phone_a_card_s_summary_takes_the_whole_width_below_its_thumbnail(string lang, int width)
    {
        await using var probe = await site.OpenAsync($"/{lang}/", new() { ViewportSize = new() { Width = width, Height = 900 } });
        var cards = await probe.EvalAsync<JsonElement>("""
            [...document.querySelectorAll('.story-card:not(.story-card-lead).has-image')].map(card => {
              const box = card.getBoundingClientRect(), img = card.querySelector('.card-image').getBoundingClientRect(), summary = card.querySelector('.summary').getBoundingClientRect();
              return { card: box.width, imgBottom: img.bottom, imgWidth: img.width, summary: summary.width, summaryTop: summary.top };
            })
            """);
        Assert.NotEmpty(cards.EnumerateArray());
        foreach (var card in cards.EnumerateArray())
        {
            var (cardWidth, summary) = (card.GetProperty("card").GetDouble(), card.GetProperty("summary").GetDouble());
            if (width == 360)
            {
                // Beside a thumbnail the summary would be a column of a few words a line: it runs under it, across the card.
                Assert.Equal(cardWidth, summary, 1);
                Assert.True(card.GetProperty("summaryTop").GetDouble() >= card.GetProperty("imgBottom").GetDouble(), "the summary is not below the thumbnail");
            }
            // On a desktop the text column beside the thumbnail is wide enough for it.
            else Assert.True(summary <= cardWidth - card.GetProperty("imgWidth").GetDouble(), "the summary is not beside the thumbnail");
        }
    }
}
