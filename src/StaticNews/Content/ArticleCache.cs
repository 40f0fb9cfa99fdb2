using System.Collections.Concurrent;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>
/// The front matter of every article the last build parsed, by source path, content hash and
/// <see cref="FileStamp"/>, kept in the cache folder of the output's <see cref="Publish.StateFolder"/> under the
/// <see cref="BuildKey"/> (tool, theme, site.yml, options). A file whose stamp is the recorded one is not even read; one whose
/// bytes hash the same is not parsed again: its front matter, derived summary and the warnings its parse
/// gave are reused, and its Markdown body is rendered only if a page that shows it is rendered.
/// Bodies are not stored (they would make the cache as large as the site); the file is read again instead.
/// <para>
/// The file is a base, every entry sorted by path (in sections of a fixed number of entries, each with its length in a
/// table at the start, so that a load reads them side by side), followed by records appended by later builds (see
/// <see cref="Publish.StateFolder.Append"/>), each the entries that build parsed or stamped anew and the paths it no
/// longer found: a build that adds a story writes its few entries, not the archive's. A record torn by a killed build
/// is ignored with whatever follows it: the cache is then an earlier build's, whose entries are still right for the
/// files they name (by stamp and hash), merely fewer. The file is written whole again, compacted, once the records would
/// pass a share of the base (see <see cref="Publish.StateFolder.AppendOrSave"/>).
/// </para>
/// <para>
/// The articles it hands out read their titles and summaries from the file when shown (see <see cref="StoredText"/>): the cache
/// is disposed when the build is over, not before.
/// </para>
/// </summary>
public sealed class ArticleCache : IDisposable
{
    private const string FileName = "cache/articles.bin";
    // Stored field by field (see Write/Read): a reflection-free format read in milliseconds at the start of
    // every build. Bump the version when the fields change; a cache in another format is simply not used.
    private const string Format = "staticnews-articles 10";
    // The base is written in sections of this many entries, each with its length: a load reads them side by side.
    private const int SectionSize = 16_384;

    private readonly string _key;
    // The last build's entries while the input files are looked up (read only, but for each entry's Seen); null once
    // they all have been (see LetGoOfPrevious).
    private Dictionary<string, Entry>? _previous;
    // The entries this build parsed or stamped anew, in a queue rather than a table by path: each file is looked up
    // once a build, and a table would cost an entry of its own for every file of a first build, all build long.
    private readonly ConcurrentQueue<Entry> _renewed = new();
    // This build's entries: the last build's it found unchanged (in no order), and what it changed, to be appended (each
    // sorted by path). The two together are what a whole save writes. Null until LetGoOfPrevious.
    private (Entry[] Kept, Entry[] Renewed, string[] Removed)? _changes;
    // The loaded file (none when there was none in this format and key).
    private Publish.StateFolder.AppendedFile _file;
    // Open for the summaries its articles read from it; null when none was loaded or written.
    private FileStream? _stream;

    private ArticleCache(string key, Dictionary<string, Entry> entries, Publish.StateFolder.AppendedFile file, FileStream? stream = null)
    {
        _key = key;
        _previous = entries;
        _file = file;
        _stream = stream;
    }

    /// <summary>Closes the loaded file: the summaries of the articles it handed out can no longer be read.</summary>
    public void Dispose() => _stream?.Dispose();

    /// <summary>One file's article as parsed, with the stamp it had and the warnings its parse gave. Its path and content hash are the article's.</summary>
    private sealed record Entry(Article Article, FileStamp? Stamp, IReadOnlyList<Diagnostic> Warnings)
    {
        public string SourcePath => Article.SourcePath;
        public Publish.Fingerprint ContentHash => Article.ContentHash;
        // Set when this build found the file (each entry by the one thread looking its file up).
        public bool Seen;
    }

    public static ArticleCache Empty(string key) => new(key, new Dictionary<string, Entry>(StringComparer.Ordinal), default);

