using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Translation;

namespace StaticNews.Tests.Translation;

/// <summary>The file a translation run writes: its values read back exactly, and the keys it does not own stay as the editor wrote them.</summary>
public sealed class TranslationFileTests
{
    private static readonly SiteConfig Site = new()
    {
        Title = new LocalizedText("T"), BaseUrl = new Uri("https://news.example.org/"), DefaultLanguage = "id",
        Languages = [new LanguageConfig { Code = "id", Name = "id", Hreflang = "id", Culture = System.Globalization.CultureInfo.InvariantCulture },
                     new LanguageConfig { Code = "fr", Name = "fr", Hreflang = "fr", Culture = System.Globalization.CultureInfo.InvariantCulture }],
    };

    private static Article Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        var article = new ArticleParser(Site, new MarkdownRenderer()).Parse(text, "kopi", "fr", "articles/kopi/fr.md", diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        return article!;
    }

    [Theory]
    [InlineData("Le café \"gayo\" : 19 t # export")]
    [InlineData("- liste? [non] {non} &ancre *étoile !tag |bar >plus %pour @at `tick")]
    [InlineData("Deux\nlignes\tet une tabulation \\ barre")]
    [InlineData("yes")]
    [InlineData("2026-11-27")]
    [InlineData("Café gayo (édition spéciale).")]
    public void Values_read_back_exactly_as_they_were_written(string title)
    {
        var text = TranslationFile.Compose(null, "articles/kopi/fr.md", [("title", title), ("translation", "machine"), ("summary", title)], "Corps.");
        var article = Parse(text);
        Assert.Equal(title.Trim(), article.Title);
        Assert.Equal(title.Trim(), article.Summary);
    }

    [Fact]
    public void Keys_the_run_does_not_own_are_kept_as_written_with_their_comments_and_block_values()
    {
        const string existing = """
            ---
            # Traduit par la rédaction de Paris
            title: Ancien titre
            slug: cafe-gayo
            translation: machine
            reviewed: false
            tags:
              - kopi
              - ekspor
            translator: |
              Marie Dupont
              (relue)
            summary: Ancien résumé
            ---

            Ancien texte.
            """;
        var text = TranslationFile.Compose(existing, "articles/kopi/fr.md",
            [("title", "Nouveau titre"), ("translation", "machine"), ("engine", "deepl"), ("summary", null), ("reviewed", null)], "Nouveau texte.");

        Assert.Equal("""
            ---
            title: Nouveau titre
            translation: machine
            engine: deepl
            # Traduit par la rédaction de Paris
            slug: cafe-gayo
            tags:
              - kopi
              - ekspor
            translator: |
              Marie Dupont
              (relue)
            ---

            Nouveau texte.

            """, text);
        Assert.Throws<InputException>(() => TranslationFile.Compose("---\n{title: x, slug: y}\n---\nBody\n", "articles/kopi/fr.md", [("title", "z")], "B"));
    }
}
