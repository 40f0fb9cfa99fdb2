using System.Globalization;
using System.Text;
using CsCheck;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Property: after any sequence of newsroom edits, a build that follows them from the last build's output and state
/// publishes byte for byte what a build from nothing publishes for the same input, clock and record of published
/// addresses. Each case builds a small site, then applies a few steps of random edits (stories added, removed,
/// re-dated, given a new address or an old one, re-categorised, re-tagged, summarised, corrected, pictured, translated,
/// unpublished, files touched, authors and categories renamed, time passing), building after each step both ways, and
/// compares what each build says (errors and warnings) as well as what it publishes. In half the cases the builds that
/// follow hold the article cache and the stories they made from one to the next, and read the output's record and build
/// cache ahead after each, as `serve` does, instead of reading them from the output's state as they start. The safety
/// net for builds that follow what changed.
/// STATICNEWS_FUZZ_ITERATIONS sets the case count (default 40); STATICNEWS_FUZZ_SEED replays a case that CsCheck printed.
/// </summary>
public sealed class IncrementalDifferentialTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private enum EditKind
    {
        AddStory, RemoveStory, Retitle, Redate, Recategorise, Retag, ChangeAuthor, Rewrite, ToggleDraft, MarkUpdated,
        AddTranslation, RemoveTranslation, RetitleTranslation, Reslug, Alias, Summarise, Correct, Picture, Refocus, Touch,
        RenameAuthor, RenameCategory, PassTime,
    }

    /// <summary>One edit; <paramref name="A"/> and <paramref name="B"/> pick the story, language, day or value it applies to.</summary>
    private sealed record Edit(EditKind Kind, int A, int B, string Words)
    {
        public override string ToString() => $"{Kind}({A}, {B}, \"{Words}\")";
    }

    private static readonly string[] WordPool = ["kabar", "pasar", "hujan", "kereta", "pemilu", "kopi", "laut", "sekolah", "\"kutip\"", "é", "日本", "العربية", "<b>", "&"];
    private static readonly string[] Categories = ["", "politik", "ekonomi", "olahraga"];
    private static readonly string[] Tags = ["Jakarta", "Kopi", "Pemilu 2029", "Laut"];
    // "tamu" is shaped like a key that authors.yml lacks: a warning, which every build says again for each version naming it.
    private static readonly string[] Authors = ["rina", "budi", "Kantor Berita", "tamu"];
    private static readonly string[] Translations = ["en", "ar"];
    // A story's lead image is one of these, saved as the same file name: a new picture is new bytes under the old name.
    private static readonly byte[][] Pictures = [TestImages.Jpeg(320, 200), TestImages.Jpeg(400, 240)];

    private static readonly Gen<Edit> AnyEdit = Gen.Select(
        Gen.Frequency(
            (5, Gen.Const(EditKind.AddStory)), (1, Gen.Const(EditKind.RemoveStory)), (2, Gen.Const(EditKind.Retitle)),
            (2, Gen.Const(EditKind.Redate)), (1, Gen.Const(EditKind.Recategorise)), (2, Gen.Const(EditKind.Retag)),
            (1, Gen.Const(EditKind.ChangeAuthor)), (1, Gen.Const(EditKind.Rewrite)), (1, Gen.Const(EditKind.ToggleDraft)),
            (1, Gen.Const(EditKind.MarkUpdated)), (2, Gen.Const(EditKind.AddTranslation)), (1, Gen.Const(EditKind.RemoveTranslation)),
            (1, Gen.Const(EditKind.RetitleTranslation)), (1, Gen.Const(EditKind.Reslug)), (1, Gen.Const(EditKind.Alias)), (1, Gen.Const(EditKind.Summarise)),
            (1, Gen.Const(EditKind.Correct)), (2, Gen.Const(EditKind.Picture)), (1, Gen.Const(EditKind.Refocus)),
            (1, Gen.Const(EditKind.Touch)), (1, Gen.Const(EditKind.RenameAuthor)), (1, Gen.Const(EditKind.RenameCategory)),
            (1, Gen.Const(EditKind.PassTime))),
        Gen.Int[0, 999], Gen.Int[0, 999], Gen.OneOf(WordPool).Array[1, 4].Select(w => string.Join(' ', w)),
        (kind, a, b, words) => new Edit(kind, a, b, words));

    /// <summary>
    /// A first build of three to six stories, then one to four steps of one to three edits, each step built; and whether
    /// the builds that follow hold the article cache and the stories between them.
    /// </summary>
    private static readonly Gen<(Edit[][] Steps, bool Held)> Cases = Gen.Select(
        Gen.Int[3, 6].SelectMany(n => Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999], Gen.OneOf(WordPool), (a, b, w) => new Edit(EditKind.AddStory, a, b, w)).Array[n, n]),
        AnyEdit.Array[1, 3].Array[1, 4],
        Gen.Bool,
        (first, later, held) => ((Edit[][])[first, .. later], held));

    [Fact]
    public void After_any_edits_the_build_that_follows_them_publishes_what_a_full_build_publishes()
    {
        var iterations = FuzzRuns.Iterations(inCi: 40);
        var seed = FuzzRuns.Seed;
        int builds = 0, kept = 0, heldCases = 0;
        Cases.Sample(@case =>
        {
            var steps = @case.Steps;
            using var temp = new TempDir();
            using var held = @case.Held ? new HeldArticleCache() : null;
            var heldStories = @case.Held ? new StaticNews.Stories.HeldStories() : null;
            using var siteAhead = @case.Held ? RecordedSite.ReadAhead() : null;
            using var urlsAhead = @case.Held ? StaticNews.Redirects.PublishedUrls.ReadAhead() : null;
            if (held is not null) Interlocked.Increment(ref heldCases);
            var newsroom = new Newsroom(temp.Combine("input"));
            var output = temp.Combine("output");
            for (var step = 0; step < steps.Length; step++)
            {
                foreach (var edit in steps[step]) newsroom.Apply(edit);
                newsroom.Save();

                // The reference starts from the same record of published addresses (a page's earlier addresses
                // redirect to it), and from nothing else: no output, no caches.
                var reference = temp.Combine($"full-{step}");
                var record = StateFolder.For(output).File(StaticNews.Redirects.PublishedUrls.FileName);
                if (File.Exists(record))
                {
                    Directory.CreateDirectory(StateFolder.For(reference).Path);
                    File.Copy(record, StateFolder.For(reference).File(StaticNews.Redirects.PublishedUrls.FileName));
                }

                var published = OutputChecks.Snapshot(output);
                // Sitemap files of two stories each, as the feeds have two entries: with the thousand of a real site, these
                // sites would have one file of stories per language, which nearly every step changes.
                var followed = SiteBuild.Run(newsroom.Input, output, newsroom.Clock,
                    options => options with { HeldArticles = held, HeldStories = heldStories, SiteReadAhead = siteAhead, UrlsReadAhead = urlsAhead, SitemapStoriesPerFile = 2 });
                var full = SiteBuild.Run(newsroom.Input, reference, newsroom.Clock, options => options with { SitemapStoriesPerFile = 2 });
                Interlocked.Add(ref builds, 2);
                if (Said(followed) != Said(full))
                    throw new Exception($"step {step}: the build that followed the edits says\n{Said(followed)}\nand the full build\n{Said(full)}");
                if (!followed.Success)
                {
                    // Edits that leave nothing to publish (every story a draft or scheduled) are refused: the
                    // published site stays as it was, and the next step follows from it.
                    if (FirstDifference(published, OutputChecks.Snapshot(output)) is { } changed)
                        throw new Exception($"step {step}: refused, yet changed {changed}");
                    continue;
                }
                if (FirstDifference(OutputChecks.Snapshot(reference), OutputChecks.Snapshot(output)) is { } path)
                    throw new Exception($"step {step} ({followed.FilesWritten} files written, {followed.FilesKept} kept): {path} differs" +
                        $"\n--- full build\n{Text(Path.Combine(reference, path))}\n--- followed build\n{Text(Path.Combine(output, path))}");
                Interlocked.Add(ref kept, followed.FilesKept);
            }
        }, iter: iterations, seed: seed, threads: 1, print: Describe);
        log.WriteLine($"{iterations} cases ({heldCases} holding the article cache and the stories and reading the output's records ahead), {builds} builds: every followed build published what the full build did, {kept} files kept from the build before");
        // The builds that follow must have kept files, or this compared full builds with full builds (a replayed case
        // may be one whose every step was refused).
        if (seed is null) Assert.True(kept > 0, "no build kept a file of the build before it");
    }

    /// <summary>The errors and warnings of <paramref name="report"/>, one per line.</summary>
    private static string Said(BuildReport report) =>
        string.Join("\n", report.Diagnostics.Select(d => $"{d.Severity} {d.File}:{d.Line}: {d.Message}"));

    /// <summary>The first path (of <see cref="OutputChecks.Snapshot"/>s) that one site has and the other lacks, or whose bytes differ; null when none.</summary>
    private static string? FirstDifference(SortedDictionary<string, string> expected, SortedDictionary<string, string> made) =>
        expected.Keys.Union(made.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(p => !expected.TryGetValue(p, out var hash) || !made.TryGetValue(p, out var other) || hash != other);

    private static string Text(string file) =>
        !File.Exists(file) ? "(no such file)" : File.ReadAllText(file) is var text && text.Length > 4000 ? text[..4000] + "…" : text;

    private static string Describe((Edit[][] Steps, bool Held) @case) =>
        (@case.Held ? "the article cache and the stories held and the output's records read ahead between builds\n" : "") +
        string.Join("\n", @case.Steps.Select((edits, i) => $"step {i}: {string.Join(", ", edits.Select(e => e.ToString()))}"));

    /// <summary>The input folder as a newsroom edits it: each story held as fields, each file saved only when its bytes change.</summary>
    private sealed class Newsroom(string input)
    {
        private sealed class Story
        {
            public required string Folder;
            public string Title = "";
            public DateTime Date;
            public readonly Dictionary<string, string> Slugs = new(StringComparer.Ordinal);
            public string Category = "";
            public string[] Tags = [];
            public string Author = "";
            public string Body = "";
            public bool Draft;
            public DateTime? Updated;
            public string? Summary, Alias;
            public int? Picture;
            public (int X, int Y)? Focus;
            public readonly List<(DateTime Date, string Text)> Corrections = [];
            public readonly SortedDictionary<string, (string Title, bool Human)> Translations = new(StringComparer.Ordinal);
        }

        private readonly List<Story> _stories = [];
        private readonly Dictionary<string, string> _authorNames = new(StringComparer.Ordinal) { ["rina"] = "Rina Wulandari", ["budi"] = "Budi Santoso" };
        private readonly Dictionary<string, string> _categoryNames = Categories.Skip(1).ToDictionary(c => c, c => c, StringComparer.Ordinal);
        private readonly Dictionary<string, byte[]> _saved = new(StringComparer.Ordinal);
        // Every save is a minute after the last, all well before the builds: the stamps are trusted, as for files
        // saved earlier in the day, so a build sees an edit by its size and time alone.
        private DateTime _fileTime = DateTime.UtcNow.AddDays(-2);
        private int _nextStory;

        public string Input { get; } = input;
        public BuildClock Clock { get; private set; } = SiteBuild.SampleClock;

        public void Apply(Edit edit)
        {
            if (edit.Kind == EditKind.AddStory)
            {
                var added = new Story { Folder = $"berita-{_nextStory++}" };
                _stories.Add(added);
                Fill(added, edit);
                return;
            }
            if (edit.Kind == EditKind.RenameAuthor)
            {
                var key = Authors[edit.A % 2];
                _authorNames[key] = $"{_authorNames[key].Split(' ')[0]} {edit.Words}";
                return;
            }
            if (edit.Kind == EditKind.RenameCategory)
            {
                _categoryNames[Categories[1 + edit.A % (Categories.Length - 1)]] = edit.Words;
                return;
            }
            if (edit.Kind == EditKind.PassTime)
            {
                Clock = new BuildClock(Clock.Now.AddHours(6 + edit.A % 72));
                return;
            }
            if (_stories.Count == 0) return;
            var story = _stories[edit.A % _stories.Count];
            var language = Translations[edit.B % Translations.Length];
            switch (edit.Kind)
            {
                case EditKind.RemoveStory: _stories.Remove(story); break;
                case EditKind.Retitle: story.Title = $"Berita {edit.Words}"; break;
                case EditKind.Redate: story.Date = Date(edit.B); break;
                case EditKind.Recategorise: story.Category = Categories[edit.B % Categories.Length]; break;
                case EditKind.Retag: story.Tags = Tags.Where((_, i) => (edit.B >> i & 1) == 1).ToArray(); break;
                case EditKind.ChangeAuthor: story.Author = Authors[edit.B % Authors.Length]; break;
                case EditKind.Rewrite: story.Body = $"Isi {edit.Words}.\n\nParagraf {edit.B}."; break;
                case EditKind.ToggleDraft: story.Draft = !story.Draft; break;
                case EditKind.MarkUpdated: story.Updated = edit.B % 3 == 0 ? null : story.Date.AddHours(1 + edit.B % 100); break;
                case EditKind.Reslug:
                    var slugged = edit.B % 3 == 0 ? "id" : language;
                    if (edit.A % 3 == 0) story.Slugs.Remove(slugged);
                    else story.Slugs[slugged] = $"{story.Folder}-{slugged}-{edit.A % 3}";
                    break;
                case EditKind.AddTranslation: story.Translations[language] = ($"{language} {edit.Words}", edit.B % 3 == 0); break;
                case EditKind.RemoveTranslation: story.Translations.Remove(language); break;
                case EditKind.RetitleTranslation when story.Translations.TryGetValue(language, out var t):
                    story.Translations[language] = ($"{language} {edit.Words} {edit.A}", t.Human);
                    break;
                case EditKind.Alias: story.Alias = edit.B % 3 == 0 ? null : $"/lama/{story.Folder}-{edit.B % 3}/"; break;
                case EditKind.Summarise: story.Summary = edit.B % 3 == 0 ? null : $"Ringkasan {edit.Words}"; break;
                case EditKind.Correct: story.Corrections.Add((story.Date.AddHours(1 + edit.B % 50), $"Diperbaiki: {edit.Words}")); break;
                case EditKind.Picture: story.Picture = edit.B % 4 == 3 ? null : edit.B % 2; break;
                case EditKind.Refocus: story.Focus = edit.B % 3 == 0 ? null : (edit.A % 10, edit.B % 10); break;
                case EditKind.Touch: _saved.Remove(Path.Combine(Input, $"articles/{story.Folder}/id.md")); break;
            }
        }

        // Half the stories in the days around the build clock's (27 November): some in the news sitemap's two days, some
        // scheduled. The rest over the month before, so that a new date can move a story's address to another month.
        private static DateTime Date(int pick) =>
            (pick % 2 == 0 ? new DateTime(2026, 11, 20) : new DateTime(2026, 10, 20)).AddHours(pick / 2 % 240);

        private static void Fill(Story story, Edit edit)
        {
            story.Title = $"Berita {edit.Words} {edit.A}";
            story.Date = Date(edit.A + edit.B);
            story.Category = Categories[edit.A / 30 % Categories.Length];
            story.Tags = Tags.Where((_, i) => (edit.B >> i & 1) == 1).ToArray();
            story.Author = Authors[(edit.A + edit.B) % Authors.Length];
            story.Body = $"Isi {edit.Words}.";
            if (edit.A % 4 == 0) story.Corrections.Add((story.Date.AddHours(2), $"Diperbaiki {edit.A}"));
            if (edit.B % 4 < 2) story.Picture = edit.B % 2;
            if (edit.B % 2 == 0) story.Translations["en"] = ($"News {edit.Words}", false);
            if (edit.B % 3 == 0) story.Translations["ar"] = ($"خبر {edit.Words}", edit.B % 5 == 0);
        }

        /// <summary>Writes the files whose bytes changed, removes those of removed stories, translations and pictures.</summary>
        public void Save()
        {
            // Small pages and feeds, so that a few stories make stable listing pages and feed archives (from six stories in
            // a language), which the builds that follow keep or make again.
            var texts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["site.yml"] = SiteBuild.MinimalSiteYml + "\npageSize: 2\nfeedSize: 2\ntimeZone: Asia/Jakarta\n",
                ["taxonomy.yml"] = "categories:\n" + string.Concat(_categoryNames.Select(c => $"  {c.Key}:\n    label: {{ id: {Quoted(c.Value)}, en: {c.Key} }}\n")),
                ["authors.yml"] = string.Concat(_authorNames.Select(a => $"{a.Key}:\n  name: {Quoted(a.Value)}\n")),
            };
            foreach (var story in _stories)
            {
                var original = new StringBuilder($"---\ntitle: {Quoted(story.Title)}\n");
                original.Append($"date: {Jakarta(story.Date)}\n");
                if (story.Updated is { } updated) original.Append($"updated: {Jakarta(updated)}\n");
                if (story.Slugs.TryGetValue("id", out var slug)) original.Append($"slug: {slug}\n");
                original.Append($"author: {story.Author}\n");
                if (story.Category.Length > 0) original.Append($"category: {story.Category}\n");
                if (story.Tags.Length > 0) original.Append($"tags: [{string.Join(", ", story.Tags)}]\n");
                if (story.Draft) original.Append("draft: true\n");
                if (story.Picture is not null) original.Append("image: foto.jpg\nimage_alt: Foto\n");
                if (story.Focus is { } focus) original.Append(CultureInfo.InvariantCulture, $"image_focus: [0.{focus.X}, 0.{focus.Y}]\n");
                if (story.Summary is not null) original.Append($"summary: {Quoted(story.Summary)}\n");
                if (story.Alias is not null) original.Append($"aliases: [{story.Alias}]\n");
                if (story.Corrections.Count > 0)
                    original.Append("corrections: [").AppendJoin(", ", story.Corrections.Select(c =>
                        $"{{ date: {Jakarta(c.Date)}, text: {Quoted(c.Text)} }}")).Append("]\n");
                original.Append($"---\n{story.Body}\n");
                texts[$"articles/{story.Folder}/id.md"] = original.ToString();
                foreach (var (language, (title, human)) in story.Translations)
                    texts[$"articles/{story.Folder}/{language}.md"] =
                        $"---\ntitle: {Quoted(title)}\ntranslation: {(human ? "human" : "machine")}\n" +
                        (story.Slugs.TryGetValue(language, out var translated) ? $"slug: {translated}\n" : "") + $"---\n{language}: {story.Body}\n";
            }

            var files = texts.ToDictionary(t => t.Key, t => Encoding.UTF8.GetBytes(t.Value), StringComparer.Ordinal);
            foreach (var story in _stories)
                if (story.Picture is { } picture) files[$"articles/{story.Folder}/foto.jpg"] = Pictures[picture];
            foreach (var (relative, bytes) in files)
            {
                var path = Path.Combine(Input, relative);
                if (_saved.TryGetValue(path, out var saved) && saved.AsSpan().SequenceEqual(bytes)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
                File.SetLastWriteTimeUtc(path, _fileTime = _fileTime.AddMinutes(1));
                _saved[path] = bytes;
            }
            foreach (var path in _saved.Keys.Where(p => !files.ContainsKey(Path.GetRelativePath(Input, p).Replace('\\', '/'))).ToList())
            {
                File.Delete(path);
                _saved.Remove(path);
                var folder = Path.GetDirectoryName(path)!;
                if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            }
        }

        private static string Jakarta(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+07:00";

        private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
