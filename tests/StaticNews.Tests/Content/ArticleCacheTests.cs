using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Content;

public sealed class ArticleCacheTests
{
    private static readonly Article Full = new()
    {
        StoryKey = "kopi-gayo",
        Language = "ar",
        SourcePath = "articles/kopi-gayo/ar.md",
        Title = "قهوة جايو",
        Date = new DateTimeOffset(2026, 11, 27, 9, 30, 15, TimeSpan.FromHours(7)).AddTicks(1234),
        Updated = new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.FromMinutes(-150)),
        Authors = ["Redaksi", "rahmat-hidayat"],
        Translator = "Sarah Lim",
        Category = "ekonomi",
        Corrections = [new Correction(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(7)), new LocalizedText("Koreksi", new Dictionary<string, string> { ["en"] = "Corrected", ["ar"] = "تصحيح" }))],
        Tags = ["kopi", "aceh"],
        TagNames = [new TagName("Kopi", "Coffee")],
        Summary = "ملخص",
        Image = "gayo.jpg",
        ImageAlt = "Kebun kopi",
        ImageCaption = "Panen di Takengon",
        ImageCredit = "Redaksi",
        ImageFocus = new StaticNews.Images.ImageFocus(0.25, 0.75),
        Translation = TranslationKind.Human,
        Slug = "qahwa-gayo",
        Draft = true,
        Engine = "deepl",
        SourceHash = "0123456789abcdef0123456789abcdef",
        Translated = new DateTimeOffset(2026, 11, 28, 4, 5, 6, TimeSpan.FromHours(7)),
        Reviewed = true,
        TextHash = "fedcba9876543210fedcba9876543210",
        BodySummary = "Kopi dari dataran tinggi Gayo…",
        ContentHash = StaticNews.Publish.Fingerprint.Of("abc123"),
        Html = "<p>body</p>",
    };

    [Fact]
    public void Every_property_of_an_article_survives_the_cache_file_except_the_body_which_is_rendered_again()
    {
        // If this fails after a property was added to Article, store it in ArticleCache (and bump its Format).
        var properties = typeof(Article).GetProperties().Where(p => p.Name != nameof(Article.Html)).ToList();
        Assert.All(properties, p => Assert.NotEqual(p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null, p.GetValue(Full)));

        using var temp = new TempDir();
        var output = temp.Combine("output");
        Directory.CreateDirectory(output);
        var stamp = new FileStamp(42, 638_000_000_000_000_000);
        var warning = new Diagnostic(Severity.Warning, "unknown front matter key 'x' is ignored", Full.SourcePath, 7);
        var saved = ArticleCache.Empty("key");
        saved.Remember(Full, stamp, [warning]);
        saved.Save(StaticNews.Publish.StateFolder.For(output));

        var diagnostics = new DiagnosticBag();
        var loaded = ArticleCache.Load(StaticNews.Publish.StateFolder.For(output), "key").ReuseUnchanged(Full.SourcePath, stamp, diagnostics, (_, _) => RenderedBody.Fixed("<p>again</p>"));

        Assert.NotNull(loaded);
        foreach (var property in properties)
        {
            var (expected, actual) = (property.GetValue(Full), property.GetValue(loaded));
            if (expected is IEnumerable<string> list) Assert.Equal(list, (IEnumerable<string>)actual!);
            else if (expected is IEnumerable<Correction> corrections)
                Assert.Equal(corrections.Select(Shown), ((IEnumerable<Correction>)actual!).Select(Shown));
            else Assert.Equal(expected, actual);
        }
        Assert.Equal(Full.Date!.Value.Offset, loaded.Date!.Value.Offset);
        Assert.Equal("<p>again</p>", loaded.Body(new Uri("https://news.example.org/id/2026/10/s/")).PageHtml);
        Assert.Equal([warning], diagnostics.Sorted());
    }

    private static string Shown(Correction c) =>
        $"{c.Date:O} {c.Text.Common} {string.Join(" ", c.Text.Languages.Order().Select(l => l + "=" + c.Text.Own(l)))}";

    [Fact]
    public void A_file_is_reused_by_its_stamp_only_if_the_stamp_is_the_recorded_one()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var stamp = SaveOneArticle(output);

        var cache = ArticleCache.Load(StaticNews.Publish.StateFolder.For(output), "key");
        Assert.Null(cache.ReuseUnchanged(Full.SourcePath, stamp with { WriteTicks = stamp.WriteTicks + 1 }, new DiagnosticBag(), (_, _) => RenderedBody.Fixed("")));
        Assert.Null(cache.ReuseUnchanged(Full.SourcePath, stamp with { Length = 43 }, new DiagnosticBag(), (_, _) => RenderedBody.Fixed("")));
        Assert.Null(cache.ReuseUnchanged(Full.SourcePath, null, new DiagnosticBag(), (_, _) => RenderedBody.Fixed("")));
        Assert.Null(ArticleCache.Load(StaticNews.Publish.StateFolder.For(output), "another key").ReuseUnchanged(Full.SourcePath, stamp, new DiagnosticBag(), (_, _) => RenderedBody.Fixed("")));
    }

    [Fact]
    public void A_garbled_cache_file_is_no_cache()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var stamp = SaveOneArticle(output);
        var file = StaticNews.Publish.StateFolder.For(output).File("cache/articles.bin");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        Assert.Null(ArticleCache.Load(StaticNews.Publish.StateFolder.For(output), "key").ReuseUnchanged(Full.SourcePath, stamp, new DiagnosticBag(), (_, _) => RenderedBody.Fixed("")));
    }

    [Fact]
    public void The_cache_is_saved_again_only_when_a_file_was_parsed_dropped_or_stamped_anew_and_then_holds_the_new_stamp()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var stamp = SaveOneArticle(output);
        var state = StaticNews.Publish.StateFolder.For(output);
        RenderedBody Render(Article a, Uri u) => RenderedBody.Fixed("");

        var unchanged = ArticleCache.Load(state, "key");
        Assert.NotNull(unchanged.ReuseUnchanged(Full.SourcePath, stamp, new DiagnosticBag(), Render));
        unchanged.LetGoOfPrevious();
        Assert.False(unchanged.Changed);

        Assert.True(ArticleCache.Load(state, "key").Changed, "the one file is gone");

        // Touched, same bytes: reused, and the new stamp saved so that the next build does not read it.
        var touched = ArticleCache.Load(state, "key");
        var newStamp = stamp with { WriteTicks = stamp.WriteTicks + 1 };
        Assert.NotNull(touched.Reuse(Full.SourcePath, Full.ContentHash, newStamp, new DiagnosticBag(), Render));
        touched.LetGoOfPrevious();
        Assert.True(touched.Changed);
        touched.Save(state);
        Assert.NotNull(ArticleCache.Load(state, "key").ReuseUnchanged(Full.SourcePath, newStamp, new DiagnosticBag(), Render));

        var parsed = ArticleCache.Load(state, "key");
        parsed.Remember(Full with { Title = "edited" }, newStamp, []);
        Assert.True(parsed.Changed);
    }

    /// <summary>Saves a cache holding <see cref="Full"/> beside <paramref name="output"/>, and returns the stamp recorded with it.</summary>
    private static FileStamp SaveOneArticle(string output)
    {
        Directory.CreateDirectory(output);
        var stamp = new FileStamp(42, 638_000_000_000_000_000);
        var saved = ArticleCache.Empty("key");
        saved.Remember(Full, stamp, []);
        saved.Save(StaticNews.Publish.StateFolder.For(output));
        return stamp;
    }
}