    /// <param name="parallelism">How many sections of the file are read at once (the build's parallelism).</param>
    public static ArticleCache Load(Publish.StateFolder state, string key, int? parallelism = null)
    {
        FileStream? stream = null;
        try
        {
            // Streamed, not read whole: an array of the cache's size (megabytes) would be a large-object allocation,
            // and those start full garbage collections. Kept open: the summaries are read from it when shown.
            stream = state.OpenRead(FileName);
            if (stream is null) return Empty(key);
            var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != Format || reader.ReadString() != key)
            {
                stream.Dispose();
                return Empty(key);
            }
            var sections = ReadSections(reader, stream.Length);
            // Each section by a thread of its own, through a stream of its own: a build waits for the whole cache.
            var read = new Entry[sections.Length][];
            var handle = stream.SafeFileHandle;
            Parallel.For(0, sections.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
                () => new Loading(stream.Length, handle),
                (i, _, loading) =>
                {
                    using var section = state.OpenRead(FileName) ?? throw new FileNotFoundException("the article cache went away while it was read", FileName);
                    section.Position = sections[i].Start;
                    using var sectionReader = new BinaryReader(section, Encoding.UTF8);
                    var entries = new Entry[sections[i].Count];
                    for (var n = 0; n < entries.Length; n++) entries[n] = ReadEntry(sectionReader, loading);
                    if (section.Position != sections[i].End) throw new FormatException("a section of the article cache longer or shorter than its entries");
                    read[i] = entries;
                    return loading;
                },
                _ => { });
            // Sized up front: no rehash of hundreds of thousands of entries.
            var byPath = new Dictionary<string, Entry>(read.Sum(entries => entries.Length), StringComparer.Ordinal);
            foreach (var entries in read)
                foreach (var entry in entries) byPath[entry.SourcePath] = entry;

            var baseEnd = sections.Length > 0 ? sections[^1].End : stream.Position;
            stream.Position = baseEnd;
            var file = new Publish.StateFolder.AppendedFile(baseEnd, baseEnd);
            var appended = new Loading(stream.Length, handle);
            while (Publish.StateFolder.ReadAppended(stream) is { } record)
            {
                // Read again from the file, now that it is known whole: its summaries are left there, as the base's are.
                var end = stream.Position;
                stream.Position = end - record.Length;
                for (var n = reader.ReadInt32(); n > 0; n--)
                {
                    var entry = ReadEntry(reader, appended);
                    byPath[entry.SourcePath] = entry;
                }
                for (var n = reader.ReadInt32(); n > 0; n--) byPath.Remove(reader.ReadString());
                if (stream.Position != end) throw new FormatException("a record of the article cache longer or shorter than its entries");
                file = file with { Whole = end };
            }
            return new(key, byPath, file, stream);
        }
        // A truncated or garbled cache is no cache: everything is read and parsed again.
        catch (Exception e) when (IsGarbled(e))
        {
            stream?.Dispose();
            return Empty(key);
        }
    }

    private static bool IsGarbled(Exception e) => e is AggregateException all
        ? all.InnerExceptions.All(IsGarbled)
        : e is IOException or FormatException or ArgumentException or OverflowException or UnauthorizedAccessException;

    /// <summary>Where each section of the base is, from the table that follows the key: its entries and its length.</summary>
    private static (int Count, long Start, long End)[] ReadSections(BinaryReader reader, long fileLength)
    {
        var count = reader.ReadInt32();
        var sectionCount = reader.ReadInt32();
        // Checked before anything is made of them: a garbled count must not ask for gigabytes.
        if (count < 0 || sectionCount < 0 || sectionCount > fileLength / 12) throw new FormatException("a garbled table of sections in the article cache");
        var sections = new (int Count, long Start, long End)[sectionCount];
        var start = reader.BaseStream.Position + 12L * sectionCount;
        long entries = 0;
        for (var i = 0; i < sectionCount; i++)
        {
            var sectionEntries = reader.ReadInt32();
            var length = reader.ReadInt64();
            if (sectionEntries < 0 || length < 0 || length > fileLength - start) throw new FormatException("a section of the article cache past its end");
            sections[i] = (sectionEntries, start, start + length);
            start += length;
            entries += sectionEntries;
        }
        return entries == count ? sections : throw new FormatException("sections of the article cache that do not add up to its entries");
    }

    /// <summary>
    /// The article parsed last time from the file as it still is by its <paramref name="stamp"/> (not read again),
    /// its body to be rendered by <paramref name="renderBody"/> when first needed; the warnings that parse gave
    /// are reported again. Null if the file is new, or its stamp is unknown or differs (then use <see cref="Reuse"/>).
    /// </summary>
    public Article? ReuseUnchanged(string sourcePath, FileStamp? stamp, DiagnosticBag diagnostics, Func<Article, Uri, RenderedBody> renderBody)
    {
        if (stamp is null || _previous is null || !_previous.TryGetValue(sourcePath, out var entry) || entry.Stamp != stamp) return null;
        return Reuse(entry, diagnostics, renderBody);
    }

    /// <summary>
    /// The article parsed last time from the same bytes (by <paramref name="contentHash"/>), as <see cref="ReuseUnchanged"/>;
    /// the file's new <paramref name="stamp"/> is recorded for the next build. Null if the file is new or changed.
    /// </summary>
    public Article? Reuse(string sourcePath, Publish.Fingerprint contentHash, FileStamp? stamp, DiagnosticBag diagnostics, Func<Article, Uri, RenderedBody> renderBody)
    {
        if (_previous is null || !_previous.TryGetValue(sourcePath, out var entry) || entry.ContentHash != contentHash) return null;
        if (entry.Stamp != stamp) _renewed.Enqueue(entry with { Stamp = stamp });
        return Reuse(entry, diagnostics, renderBody);
    }

    // The build's article is the cache's, not a copy: each is handed out to one build at a time (the one that loaded it,
    // or the next one of a process that held the cache).
    private static Article Reuse(Entry entry, DiagnosticBag diagnostics, Func<Article, Uri, RenderedBody> renderBody)
    {
        foreach (var warning in entry.Warnings) diagnostics.Add(warning);
        entry.Seen = true;
        return entry.Article.DeferBody(renderBody);
    }

    /// <summary>Records a fresh parse (only clean ones: a file with errors fails the build anyway).</summary>
    public void Remember(Article article, FileStamp? stamp, IReadOnlyList<Diagnostic> warnings)
    {
        // The file's entry of the last build, if any, is found (replaced, not removed).
        if (_previous is not null && _previous.TryGetValue(article.SourcePath, out var previous)) previous.Seen = true;
        _renewed.Enqueue(new Entry(article, stamp, warnings.Count == 0 ? [] : warnings));
    }

    /// <summary>
    /// Called once every input file has been looked up: the entries of files gone or changed are let go (held through
    /// the build, they would hold two articles per changed version), and what this build changed is set aside for <see cref="Save"/>.
    /// </summary>
    public void LetGoOfPrevious()
    {
        if (_changes is not null) return;
        var previous = _previous!;
        _previous = null;
        // By path; a file remembered twice (not in a build, which looks each up once) keeps its later entry.
        var renewed = new List<Entry>(_renewed.Count);
        foreach (var entry in _renewed.OrderBy(e => e.SourcePath, StringComparer.Ordinal))
            if (renewed.Count > 0 && renewed[^1].SourcePath == entry.SourcePath) renewed[^1] = entry;
            else renewed.Add(entry);
        _renewed.Clear();
        var removed = previous.Values.Where(e => !e.Seen).Select(e => e.SourcePath).ToArray();
        Array.Sort(removed, StringComparer.Ordinal);
        var changed = renewed.ToArray();
        var renewedPaths = changed.Select(e => e.SourcePath).ToHashSet(StringComparer.Ordinal);
        // Sorted with the renewed ones only if the file is written whole (see Save): a build that appends its few
        // entries does not sort the archive's.
        var kept = previous.Values.Where(e => e.Seen && !renewedPaths.Contains(e.SourcePath)).ToArray();
        _changes = (kept, changed, removed);
    }

    /// <summary>True if this build parsed, dropped or re-stamped anything, so the saved cache would differ. Known once <see cref="LetGoOfPrevious"/> was called.</summary>
    public bool Changed => _changes is { } changes
        ? changes is (_, { Length: > 0 }, _) or (_, _, { Length: > 0 })
        : throw new InvalidOperationException("Changed is known once every input file has been looked up (LetGoOfPrevious)");

    /// <summary>
    /// Called once every input file has been looked up: a cache that had no file (a first build, or the first since the
    /// tool, theme, site.yml or options changed) is written now rather than once the site is published, and the articles
    /// in it read their summaries from it from then on (see <see cref="StoredText"/>): held in memory, the summaries of a
    /// build that parsed the whole archive would be hundreds of megabytes through the rest of it. Its entries are right
    /// for the files they name whatever becomes of the build. Not written now (a file could not be), it is saved at the
    /// end as before. Only before any other stage reads the articles: their summaries change hands.
    /// </summary>
    public void SaveIfNew(Publish.StateFolder state)
    {
        LetGoOfPrevious();
        if (_file.Base > 0 || _changes is not (_, { Length: > 0 }, _)) return;
        try
        {
            var written = Save(state, leaveSummaries: true);
            if (written is null) return;
            _stream = state.OpenRead(FileName);
            if (_stream is null) return;
            foreach (var (entry, summary, bodySummary) in written) entry.Article.LeaveSummariesIn(_stream.SafeFileHandle, summary, bodySummary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The <see cref="BuildKey"/> the cache is for.</summary>
    internal string Key => _key;

    /// <summary>
    /// True once everything the build changed is in the file (saved, or nothing to save): the cache in memory is then what
    /// a load of the file would give (see <see cref="HeldArticleCache"/>).
    /// </summary>
    internal bool Saved => _changes is (_, { Length: 0 }, { Length: 0 });

    /// <summary>
    /// How the cache's file in <paramref name="state"/> stands (its size, time and, where it is known, its inode), to tell
    /// later whether it is still that file (<see cref="Publish.FileState.IsStill"/>); null: there is none.
    /// </summary>
    internal static Publish.FileState? FileIn(Publish.StateFolder state) => state.StateOf(FileName);

    /// <summary>
    /// Makes the entries of the build that saved the cache (<see cref="Saved"/>) the ones the next build looks its files
    /// up in, as a load of the file would.
    /// </summary>
    internal void StartAgain()
    {
        var (all, _, _) = _changes is { } changes && Saved ? changes : throw new InvalidOperationException("only a saved cache starts again");
        var byPath = new Dictionary<string, Entry>(all.Length, StringComparer.Ordinal);
        foreach (var entry in all)
        {
            entry.Seen = false;
            byPath[entry.SourcePath] = entry;
        }
        (_previous, _changes) = (byPath, null);
    }

    /// <summary>Appends what this build changed to the cache file, or writes it whole (the first time, or to compact it).</summary>
    public void Save(Publish.StateFolder state) => Save(state, leaveSummaries: false);

    /// <returns>If <paramref name="leaveSummaries"/> and the file was written whole: each entry with where its summaries' bytes are in it (-1: not there as bytes).</returns>
    private List<(Entry Entry, long Summary, long BodySummary)>? Save(Publish.StateFolder state, bool leaveSummaries)
    {
        LetGoOfPrevious();
        var (kept, renewed, removed) = _changes!.Value;
        List<(Entry, long, long)>? written = null;
        _file = state.AppendOrSave(FileName, _file,
            record =>
            {
                record.Write(renewed.Length);
                foreach (var entry in renewed) WriteEntry(record, entry);
                record.Write(removed.Length);
                foreach (var path in removed) record.Write(path);
            },
            whole =>
            {
                Entry[] all = [.. kept, .. renewed];
                Array.Sort(all, (a, b) => string.CompareOrdinal(a.SourcePath, b.SourcePath));
                whole.Write(Format);
                whole.Write(_key);
                whole.Write(all.Length);
                var sections = (all.Length + SectionSize - 1) / SectionSize;
                whole.Write(sections);
                // The file under the writer, whose position is where the next byte goes (asking the writer for its stream
                // flushes the file's buffer every time).
                var file = whole.BaseStream;
                // Each section's entries and length, the length known once it is written: its place held, and filled in after.
                var table = file.Position;
                var lengths = new long[sections];
                whole.Write(new byte[12 * sections]);
                if (leaveSummaries) written = new(all.Length);
                for (var i = 0; i < sections; i++)
                {
                    var start = file.Position;
                    foreach (var entry in all.AsSpan(i * SectionSize, Math.Min(SectionSize, all.Length - i * SectionSize)))
                    {
                        var (summary, bodySummary) = WriteEntry(whole, entry, file);
                        written?.Add((entry, summary, bodySummary));
                    }
                    lengths[i] = file.Position - start;
                }
                file.Position = table;
                for (var i = 0; i < sections; i++)
                {
                    whole.Write(Math.Min(SectionSize, all.Length - i * SectionSize));
                    whole.Write(lengths[i]);
                }
                file.Seek(0, SeekOrigin.End);
            });
        _changes = ([.. kept, .. renewed], [], []);
        return written;
    }

    // Every property of Article is stored except the body (rendered again from the file); a test round-trips them all.
    // Returns where in `file` (the stream under the writer, if given) each summary's bytes were written, -1 where none were.
    private static (long Summary, long BodySummary) WriteEntry(BinaryWriter w, Entry entry, Stream? file = null)
    {
        w.Write(entry.SourcePath);
        entry.ContentHash.Write(w);
        w.Write(entry.Stamp is not null);
        if (entry.Stamp is { } stamp) { w.Write(stamp.Length); w.Write(stamp.WriteTicks); }
        var a = entry.Article;
        w.Write(a.StoryKey);
        w.Write(a.Language);
        WriteHeld(w, a.TitleHeld, file);
        WriteDate(w, a.Date);
        WriteDate(w, a.Updated);
        w.Write(a.Authors?.Count ?? -1);
        foreach (var byline in a.Authors ?? []) w.Write(byline);
        WriteText(w, a.Translator);
        WriteText(w, a.Category);
        w.Write(a.Corrections?.Count ?? -1);
        foreach (var correction in a.Corrections ?? [])
        {
            WriteDate(w, correction.Date);
            WriteText(w, correction.Text.Common);
            w.Write(correction.Text.Languages.Count());
            foreach (var language in correction.Text.Languages) { w.Write(language); w.Write(correction.Text.Own(language)!); }
        }
        w.Write(a.Tags?.Count ?? -1);
        foreach (var tag in a.Tags ?? []) w.Write(tag);
        w.Write(a.TagNames?.Count ?? -1);
        foreach (var name in a.TagNames ?? []) { w.Write(name.Tag); w.Write(name.Name); }
        var summary = WriteHeld(w, a.SummaryHeld, file);
        WriteText(w, a.Image);
        WriteText(w, a.ImageAlt);
        WriteText(w, a.ImageCaption);
        WriteText(w, a.ImageCredit);
        w.Write(a.ImageFocus is not null);
        if (a.ImageFocus is { } focus) { w.Write(focus.X); w.Write(focus.Y); }
        w.Write(a.Translation is { } kind ? (int)kind : -1);
        WriteText(w, a.Slug);
        w.Write(a.Draft);
        WriteText(w, a.Engine);
        WriteText(w, a.SourceHash);
        WriteDate(w, a.Translated);
        w.Write(a.Reviewed);
        WriteText(w, a.TextHash);
        var bodySummary = WriteHeld(w, a.BodySummaryHeld, file);
        w.Write(a.Aliases.Count);
        foreach (var alias in a.Aliases) { w.Write(alias.Path); w.Write(alias.Line); }
        w.Write(entry.Warnings.Count);
        foreach (var warning in entry.Warnings)
        {
            w.Write((int)warning.Severity);
            w.Write(warning.Message);
            WriteText(w, warning.File);
            w.Write(warning.Line ?? -1);
        }
        return (summary, bodySummary);
    }

    private static Entry ReadEntry(BinaryReader r, Loading loading)
    {
        var recurring = loading.Recurring;
        string Recurring() => recurring.Read(r);
        string? RecurringOrNull() => r.ReadBoolean() ? recurring.Read(r) : null;
        var sourcePath = r.ReadString();
        var contentHash = Publish.Fingerprint.Read(r);
        FileStamp? stamp = r.ReadBoolean() ? new FileStamp(r.ReadInt64(), r.ReadInt64()) : null;
        var storyKey = Recurring();
        var language = Recurring();
        var title = ReadHeld(r, loading) is { Value: not null } held ? held : throw new FormatException("an article without its title in the article cache");
        var article = new Article(title, storyKey, language, sourcePath)
        {
            ContentHash = contentHash,
            Date = ReadDate(r),
            Updated = ReadDate(r),
            Authors = r.ReadInt32() is var bylineCount and >= 0 ? ReadTexts(r, bylineCount, recurring) : null,
            Translator = RecurringOrNull(),
            Category = RecurringOrNull(),
            Corrections = r.ReadInt32() is var correctionCount and >= 0 ? ReadCorrections(r, correctionCount) : null,
            Tags = r.ReadInt32() is var tagCount and >= 0 ? ReadTexts(r, tagCount, recurring) : null,
            TagNames = r.ReadInt32() is var nameCount and >= 0 ? ReadTagNames(r, nameCount) : null,
            SummaryHeld = ReadHeld(r, loading),
            Image = ReadText(r),
            ImageAlt = ReadText(r),
            ImageCaption = ReadText(r),
            ImageCredit = ReadText(r),
            ImageFocus = r.ReadBoolean() ? new Images.ImageFocus(r.ReadDouble(), r.ReadDouble()) : null,
            Translation = r.ReadInt32() is var kind and >= 0 ? Defined((TranslationKind)kind) : null,
            Slug = ReadText(r),
            Draft = r.ReadBoolean(),
            Engine = RecurringOrNull(),
            SourceHash = RecurringOrNull(),
            Translated = ReadDate(r),
            Reviewed = r.ReadBoolean(),
            TextHash = RecurringOrNull(),
            BodySummaryHeld = ReadHeld(r, loading),
            Aliases = ReadAliases(r, r.ReadInt32()),
        };
        var warnings = r.ReadInt32() is var warningCount and > 0 ? new Diagnostic[warningCount] : [];
        for (var i = 0; i < warnings.Length; i++)
            warnings[i] = new Diagnostic(Defined((Severity)r.ReadInt32()), r.ReadString(), ReadText(r), r.ReadInt32() is var line and >= 0 ? line : null);
        return new Entry(article, stamp, warnings);
    }

    // Arrays, not lists: one object per list instead of two, for each of the hundreds of thousands of entries.
    private static string[] ReadTexts(BinaryReader r, int count, RecurringTexts recurring)
    {
        // Grown as read, not made at a count that may be garbled.
        var texts = new string[Math.Min(count, 1024)];
        for (var i = 0; i < count; i++)
        {
            if (i == texts.Length) Array.Resize(ref texts, (int)Math.Min(count, 2L * i));
            texts[i] = recurring.Read(r);
        }
        return recurring.Lists.Held(texts);
    }

    /// <summary>
    /// Story keys, language codes, categories, tags, bylines and the original's text hash its translations record
    /// (source_hash) recur from entry to entry: each is held once, and a text already held is looked up from the
    /// bytes read, without making a string of it first.
    /// </summary>
    /// <remarks>
    /// Texts (and the summaries passed through its buffer) are checked against the cache file's length, taken once: no
    /// text in it is longer, whatever a garbled count says, and a file stream's length is a system call each time it is
    /// asked, while a load reads millions of texts.
    /// </remarks>
    private sealed class RecurringTexts(long fileLength)
    {
        /// <summary>The lists of them (tags, bylines), each distinct one held once.</summary>
        public RecurringLists Lists { get; } = new();

        private readonly Dictionary<string, string> _held = new(StringComparer.Ordinal);
        private byte[] _bytes = new byte[256];
        private char[] _chars = new char[256];

        /// <summary>
        /// The next <paramref name="length"/> bytes (a text's, its length read before it), in a buffer reused for every
        /// text; the length checked before anything is read: a garbled one must not ask for gigabytes.
        /// </summary>
        public ReadOnlySpan<byte> Pass(BinaryReader r, int length)
        {
            if (length < 0 || length > fileLength) throw new FormatException("a text longer than the article cache");
            if (length > _bytes.Length) (_bytes, _chars) = (new byte[length], new char[length]);
            r.BaseStream.ReadExactly(_bytes, 0, length);
            return _bytes.AsSpan(0, length);
        }

        /// <summary>Reads a text as <see cref="BinaryWriter.Write(string)"/> wrote it.</summary>
        public string Read(BinaryReader r)
        {
            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(Pass(r, r.Read7BitEncodedInt()), _chars));
            if (_held.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var held)) return held;
            var text = chars.ToString();
            _held.Add(text, text);
            return text;
        }
    }

    private static IReadOnlyList<Alias> ReadAliases(BinaryReader r, int count)
    {
        if (count == 0) return [];
        var aliases = new List<Alias>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++) aliases.Add(new Alias(r.ReadString(), r.ReadInt32()));
        return aliases;
    }

    private static List<Correction> ReadCorrections(BinaryReader r, int count)
    {
        var corrections = new List<Correction>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var date = ReadDate(r) ?? throw new FormatException("a correction without its date in the article cache");
            var common = ReadText(r);
            var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var n = r.ReadInt32(); n > 0; n--) byLanguage[r.ReadString()] = r.ReadString();
            corrections.Add(new Correction(date, new LocalizedText(common, byLanguage)));
        }
        return corrections;
    }

    private static List<TagName> ReadTagNames(BinaryReader r, int count)
    {
        var names = new List<TagName>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++) names.Add(new TagName(r.ReadString(), r.ReadString()));
        return names;
    }

    private static T Defined<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new FormatException($"{typeof(T).Name} {value} in the article cache");

    private static void WriteText(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null) w.Write(text);
    }

    private static string? ReadText(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    // A title or summary as the article holds it, written as WriteText writes a string; read back as held, not made a string.
    // Returns where in `file` its UTF-8 bytes went, or -1.
    private static long WriteHeld(BinaryWriter w, Article.HeldText text, Stream? file)
    {
        w.Write(text.Value is not null);
        if (((text.Value as StoredText)?.Bytes() ?? text.Value as byte[]) is { } utf8)
        {
            w.Write7BitEncodedInt(utf8.Length);
            var at = file?.Position ?? -1;
            w.Write(utf8);
            return at;
        }
        if (text.Value is string s) w.Write(s);
        return -1;
    }

    // Left in the file (see StoredText), its bytes checked as they are passed.
    private static Article.HeldText ReadHeld(BinaryReader r, Loading loading)
    {
        if (!r.ReadBoolean()) return new(null);
        var length = r.Read7BitEncodedInt();
        var offset = r.BaseStream.Position;
        if (!System.Text.Unicode.Utf8.IsValid(loading.Recurring.Pass(r, length))) throw new FormatException("a text that is not UTF-8");
        return length == 0 ? new("") : new(new StoredText(loading.File, offset, length));
    }

    /// <summary>What one thread reading a cache file keeps: its recurring texts (and their buffer, which summaries pass through), the file's handle (for the summaries left in it).</summary>
    private sealed class Loading(long fileLength, Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        public RecurringTexts Recurring { get; } = new(fileLength);
        public Microsoft.Win32.SafeHandles.SafeFileHandle File => file;
    }

    // The clock reading and the offset as written (pages show dates in the site's zone, but the offset is kept exactly).
    private static void WriteDate(BinaryWriter w, DateTimeOffset? date)
    {
        w.Write(date is not null);
        if (date is { } d) { w.Write(d.Ticks); w.Write(d.Offset.Ticks); }
    }

    private static DateTimeOffset? ReadDate(BinaryReader r) => r.ReadBoolean() ? new DateTimeOffset(r.ReadInt64(), new TimeSpan(r.ReadInt64())) : null;
}
