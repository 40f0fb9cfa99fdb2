using StaticNews.Images;

namespace StaticNews.Tests.Images;

public sealed class ImageRecipeTests
{
    [Theory]
    [InlineData(300, new[] { 300 })]                    // a small image is published at its own size, never enlarged
    [InlineData(500, new[] { 480 })]                    // 500 is not worth a file of its own beside 480
    [InlineData(1000, new[] { 480, 800, 1000 })]
    [InlineData(1600, new[] { 480, 800, 1200, 1600 })]
    [InlineData(4000, new[] { 480, 800, 1200, 1600 })]
    public void Widths_are_the_standard_ones_below_the_source_and_never_more(int source, int[] widths) =>
        Assert.Equal(widths, ImageRecipe.WidthsFor(source));

    [Fact]
    public void A_crop_is_the_largest_area_of_its_shape_around_the_focus_kept_inside_the_image()
    {
        var photo = new SourceImage("0123456789abcdef0123", 4000, 3000, ImageFormat.Jpeg);
        var centred = ImageRecipe.Crop(photo, CropKind.Social, ImageFocus.Centre);
        Assert.Equal((1200, 630), (centred.Width, centred.Height));
        Assert.Equal(new CropArea(0, 450, 4000, 2100), centred.Crop);
        // A focus near the top edge: the area slides down only as far as the edge allows.
        Assert.Equal(new CropArea(0, 0, 4000, 2100), ImageRecipe.Crop(photo, CropKind.Social, new ImageFocus(0.5, 0.05)).Crop);
        Assert.Equal(new CropArea(1000, 0, 3000, 3000), ImageRecipe.Crop(photo, CropKind.Square, new ImageFocus(0.9, 0.5)).Crop);
        Assert.Equal("1200x1200-90-50.jpg", ImageRecipe.Crop(photo, CropKind.Square, new ImageFocus(0.9, 0.5)).FileName);
        // A source smaller than the crop: as large as it allows, the same shape, never enlarged.
        var small = ImageRecipe.Crop(new SourceImage("0123456789abcdef0123", 800, 600, ImageFormat.Png), CropKind.Wide, ImageFocus.Centre);
        Assert.Equal((800, 450, ImageFormat.Jpeg), (small.Width, small.Height, small.Format));
    }
}
