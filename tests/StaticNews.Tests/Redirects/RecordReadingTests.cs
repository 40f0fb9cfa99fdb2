using StaticNews.Publish;
using StaticNews.Redirects;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Redirects;

/// <summary>
/// The record of published addresses (<c>urls.bin</c>): written whole in one order, then brought up to date by the few
/// addresses each build adds, appended; a record cut short or torn is never taken for a smaller one. The JSON record of
/// earlier versions is read from its file a buffer at a time (a large archive's runs to tens of megabytes): what is read
/// must not depend on where the reads fall.
/// </summary>
public sealed class RecordReadingTests
{
    private static readonly int[] BufferSizes = [1, 2, 3, 5, 8, 13, 64, 1 << 16];

    /// <summary>Addresses with non-ASCII text, escapes, unknown stories and recurring keys.</summary>
    private static Dictionary<string, UrlOwner> Owners(int seed, int count = 300)
    {
        var random = new Random(seed);
        var owners = new Dictionary<string, UrlOwner>(StringComparer.Ordinal);
        string[] languages = ["id", "en", "zh", "ja", "ar", "fr"];
        string[] words = ["kopi", "gayo", "日本", "قهوة", "café", "a&b", "it's", "%C3%A4"];
        for (var i = 0; i < count; i++)
        {
            var word = words[random.Next(words.Length)];
            var story = random.Next(5) == 0 ? null : $"story-{random.Next(40)}-{word}";
            owners[$"/{languages[i % 6]}/2026/{1 + i % 12:00}/{word}-{i}/"] = new UrlOwner(story, languages[random.Next(6)]);
        }
        return owners;
    }

    private static StateFolder State(TempDir temp)
    {
        var state = StateFolder.For(temp.Combine("output"));
        Directory.CreateDirectory(state.Path);
        return state;
    }

    private static List<KeyValuePair<string, UrlOwner>> Sorted(IEnumerable<KeyValuePair<string, UrlOwner>> owners) => [.. owners.OrderBy(e => e.Key, StringComparer.Ordinal)];

    private static byte[] Bytes(StateFolder state) => File.ReadAllBytes(state.File(PublishedUrls.FileName));

    [Fact]
    public void A_record_written_in_any_order_reads_back_and_is_the_same_bytes()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var owners = Owners(5005);
        new PublishedUrls(owners).Save(state);
        var first = Bytes(state);
        Assert.Equal(Sorted(owners), Sorted(PublishedUrls.Read(state)!.Owners));

        var shuffled = new Dictionary<string, UrlOwner>(StringComparer.Ordinal);
        var random = new Random(11);
        foreach (var (address, owner) in owners.OrderBy(_ => random.Next())) shuffled[address] = owner;
        new PublishedUrls(shuffled).Save(state);
        Assert.Equal(first, Bytes(state));

