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

        var nothingFound = ArticleCache.Load(state, "key");
        nothingFound.LetGoOfPrevious();
        Assert.True(nothingFound.Changed, "the one file is gone");

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
        parsed.LetGoOfPrevious();
        Assert.True(parsed.Changed);
    }

    private static readonly FileStamp Stamp = new(42, 638_000_000_000_000_000);

    private static RenderedBody NoBody(Article a, Uri u) => RenderedBody.Fixed("");

    private static Article Story(string name, string title) => Full with { StoryKey = name, SourcePath = $"articles/{name}/ar.md", Title = title };

    /// <summary>A cache of forty stories, saved whole beside <paramref name="output"/>, as a first build leaves it.</summary>
    private static StaticNews.Publish.StateFolder SaveArchive(string output)
    {
        Directory.CreateDirectory(output);
        var state = StaticNews.Publish.StateFolder.For(output);
        var cache = ArticleCache.Empty("key");
        for (var i = 0; i < 40; i++) cache.Remember(Story($"s{i:D2}", $"Story {i}"), Stamp, []);
        cache.Save(state);
        return state;
    }

    /// <summary>A build over the cache: every story of <paramref name="stories"/> found unchanged, and <paramref name="added"/> parsed afresh.</summary>
    private static void Build(StaticNews.Publish.StateFolder state, IEnumerable<string> stories, params Article[] added)
    {
        var cache = ArticleCache.Load(state, "key");
        foreach (var name in stories) Assert.NotNull(cache.ReuseUnchanged($"articles/{name}/ar.md", Stamp, new DiagnosticBag(), NoBody));
        foreach (var article in added) cache.Remember(article, Stamp, []);
        cache.LetGoOfPrevious();
        cache.Save(state);
    }

    private static IEnumerable<string> Archive(params int[] except) => Enumerable.Range(0, 40).Except(except).Select(i => $"s{i:D2}");

    /// <summary>The title of each story the cache finds unchanged (null: not in the cache, so read and parsed again).</summary>
    private static List<string?> Titles(StaticNews.Publish.StateFolder state, params string[] stories)
    {
        var cache = ArticleCache.Load(state, "key");
        return [.. stories.Select(name => cache.ReuseUnchanged($"articles/{name}/ar.md", Stamp, new DiagnosticBag(), NoBody)?.Title)];
    }

    [Fact]
    public void A_build_that_adds_and_removes_a_story_appends_to_the_cache_file_and_the_next_build_finds_every_article()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        var file = state.File("cache/articles.bin");
        var first = File.ReadAllBytes(file);

        Build(state, Archive(except: 7), Story("breaking", "Breaking"));

        var second = File.ReadAllBytes(file);
        Assert.Equal(first, second[..first.Length]);
        Assert.True(second.Length - first.Length < first.Length / 10, $"{second.Length - first.Length} bytes appended to a cache of {first.Length}");
        Assert.Equal(["Story 0", "Story 6", null, "Story 39", "Breaking"], Titles(state, "s00", "s06", "s07", "s39", "breaking"));

        // Edited again: the later record wins.
        Build(state, Archive(except: 7), Story("breaking", "Breaking, updated"));
        Assert.Equal(["Breaking, updated", null, "Story 8"], Titles(state, "breaking", "s07", "s08"));
    }

    [Fact]
    public void An_append_cut_short_or_garbled_is_ignored_and_the_next_build_appends_after_what_was_whole()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        var file = state.File("cache/articles.bin");
        var whole = File.ReadAllBytes(file).Length;
        Build(state, Archive(except: 7), Story("breaking", "Breaking"));
        var appended = File.ReadAllBytes(file);

        // Killed while appending: the earlier cache stands (the removed story still in it: right for its file, were it back).
        File.WriteAllBytes(file, appended[..(whole + (appended.Length - whole) / 2)]);
        Assert.Equal(["Story 0", "Story 7", null], Titles(state, "s00", "s07", "breaking"));

        // One byte flipped in the appended title: the record's hash no longer matches, and it is not used.
        var garbled = appended.ToArray();
        garbled[^40] ^= 0x20;
        File.WriteAllBytes(file, garbled);
        Assert.Equal(["Story 39", null], Titles(state, "s39", "breaking"));

        // The next build writes its record after the whole part: the garbled one is gone, the new one read.
        Build(state, Archive(), Story("later", "Later"));
        Assert.Equal(["Story 7", null, "Later"], Titles(state, "s07", "breaking", "later"));
    }

    [Fact]
    public void Appends_past_a_share_of_the_cache_compact_it_into_the_file_a_single_save_of_the_same_articles_writes()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        var file = state.File("cache/articles.bin");
        var stories = Archive().ToList();
        var appends = 0;
        var compacted = false;
        for (var n = 0; n < 40 && !compacted; n++)
        {
            var before = File.ReadAllBytes(file);
            var edited = Story($"s{n:D2}", $"Story {n}, edited");
            Build(state, stories.Where(s => s != $"s{n:D2}"), edited);
            var after = File.ReadAllBytes(file);
            if (after.Length > before.Length && after.AsSpan(0, before.Length).SequenceEqual(before)) appends++;
            else compacted = true;
        }
        Assert.True(appends > 0, "no build appended to the cache");
        Assert.True(compacted, "the cache grew by appends without bound");

        // Compacted: exactly what one save of the same articles, by a first build, writes.
        using var fresh = new TempDir();
        var again = StaticNews.Publish.StateFolder.For(fresh.Combine("output"));
        Directory.CreateDirectory(fresh.Combine("output"));
        var cache = ArticleCache.Empty("key");
        for (var i = 0; i < 40; i++) cache.Remember(Story($"s{i:D2}", i <= appends ? $"Story {i}, edited" : $"Story {i}"), Stamp, []);
        cache.Save(again);
        Assert.Equal(File.ReadAllBytes(again.File("cache/articles.bin")), File.ReadAllBytes(file));
    }

    [Fact]
    public void Titles_and_summaries_left_in_the_cache_file_read_right_after_the_build_saved_the_cache_again_by_appending_and_compacting()
    {
        using var temp = new TempDir();
        var state = NewState(temp);
        static Article Summarised(int i) => Story($"s{i:D2}", $"Story {i}") with { Summary = $"Ringkasan {i}: " + new string('x', i), BodySummary = $"Badan {i}" };
        var first = ArticleCache.Empty("key");
        for (var i = 0; i < 40; i++) first.Remember(Summarised(i), Stamp, []);
        first.Save(state);

        var file = state.File("cache/articles.bin");
        List<Article> Reuse(ArticleCache build, IEnumerable<string> stories) =>
            [.. stories.Select(name => build.ReuseUnchanged($"articles/{name}/ar.md", Stamp, new DiagnosticBag(), NoBody)!)];
        var archive = Archive().ToList();
        var summaries = Enumerable.Range(0, 40).Select(i => ($"Story {i}", Summarised(i).Summary, "Badan " + i)).ToList();

        // A build reuses every article, adds one and appends it to the cache before it shows them.
        var before = File.ReadAllBytes(file);
        using (var build = ArticleCache.Load(state, "key"))
        {
            var reused = Reuse(build, archive);
            build.Remember(Story("breaking", "Breaking") with { Summary = "Singkat" }, Stamp, []);
            build.LetGoOfPrevious();
            build.Save(state);
            Assert.Equal(before, File.ReadAllBytes(file)[..before.Length]);
            Assert.Equal(summaries, reused.Select(a => (a.Title, a.Summary, a.BodySummary)));
        }

        // The next adds one whose summary is longer than a quarter of the cache: the file is written whole, every entry
        // at a new place, the renamed one still open. The one appended last time is read from its record.
        before = File.ReadAllBytes(file);
        using (var build = ArticleCache.Load(state, "key"))
        {
            var reused = Reuse(build, [.. archive, "breaking"]);
            build.Remember(Story("long", "Long") with { Summary = new string('y', before.Length) }, Stamp, []);
            build.LetGoOfPrevious();
            build.Save(state);
            Assert.NotEqual(before, File.ReadAllBytes(file)[..before.Length]);
            Assert.Equal([.. summaries, ("Breaking", "Singkat", Full.BodySummary)], reused.Select(a => (a.Title, a.Summary, a.BodySummary)));
        }

        using var next = ArticleCache.Load(state, "key");
        Assert.Equal<(string, string?)>([("Story 39", summaries[39].Summary), ("Breaking", "Singkat"), ("Long", new string('y', before.Length))],
            Reuse(next, ["s39", "breaking", "long"]).Select(a => (a.Title, a.Summary)));
    }

    [Fact]
    public void A_cache_of_more_articles_than_one_section_holds_is_read_whole_and_a_garbled_table_of_sections_is_no_cache()
    {
        using var temp = new TempDir();
        var state = NewState(temp);
        // Enough for three sections (the base is read a section per thread), each story with a summary of its own.
        const int count = 40_000;
        var saved = ArticleCache.Empty("key");
        for (var i = 0; i < count; i++) saved.Remember(Story($"s{i:D5}", $"Story {i}") with { Summary = $"Ringkasan {i}" }, Stamp, []);
        saved.Save(state);

        using (var loaded = ArticleCache.Load(state, "key"))
        {
            var found = Enumerable.Range(0, count).Select(i => loaded.ReuseUnchanged($"articles/s{i:D5}/ar.md", Stamp, new DiagnosticBag(), NoBody)).ToList();
            Assert.Equal(Enumerable.Range(0, count).Select(i => ($"Story {i}", $"Ringkasan {i}")), found.Select(a => (a!.Title, a.Summary)));
            loaded.LetGoOfPrevious();
            Assert.False(loaded.Changed);
        }

        // The table after the key: the article count, the section count, then each section's entries and length.
        var file = state.File("cache/articles.bin");
        var bytes = File.ReadAllBytes(file);
        var table = bytes.AsSpan().IndexOf("key"u8) + 3 + 4 + 4;
        Assert.Equal(3, BitConverter.ToInt32(bytes, table - 4));
        // The first section's end moved a byte into the second: each is read to where its entries end, found not to be
        // where the table says, and the cache is not used.
        var garbled = bytes.ToArray();
        var first = table + 4;
        var second = table + 12 + 4;
        BitConverter.TryWriteBytes(garbled.AsSpan(first, 8), BitConverter.ToInt64(bytes, first) - 1);
        BitConverter.TryWriteBytes(garbled.AsSpan(second, 8), BitConverter.ToInt64(bytes, second) + 1);
        File.WriteAllBytes(file, garbled);
        Assert.Equal([null, null], Titles(state, "s00000", "s39999"));
    }

    [Fact]
    public void A_cache_without_a_file_is_written_once_the_input_is_read_and_its_articles_let_go_of_their_summaries()
    {
        using var temp = new TempDir();
        var state = NewState(temp);
        var file = state.File("cache/articles.bin");
        var parsed = Enumerable.Range(0, 3).Select(i => Story($"s{i}", $"Story {i}") with { Summary = $"Ringkasan {i}", BodySummary = "" }).ToList();

        // A first build: nothing loaded, every file parsed.
        var first = ArticleCache.Empty("key");
        foreach (var article in parsed) first.Remember(article, Stamp, []);
        first.SaveIfNew(state);
        Assert.True(File.Exists(file), "the cache was not written once the input was read");
        Assert.False(first.Changed, "nothing is left to save at the end");
        Assert.Equal(["Story 0", "Story 1", "Story 2"], Titles(state, "s0", "s1", "s2"));
        // Read from the file from now on: not held by the articles once the cache is closed.
        Assert.Equal(["Ringkasan 0", "Ringkasan 1", "Ringkasan 2"], parsed.Select(a => a.Summary));
        first.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parsed[0].Summary);

        // A build that loaded the file appends its changes at the end, once the site is published, as before.
        var before = File.ReadAllBytes(file);
        using var next = ArticleCache.Load(state, "key");
        Assert.NotNull(next.ReuseUnchanged("articles/s0/ar.md", Stamp, new DiagnosticBag(), NoBody));
        next.Remember(Story("breaking", "Breaking"), Stamp, []);
        next.SaveIfNew(state);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.True(next.Changed);
    }

    [Fact]
    public void A_cache_held_after_its_build_saved_it_is_the_next_builds_which_finds_what_the_last_one_found_and_not_what_it_lost()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        using var held = new HeldArticleCache();
        var cache = ArticleCache.Load(state, "key");
        foreach (var name in Archive(except: 7)) Assert.NotNull(cache.ReuseUnchanged($"articles/{name}/ar.md", Stamp, new DiagnosticBag(), NoBody));
        cache.Remember(Story("breaking", "Breaking"), Stamp, []);
        cache.LetGoOfPrevious();
        // Not saved, not held: the file is behind it.
        Assert.False(held.Hold(cache, state));
        cache.Save(state);
        Assert.True(held.Hold(cache, state));

        var next = held.Take(state, "key");
        Assert.Same(cache, next);
        Assert.Null(held.Take(state, "key"));
        Assert.Equal("Breaking", next!.ReuseUnchanged("articles/breaking/ar.md", Stamp, new DiagnosticBag(), NoBody)?.Title);
        Assert.Equal("Story 8", next.ReuseUnchanged("articles/s08/ar.md", Stamp, new DiagnosticBag(), NoBody)?.Title);
        Assert.Null(next.ReuseUnchanged("articles/s07/ar.md", Stamp, new DiagnosticBag(), NoBody));
        // What this build did not find is gone from the file it saves, as after a load.
        next.LetGoOfPrevious();
        Assert.True(next.Changed);
        next.Save(state);
        next.Dispose();
        Assert.Equal(["Breaking", null, "Story 8", null], Titles(state, "breaking", "s07", "s08", "s09"));
    }

    [Fact]
    public void A_held_cache_is_let_go_once_another_build_wrote_the_file_or_for_another_key_or_output()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        using var held = new HeldArticleCache();
        // A build here that finds every file of the archive unchanged.
        void HoldLoaded()
        {
            var cache = ArticleCache.Load(state, "key");
            foreach (var name in Archive()) Assert.NotNull(cache.ReuseUnchanged($"articles/{name}/ar.md", Stamp, new DiagnosticBag(), NoBody));
            cache.LetGoOfPrevious();
            Assert.True(held.Hold(cache, state));
        }

        HoldLoaded();
        // Another process's build, between two of this one's, edits a story: the edit is in the file, not in the cache held.
        Build(state, Archive(except: 3), Story("s03", "Story 3, edited"));
        Assert.Null(held.Take(state, "key"));
        Assert.Equal(["Story 3, edited"], Titles(state, "s03"));

        HoldLoaded();
        Assert.Null(held.Take(state, "another key"));
        HoldLoaded();
        Assert.Null(held.Take(StaticNews.Publish.StateFolder.For(temp.Combine("elsewhere")), "key"));
        HoldLoaded();
        Assert.NotNull(held.Take(state, "key"));
    }

    [Fact]
    public void A_cache_read_in_the_background_after_a_build_found_nothing_to_do_is_the_next_builds_unless_another_build_wrote_the_file()
    {
        using var temp = new TempDir();
        var state = SaveArchive(temp.Combine("output"));
        using var held = new HeldArticleCache();

        held.ReadInBackground(state, "key", parallelism: 2);
        var next = held.Take(state, "key");
        Assert.Equal("Story 8", next?.ReuseUnchanged("articles/s08/ar.md", Stamp, new DiagnosticBag(), NoBody)?.Title);
        next!.Dispose();

        held.ReadInBackground(state, "key", parallelism: 2);
        Build(state, Archive(except: 3), Story("s03", "Story 3, edited"));
        Assert.Null(held.Take(state, "key"));
    }

    /// <summary>The state folder of a new output folder in <paramref name="temp"/>.</summary>
    private static StaticNews.Publish.StateFolder NewState(TempDir temp)
    {
        var output = temp.Combine("output");
        Directory.CreateDirectory(output);
        return StaticNews.Publish.StateFolder.For(output);
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
