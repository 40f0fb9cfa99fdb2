using StaticNews.Content;
using StaticNews.Publish;
using StaticNews.Sitemaps;
using StaticNews.Stories;

namespace StaticNews.Engine;

/// <summary>
/// What the published site was built from and what its build reported, kept in the state folder: a build whose
/// <see cref="BuildKey"/> and input folder (<see cref="InputSnapshot"/>) are the same, at a time the site still holds
/// for, would make the same site, so it stops after one listing of the input folder, reads no story and leaves the
/// output as it is — reporting what the build that made it reported. The site holds for a time only: a story
/// dated in the future appears when its time comes, and the news sitemap lists the last two days. A build that finds
/// the input changed is told from it which stories' folders are as they were (see <see cref="StoryFolders"/>).
/// </summary>
public sealed class LastBuild
{
    private const string FileName = "last-build.bin";
    private const string Format = "staticnews-last-build 7";

    /// <summary>The counts a build reports (see <see cref="BuildReport"/>).</summary>
    public sealed record Counts(int Stories, int Versions, int Files, int Pages, int Feeds, int ImageFiles);

    private readonly string _key;
    // The input folder's digest (null if its listing could not vouch for it: then no later build matches it), and the
    // stamps its files listed without one had once they settled (see InputSnapshot.Settle).
    private readonly Fingerprint? _inputs;
    private readonly IReadOnlyDictionary<string, FileStamp> _settled;
    private readonly DateTimeOffset _builtAt;
    private readonly DateTimeOffset? _until;
    // The input by story folder, and what the pages and feeds showed beyond their stories' folders: what tells the next
    // build which of them it can keep without summing up their inputs (see StoryChanges).
    private readonly StoryFolders? _folders;

    /// <param name="settled">The stamps of the files the listing had none for (<see cref="InputSnapshot.Unstamped"/>), now settled; null if one has not: then <paramref name="inputs"/> is not recorded.</param>
    /// <param name="folders">The input by story folder, as listed (null if the listing could not vouch for it).</param>
    /// <param name="sums">What the site's pages and feeds showed beyond their stories' folders.</param>
    public LastBuild(string key, Fingerprint? inputs, IReadOnlyDictionary<string, FileStamp>? settled, DateTimeOffset builtAt, DateTimeOffset? until, Counts counts, IReadOnlyList<Diagnostic> warnings,
        StoryFolders? folders, PublishedSums? sums)
    {
        _folders = folders;
        Sums = sums;
        _key = key;
        _inputs = settled is null ? null : inputs;
        _settled = settled ?? new Dictionary<string, FileStamp>();
        _builtAt = builtAt;
        _until = until;
        Reported = counts;
        Warnings = warnings;
    }

    public Counts Reported { get; }

    /// <summary>What the site's pages and feeds showed beyond their stories' folders; null if not known.</summary>
    public PublishedSums? Sums { get; }

    /// <summary>The input by story folder as the site was built from it, if built with <paramref name="key"/> (else the site's pages were made otherwise, and nothing of them is kept).</summary>
    public StoryFolders? FoldersBuiltWith(string key) => key == _key ? _folders : null;

    /// <summary>The warnings the build reported, said again by every build that finds nothing changed.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>True if a build with <paramref name="key"/> of <paramref name="inputs"/> at <paramref name="now"/> would make the site this one made.</summary>
    public bool Holds(string key, InputSnapshot inputs, DateTimeOffset now) =>
        key == _key && _inputs is not null && _inputs == inputs.DigestAsIfUnstamped(_settled) && now >= _builtAt && (_until is null || now < _until);

    /// <summary>
    /// The first moment after <paramref name="now"/> at which the site built from <paramref name="articles"/> would
    /// differ with nothing else changed: a story's date coming (future stories are left out until then, and every
    /// version's date counts, to be safe), or a story leaving the news sitemap's window. Null if never.
    /// </summary>
    public static DateTimeOffset? Until(IReadOnlyList<Article> articles, StoryIndex index, DateTimeOffset now)
    {
        // Plain loops: every file and every version, at the end of every build.
        DateTimeOffset? until = null;
        foreach (var article in articles)
            if (article.Date is { } coming && coming > now && !(until <= coming)) until = coming;
        foreach (var version in index.Versions)
            if (version.Date + NewsSitemap.Window is var leaving && leaving > now && !(until <= leaving)) until = leaving;
        return until;
    }

    /// <summary>The last build of <paramref name="state"/>'s output, or null if there is none that can be read.</summary>
    public static LastBuild? Load(StateFolder state)
    {
        try
        {
            using var stream = state.OpenRead(FileName);
            if (stream is null) return null;
            using var reader = new BinaryReader(stream);
            if (reader.ReadString() != Format) return null;
            var key = reader.ReadString();
            var builtAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var until = reader.ReadInt64();
            var counts = new Counts(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var warnings = new List<Diagnostic>();
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                var message = reader.ReadString();
                var file = reader.ReadBoolean() ? reader.ReadString() : null;
                var line = reader.ReadBoolean() ? reader.ReadInt32() : (int?)null;
                warnings.Add(new Diagnostic(Severity.Warning, message, file, line));
            }
            Fingerprint? inputs = reader.ReadBoolean() ? Fingerprint.Read(reader) : null;
            var settled = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
            for (var n = reader.ReadInt32(); n > 0; n--) settled[reader.ReadString()] = new FileStamp(reader.ReadInt64(), reader.ReadInt64());
            var folders = reader.ReadBoolean() ? StoryFolders.Read(reader) : null;
            var sums = reader.ReadBoolean() ? PublishedSums.Read(reader) : null;
            return new LastBuild(key, inputs, settled, builtAt, until == 0 ? null : new DateTimeOffset(until, TimeSpan.Zero), counts, warnings, folders, sums);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public void Save(StateFolder state) => state.Save(FileName, stream =>
    {
        using var writer = new BinaryWriter(stream);
        writer.Write(Format);
        writer.Write(_key);
        writer.Write(_builtAt.UtcTicks);
        writer.Write(_until?.UtcTicks ?? 0);
        foreach (var count in new[] { Reported.Stories, Reported.Versions, Reported.Files, Reported.Pages, Reported.Feeds, Reported.ImageFiles }) writer.Write(count);
        writer.Write(Warnings.Count);
        foreach (var warning in Warnings)
        {
            writer.Write(warning.Message);
            writer.Write(warning.File is not null);
            if (warning.File is not null) writer.Write(warning.File);
            writer.Write(warning.Line is not null);
            if (warning.Line is { } line) writer.Write(line);
        }
        writer.Write(_inputs is not null);
        _inputs?.Write(writer);
        writer.Write(_settled.Count);
        foreach (var (path, stamp) in _settled.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(path);
            writer.Write(stamp.Length);
            writer.Write(stamp.WriteTicks);
        }
        writer.Write(_folders is not null);
        _folders?.Write(writer);
        writer.Write(Sums is not null);
        Sums?.Write(writer);
    });

    /// <summary>Forgets the last build: done before a new site is published, so a record never outlives its site.</summary>
    public static void Forget(StateFolder state) => state.Delete(FileName);
}
