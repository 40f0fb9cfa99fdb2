using StaticNews.Content;

namespace StaticNews.Tests.Content;

public sealed class TermSlugTests
{
    [Theory]
    [InlineData("Korea Utara", "korea-utara")]
    [InlineData("  korea   UTARA ", "korea-utara")]
    [InlineData("Korea-Utara", "korea-utara")]
    [InlineData("Piala Dunia, 2026!", "piala-dunia-2026")]
    [InlineData("Vladimir Putin", "vladimir-putin")]
    [InlineData("Ｐｉａｌａ　Ｄｕｎｉａ　２０２６", "piala-dunia-2026")] // full-width forms are the letters they show
    [InlineData("Côte d'Ivoire", "côte-d-ivoire")]
    [InlineData("كوريا الشمالية", "كوريا-الشمالية")]
    [InlineData("القُدْس", "القُدْس")] // Arabic vowel marks stay on their letters
    [InlineData("朝鲜半岛", "朝鲜半岛")]
    [InlineData("東京 オリンピック", "東京-オリンピック")]
    [InlineData("हिन्दी समाचार", "हिन्दी-समाचार")] // Devanagari vowel signs and virama are marks
    [InlineData("𠮷野家", "𠮷野家")] // a letter outside the Basic Multilingual Plane
    [InlineData("sepak-bola", "sepak-bola")] // key-style tags are their own slug
    [InlineData("CON", "con_")] // a Windows device name is no folder there
    [InlineData("!!!", "")]
    [InlineData("🔥", "")]
    public void A_tag_is_identified_by_a_slug_of_its_letters_and_digits_in_any_script(string text, string slug) =>
        Assert.Equal(slug, TermSlug.Of(text));

    [Fact]
    public void A_long_tag_is_cut_between_characters_never_inside_one()
    {
        var text = string.Concat(Enumerable.Repeat("𠮷", 60)); // 120 UTF-16 units
        var slug = TermSlug.Of(text);
        Assert.True(slug.Length <= TermSlug.MaxLength);
        Assert.Equal(string.Concat(Enumerable.Repeat("𠮷", TermSlug.MaxLength / 2)), slug);
        Assert.Equal(slug, TermSlug.Of(slug)); // stable: the slug of a slug is itself
    }

    [Fact]
    public void The_shown_text_is_one_line_with_single_spaces()
    {
        Assert.Equal("Korea Utara", TermSlug.Clean(" Korea\n\t Utara  "));
        Assert.Equal("a b", TermSlug.Clean("a\r\nb"));
    }
}
