using StaticNews.Cli;
using StaticNews.Content;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Cli;

/// <summary>`staticnews new`: the file it scaffolds builds, and it never overwrites.</summary>
public sealed class NewCommandTests
{
    [Theory]
    [InlineData("Kopi Gayo: Ekspor Perdana ke Jepang!", "kopi-gayo-ekspor-perdana-ke-jepang")]
    [InlineData("Café  «Crème» à Paris", "cafe-creme-a-paris")]
    [InlineData("日本のコーヒー", "")]
    public void Slugs_are_ascii_words_joined_by_hyphens(string title, string slug) => Assert.Equal(slug, StoryScaffold.Slug(title));

    [Fact]
    public void Scaffolds_an_original_and_a_translation_that_build()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>());
        const string title = "Harga \"Cabai\" Naik: #1 di Pasar \\ Kota";

        Assert.Equal(0, Program.Main(["new", title, "--input", input, "--category", "ekonomi"]).GetAwaiter().GetResult());
        var file = Path.Combine(input, "articles", "harga-cabai-naik-1-di-pasar-kota", "id.md");
        Assert.True(File.Exists(file));
        Assert.Equal(1, Program.Main(["new", title, "--input", input]).GetAwaiter().GetResult()); // exists: refused
        Assert.Equal(0, Program.Main(["new", "Chili prices rise", "--input", input, "--lang", "en", "--slug", "harga-cabai-naik-1-di-pasar-kota"]).GetAwaiter().GetResult());
        Assert.Equal(1, Program.Main(["new", "Sans original", "--input", input, "--lang", "en"]).GetAwaiter().GetResult());
        Assert.Equal(1, Program.Main(["new", "X", "--input", input, "--lang", "xx"]).GetAwaiter().GetResult());

        // A draft dated now: built with --drafts (and --future, in case the fixed test clock is earlier than now).
        var output = temp.Combine("output");
        var report = SiteBuild.Run(input, output, new StaticNews.Engine.BuildClock(DateTimeOffset.UtcNow.AddMinutes(1)),
            o => o with { IncludeDrafts = true });
        Assert.True(report.Success, string.Join("\n", report.Diagnostics));
        Assert.Equal(1, report.Stories);
        Assert.Equal(2, report.Versions);
        var page = Directory.EnumerateFiles(Path.Combine(output, "id"), "index.html", SearchOption.AllDirectories).Single(f => f.Contains("harga-cabai"));
        Assert.Contains("Harga &quot;Cabai&quot; Naik: #1 di Pasar \\ Kota", File.ReadAllText(page));
        Assert.Equal(0, SiteBuild.Run(input, temp.Combine("published")).Stories); // a draft until the editor says so
    }
}
