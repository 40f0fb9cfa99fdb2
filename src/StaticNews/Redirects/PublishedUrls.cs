using StaticNews.Publish;

namespace StaticNews.Redirects;

/// <summary>The story version an address belonged to: its story folder and language. A null story: a page of an unknown story (recovered from a sitemap).</summary>
// A value: the record holds one per address the site ever published (several per version).
public readonly record struct UrlOwner(string? Story, string Language);

/// <summary>
/// The record of every address StaticNews has published a story version at (its pages, and its aliases), and which
/// version it was: how a later build knows where an old address must lead. It only grows: an address once
/// published keeps answering, with the version's page, a redirect to where it is now, or 410 Gone. Kept in the state
/// folder beside the output, never deployed.
/// <para>
/// A binary file, <c>urls.bin</c>: every address in ordinal order (the same record, the same bytes), each story folder
/// and language named once; then a record appended by each build that adds or changes addresses (a breaking story adds
/// a few, to a record of hundreds of thousands in a large archive), until they would pass a share of it (see
/// <see cref="StateFolder.AppendOrSave"/>). A torn append is left out when read; what it held, the next build
/// records again from the input. The JSON record of earlier versions (<see cref="EarlierUrlsRecord"/>) is read while
/// there is no <c>urls.bin</c>, and removed once it is written. `staticnews urls list` prints it.
/// </para>
/// </summary>
public sealed class PublishedUrls
{
    public const string FileName = "urls.bin";
    private const string Format = "staticnews-urls 2";
    // The fewest bytes an address's entry takes (a path of one byte, two numbers): a count read from a damaged record is not trusted past what the file can hold.
    private const int MinEntryBytes = 4;

    private readonly Dictionary<string, Recorded> _owners;
    // The addresses recorded or given another owner since the record was read from its file: what the next save appends.
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    // How far the file was found whole when read (the default: nothing to append to, the record is written whole).
    private StateFolder.AppendedFile _file;

    /// <param name="owners">The addresses to record, each with its version.</param>
    public PublishedUrls(IEnumerable<KeyValuePair<string, UrlOwner>> owners)
    {
        _owners = new Dictionary<string, Recorded>(StringComparer.Ordinal);
        foreach (var (path, owner) in owners) _owners[path] = new Recorded(owner);
        Owners = new OwnersView(_owners);
    }

    private PublishedUrls(Dictionary<string, Recorded> owners, StateFolder.AppendedFile file)
    {
        _owners = owners;
        _file = file;
        Owners = new OwnersView(_owners);
    }

    /// <summary>A record of nothing (a new one each time: a record is brought up to date in place).</summary>
    public static PublishedUrls Empty => new([]);

    /// <summary>Site-relative paths (as story URLs are kept: /en/2026/10/kopi-gayo/), each with its version.</summary>
    public IReadOnlyDictionary<string, UrlOwner> Owners { get; }

    /// <summary>
    /// Records <paramref name="path"/> as <paramref name="owner"/>'s; false if it already was. In place: a large archive's
    /// record has hundreds of thousands of addresses, and a build adds a few.
    /// </summary>
    public bool Own(string path, UrlOwner owner) => Own(path, owner, page: false);

    /// <summary>
    /// Records <paramref name="path"/> as the address of <paramref name="owner"/>'s page in this build, as <see cref="Own"/>
    /// does; the record's other addresses are then <see cref="WithoutPage"/>.
    /// </summary>
    public bool OwnPage(string path, UrlOwner owner) => Own(path, owner, page: true);

