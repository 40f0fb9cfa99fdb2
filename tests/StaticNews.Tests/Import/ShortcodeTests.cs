using StaticNews.Import.Wordpress;

namespace StaticNews.Tests.Import;

public sealed class ShortcodeTests
{
    private static List<ShortcodeTag> Scan(string text) => Shortcodes.Scan(text, Shortcodes.ClosingNames(text).ToHashSet());

    [Fact]
    public void Attributes_quoted_unquoted_and_positional_are_read()
    {
        var tag = Assert.Single(Scan("x [caption id=\"attachment_5\" align='alignnone' width=300 caption=\"A [b]\"]"));
        Assert.Equal("caption", tag.Name);
        Assert.Equal("attachment_5", tag.Attribute("id"));
        Assert.Equal("alignnone", tag.Attribute("align"));
        Assert.Equal("300", tag.Attribute("width"));
        Assert.Equal("A [b]", tag.Attribute("caption"));
        var selfClosing = Assert.Single(Scan("[contact-form-7 id=\"5\" /]"));
        Assert.True(selfClosing.SelfClosing);
        Assert.Equal("5", selfClosing.Attribute("id"));
        Assert.Equal(["https://youtu.be/x"], Assert.Single(Scan("[embed \"https://youtu.be/x\"]")).Positional);
    }

    [Theory]
    [InlineData("[Baca juga: Harga kopi naik]")]
    [InlineData("[catatan]")]
    [InlineData("[1]")]
    [InlineData("[[caption]]")]
    [InlineData("a [b] c")]
    [InlineData("[caption unclosed")]
    public void Prose_in_brackets_is_not_a_shortcode(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void A_plugin_shortcode_is_recognised_by_its_closing_tag_or_its_name()
    {
        Assert.Equal(2, Scan("[note]text[/note]").Count);
        Assert.Single(Scan("[su_button]"));
        Assert.Empty(Scan("[note] text"));
    }
}