        // As a build leaves a table it read, when it writes it whole: one owner changed, and new addresses added after the
        // others (before the first, among them, after the last). The same bytes as the same addresses written afresh.
        var table = new Dictionary<string, UrlOwner>(PublishedUrls.Read(state)!.Owners, StringComparer.Ordinal);
        var changed = Sorted(owners)[7].Key;
        table[changed] = new UrlOwner("moved", "fr");
        string[] added = ["/zz/last/", "/ar/2026/05/new/", "/", "/id/2026/01/kopi-0/", "/fr/2026/12/new-b/", "/fr/2026/12/new-a/"];
        foreach (var address in added) table[address] = new UrlOwner("new", "id");
        new PublishedUrls(table).Save(state);
        var merged = Bytes(state);
        new PublishedUrls(new Dictionary<string, UrlOwner>(Sorted(table), StringComparer.Ordinal)).Save(state);
        Assert.Equal(Bytes(state), merged);
        Assert.Equal(new UrlOwner("moved", "fr"), PublishedUrls.Read(state)!.Owners[changed]);
    }

    [Fact]
    public void A_build_appends_only_the_addresses_it_adds_and_a_large_share_of_them_is_written_whole()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var owners = Owners(17, 2000);
        new PublishedUrls(owners).Save(state);
        var whole = Bytes(state);

        // A breaking story: six new addresses and one that changes owner, appended after the record as it was.
        var record = PublishedUrls.Read(state)!;
        var moved = Sorted(owners)[3].Key;
        Assert.True(record.Own(moved, new UrlOwner("story-moved", "en")));
        Assert.False(record.Own(Sorted(owners)[4].Key, Sorted(owners)[4].Value));
        foreach (var language in new[] { "id", "en", "zh", "ja", "ar", "fr" }) Assert.True(record.Own($"/{language}/2026/12/breaking/", new UrlOwner("breaking", language)));
        record.Save(state);
        var appended = Bytes(state);
        Assert.Equal(whole, appended[..whole.Length]);
        Assert.InRange(appended.Length - whole.Length, 1, 400);
        var expected = new Dictionary<string, UrlOwner>(owners, StringComparer.Ordinal) { [moved] = new("story-moved", "en") };
        foreach (var language in new[] { "id", "en", "zh", "ja", "ar", "fr" }) expected[$"/{language}/2026/12/breaking/"] = new("breaking", language);
        Assert.Equal(Sorted(expected), Sorted(PublishedUrls.Read(state)!.Owners));

        // Nothing added: nothing written.
        var unchanged = PublishedUrls.Read(state)!;
        unchanged.Own(moved, new UrlOwner("story-moved", "en"));
        unchanged.Save(state);
        Assert.Equal(appended, Bytes(state));

        // Past a quarter of the record appended, it is written whole again: the bytes of the same addresses written afresh.
        var growing = PublishedUrls.Read(state)!;
        for (var i = 0; i < 1000; i++)
        {
            var address = $"/en/2027/01/story-{i}/";
            growing.Own(address, new UrlOwner($"story-{i}", "en"));
            expected[address] = new UrlOwner($"story-{i}", "en");
        }
        growing.Save(state);
        var compacted = Bytes(state);
        new PublishedUrls(new Dictionary<string, UrlOwner>(expected, StringComparer.Ordinal)).Save(state);
        Assert.Equal(Bytes(state), compacted);
    }

    [Fact]
    public void A_torn_append_is_left_out_and_a_record_cut_short_before_its_appends_is_refused()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var owners = Owners(23);
        new PublishedUrls(owners).Save(state);
        var whole = Bytes(state);
        var record = PublishedUrls.Read(state)!;
        record.Own("/en/2026/12/breaking/", new UrlOwner("breaking", "en"));
        record.Save(state);
        var appended = Bytes(state);

        // An append cut short anywhere (a build killed while it wrote): the record as it was before it.
        for (var cut = whole.Length; cut < appended.Length; cut++)
        {
            File.WriteAllBytes(state.File(PublishedUrls.FileName), appended[..cut]);
            Assert.Equal(Sorted(owners), Sorted(PublishedUrls.Read(state)!.Owners));
        }
        // The next build appends after the record's whole part, not after the torn bytes.
        File.WriteAllBytes(state.File(PublishedUrls.FileName), appended[..(appended.Length - 3)]);
        var next = PublishedUrls.Read(state)!;
        next.Own("/fr/2026/12/breaking/", new UrlOwner("breaking", "fr"));
        next.Save(state);
        Assert.Equal(new UrlOwner("breaking", "fr"), PublishedUrls.Read(state)!.Owners["/fr/2026/12/breaking/"]);
        Assert.False(PublishedUrls.Read(state)!.Owners.ContainsKey("/en/2026/12/breaking/"));

        // The record itself cut short anywhere is refused: never taken for a record of fewer addresses.
        var random = new Random(7);
        foreach (var cut in Enumerable.Range(0, 60).Concat(Enumerable.Range(whole.Length - 60, 59)).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(whole.Length))))
        {
            File.WriteAllBytes(state.File(PublishedUrls.FileName), whole[..cut]);
            Assert.Throws<FormatException>(() => PublishedUrls.Read(state));
        }
    }

    [Fact]
    public void An_earlier_versions_record_is_read_and_replaced_by_the_first_record_written()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var owners = Owners(31);
        File.WriteAllText(state.File(EarlierUrlsRecord.FileName), EarlierUrlsRecords.Json(owners));

        var record = PublishedUrls.Read(state)!;
        Assert.Equal(Sorted(owners), Sorted(record.Owners));
        record.Own("/en/2026/12/breaking/", new UrlOwner("breaking", "en"));
        record.Save(state);

        Assert.False(File.Exists(state.File(EarlierUrlsRecord.FileName)));
        var expected = new Dictionary<string, UrlOwner>(owners, StringComparer.Ordinal) { ["/en/2026/12/breaking/"] = new("breaking", "en") };
        Assert.Equal(Sorted(expected), Sorted(PublishedUrls.Read(state)!.Owners));
    }

    [Fact]
    public void An_earlier_record_reads_the_same_whatever_the_size_of_the_reads()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var owners = Owners(5005);
        // A member the reader does not know, longer than several reads, before the addresses.
        var text = EarlierUrlsRecords.Json(owners);
        File.WriteAllText(state.File(EarlierUrlsRecord.FileName), text.Insert(text.IndexOf("\"urls\"", StringComparison.Ordinal), $"\"note\": {{\"by\": [\"{new string('n', 300)}\", {{\"x\": null}}]}},\n  "));

        foreach (var size in BufferSizes) Assert.Equal(Sorted(owners), Sorted(EarlierUrlsRecord.Read(state, size)!));
    }

    [Fact]
    public void An_earlier_record_cut_short_anywhere_is_refused_whatever_the_size_of_the_reads()
    {
        using var temp = new TempDir();
        var state = State(temp);
        var bytes = System.Text.Encoding.UTF8.GetBytes(EarlierUrlsRecords.Json(Owners(5005)));
        var end = bytes.AsSpan().TrimEnd("\r\n "u8).Length;
        var random = new Random(7);
        // Cut at every point of the first and last bytes, and at random ones between.
        var cuts = Enumerable.Range(0, 40).Concat(Enumerable.Range(end - 40, 40)).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(end)));
        foreach (var cut in cuts)
        {
            File.WriteAllBytes(state.File(EarlierUrlsRecord.FileName), bytes[..cut]);
            foreach (var size in BufferSizes)
                Assert.Throws<FormatException>(() => EarlierUrlsRecord.Read(state, size));
        }
    }
}