    private bool Own(string path, UrlOwner owner, bool page)
    {
        ref var recorded = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_owners, path, out var found);
        recorded.HasPage |= page;
        // The owner written only where it changes: a reference written into the table, which the collector has long since
        // promoted, is one more place its next collections of young objects must look at.
        if (found && recorded.Owner == owner) return false;
        recorded.Owner = owner;
        // Only a record read from its file is appended to; any other is written whole, and a first build of a large archive
        // would otherwise keep a second table of every address it publishes.
        if (_file.Base > 0) _changed.Add(path);
        return true;
    }

    /// <summary>
    /// The recorded addresses no page of this build was given (<see cref="OwnPage"/>): the ones that may need a redirect.
    /// Told apart by a mark each, not by looking every address's story up again: a large archive's record has an address
    /// per version, and a build gives nearly all of them their page again.
    /// </summary>
    public IEnumerable<string> WithoutPage()
    {
        foreach (var (path, recorded) in _owners)
            if (!recorded.HasPage) yield return path;
    }

    /// <summary>An address's version, and whether this build gave it a page (not saved: each build marks its own).</summary>
    private struct Recorded(UrlOwner owner)
    {
        public UrlOwner Owner = owner;
        public bool HasPage;
    }

    /// <summary>The record's addresses with their versions alone.</summary>
    private sealed class OwnersView(Dictionary<string, Recorded> owners) : IReadOnlyDictionary<string, UrlOwner>
    {
        public UrlOwner this[string path] => owners[path].Owner;
        public IEnumerable<string> Keys => owners.Keys;
        public IEnumerable<UrlOwner> Values => owners.Values.Select(recorded => recorded.Owner);
        public int Count => owners.Count;
        public bool ContainsKey(string path) => owners.ContainsKey(path);

        public bool TryGetValue(string path, out UrlOwner owner)
        {
            var found = owners.TryGetValue(path, out var recorded);
            owner = recorded.Owner;
            return found;
        }

        public IEnumerator<KeyValuePair<string, UrlOwner>> GetEnumerator()
        {
            foreach (var (path, recorded) in owners) yield return new(path, recorded.Owner);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The record, read by `serve` while it waits for the next change (see <see cref="StateReadAhead{T}"/>).</summary>
    internal static StateReadAhead<PublishedUrls> ReadAhead() => new((state, _) => Read(state), FileName, EarlierUrlsRecord.FileName);

    /// <summary>The record in <paramref name="state"/>, or null if there is none. A record that cannot be read throws <see cref="FormatException"/>.</summary>
    public static PublishedUrls? Read(StateFolder state)
    {
        using var stream = state.OpenRead(FileName);
        if (stream is null) return EarlierUrlsRecord.Read(state, 1 << 16) is { } earlier ? new PublishedUrls(earlier) : null;
        try { return Read(stream); }
        catch (Exception e) when (e is EndOfStreamException or OverflowException or ArgumentException)
        {
            throw new FormatException("it ends before its last address, or is not a record StaticNews writes", e);
        }
    }

    private static PublishedUrls Read(FileStream stream)
    {
        // The state folder's stream is buffered already; read directly, so that its position is where the base ends.
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Format) throw new FormatException($"it is not a record StaticNews writes (\"{Format}\")");
        var texts = new string[Count(reader, 1)];
        for (var i = 0; i < texts.Length; i++) texts[i] = reader.ReadString();
        string Text(int number) => (uint)number < (uint)texts.Length ? texts[number] : throw new FormatException("an address names a story or language the record does not have");
        var count = Count(reader, MinEntryBytes);
        // With room for the addresses the appended records add: a table made at its exact size would be copied whole at the first.
        var owners = new Dictionary<string, Recorded>(count + count / 16, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = Address(reader.ReadString());
            var story = reader.Read7BitEncodedInt();
            owners[path] = new Recorded(new UrlOwner(story == 0 ? null : Text(story - 1), Text(reader.Read7BitEncodedInt())));
        }
        var file = new StateFolder.AppendedFile(stream.Position, stream.Position);
        while (StateFolder.ReadAppended(stream) is { } appended)
        {
            using var change = new BinaryReader(new MemoryStream(appended), System.Text.Encoding.UTF8);
            for (var n = change.ReadInt32(); n > 0; n--)
            {
                var path = Address(change.ReadString());
                var story = change.ReadBoolean() ? change.ReadString() : null;
                owners[path] = new Recorded(new UrlOwner(story, change.ReadString()));
            }
            file = file with { Whole = stream.Position };
        }
        return new PublishedUrls(owners, file);
    }

    /// <summary>A count of entries of at least <paramref name="entryBytes"/> each, checked against what the file holds: a garbled one must not ask for gigabytes.</summary>
    private static int Count(BinaryReader reader, int entryBytes)
    {
        var count = reader.ReadInt32();
        var stream = reader.BaseStream;
        return count >= 0 && count <= (stream.Length - stream.Position) / entryBytes ? count : throw new FormatException("a garbled count of addresses");
    }

    /// <summary><paramref name="path"/>, read from a record, if it is an address StaticNews publishes (see <see cref="IsAddress"/>); else the record cannot be read.</summary>
    internal static string Address(string path) =>
        IsAddress(path) ? path : throw new FormatException($"'{path.ReplaceLineEndings(" ")}' is not an address StaticNews publishes");

    /// <summary>
    /// A site path a page can have: from the root, no white space or control character, nothing a redirect rule or a
    /// URL reads as syntax. A record edited into something else is refused rather than turned into rules.
    /// </summary>
    private static bool IsAddress(string path)
    {
        if (!path.StartsWith('/')) return false;
        foreach (var c in path)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '?' or '#' or '*' or '!' or '"' or '<' or '>') return false;
        // As the path of its redirect page (RedirectPage.FileFor), without making that string for every address of the
        // record: the page's path is the address's from its root, with "index.html" in place of a final empty segment or
        // (where the address names no .html file) added as a last one: a plain segment either way.
        var file = path.AsSpan().TrimStart('/');
        if (file.EndsWith('/')) file = file[..^1];
        return file.IsEmpty || Publish.OutputSink.IsSafeRelativePath(file);
    }

    /// <summary>
    /// Puts <paramref name="urls"/> (and their <paramref name="owners"/>) in ordinal order. A build's record is the one it
    /// read, in the file's order, with the few addresses the build added after it: those are sorted and merged in, rather
    /// than the hundreds of thousands of a large archive sorted again at the end of every build.
    /// </summary>
    private static void InOrder(string[] urls, UrlOwner[] owners)
    {
        var ordered = 1;
        while (ordered < urls.Length && string.CompareOrdinal(urls[ordered - 1], urls[ordered]) < 0) ordered++;
        if (ordered >= urls.Length) return;
        if (urls.Length - ordered > urls.Length / 8)
        {
            Array.Sort(urls, owners, StringComparer.Ordinal);
            return;
        }
        var addedUrls = urls[ordered..];
        var addedOwners = owners[ordered..];
        Array.Sort(addedUrls, addedOwners, StringComparer.Ordinal);
        // From the end: each place written is one whose entry was already moved or copied.
        int kept = ordered - 1, added = addedUrls.Length - 1;
        for (var to = urls.Length - 1; added >= 0; to--)
        {
            if (kept >= 0 && string.CompareOrdinal(urls[kept], addedUrls[added]) > 0)
            {
                (urls[to], owners[to]) = (urls[kept], owners[kept]);
                kept--;
            }
            else
            {
                (urls[to], owners[to]) = (addedUrls[added], addedOwners[added]);
                added--;
            }
        }
    }

    /// <summary>
    /// Brings the record in <paramref name="state"/> up to date: appends the addresses recorded since it was read, or
    /// writes it whole (a new record, one read from the earlier JSON file, or one whose appended records would pass
    /// their share), which removes the earlier file.
    /// </summary>
    public void Save(StateFolder state)
    {
        if (_file.Base > 0 && _changed.Count == 0) return;
        _file = state.AppendOrSave(FileName, _file, writer =>
        {
            writer.Write(_changed.Count);
            foreach (var path in _changed.Order(StringComparer.Ordinal))
            {
                var owner = _owners[path].Owner;
                writer.Write(path);
                writer.Write(owner.Story is not null);
                if (owner.Story is { } story) writer.Write(story);
                writer.Write(owner.Language);
            }
        }, WriteWhole);
        _changed.Clear();
        state.Delete(EarlierUrlsRecord.FileName);
    }

    /// <summary>The record whole: its addresses in ordinal order, each naming its story folder and language by number (the texts, each once, in the order the addresses first name them).</summary>
    private void WriteWhole(BinaryWriter writer)
    {
        var urls = new string[_owners.Count];
        var owners = new UrlOwner[urls.Length];
        _owners.Keys.CopyTo(urls, 0);
        var at = 0;
        foreach (var recorded in _owners.Values) owners[at++] = recorded.Owner;
        InOrder(urls, owners);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        int Number(string text)
        {
            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(numbers, text, out var found);
            if (!found)
            {
                number = texts.Count;
                texts.Add(text);
            }
            return number;
        }
        var named = new (int Story, int Language)[urls.Length];
        for (var i = 0; i < urls.Length; i++) named[i] = (owners[i].Story is { } story ? Number(story) + 1 : 0, Number(owners[i].Language));
        writer.Write(Format);
        writer.Write(texts.Count);
        foreach (var text in texts) writer.Write(text);
        writer.Write(urls.Length);
        for (var i = 0; i < urls.Length; i++)
        {
            writer.Write(urls[i]);
            writer.Write7BitEncodedInt(named[i].Story);
            writer.Write7BitEncodedInt(named[i].Language);
        }
    }
}
