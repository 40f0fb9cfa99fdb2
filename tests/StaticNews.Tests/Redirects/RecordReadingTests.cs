using StaticNews.Publish;
using StaticNews.Redirects;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Redirects;

/// <summary>
/// The record of published addresses is read from its file a buffer at a time (a large archive's runs to tens of
/// megabytes): what is read must not depend on where the reads fall.
/// </summary>
public sealed class RecordReadingTests
{
    private static readonly int[] BufferSizes = [1, 2, 3, 5, 8, 13, 64, 1 << 16];

    /// <summary>A record of addresses with non-ASCII text, escapes, unknown stories and recurring keys, as StaticNews writes it.</summary>
    private static (StateFolder State, Dictionary<string, UrlOwner> Owners) Saved(TempDir temp)
    {
        var random = new Random(5005);
        var owners = new Dictionary<string, UrlOwner>(StringComparer.Ordinal);
        string[] languages = ["id", "en", "zh", "ja", "ar", "fr"];
        string[] words = ["kopi", "gayo", "日本", "قهوة", "café", "a&b", "it's", "%C3%A4"];
        for (var i = 0; i < 300; i++)
        {
            var word = words[random.Next(words.Length)];
            var story = random.Next(5) == 0 ? null : $"story-{random.Next(40)}-{word}";
            owners[$"/{languages[i % 6]}/2026/{1 + i % 12:00}/{word}-{i}/"] = new UrlOwner(story, languages[random.Next(6)]);
        }
        var state = StateFolder.For(temp.Combine("output"));
        Directory.CreateDirectory(state.Path);
        new PublishedUrls(owners).Save(state);
        return (state, owners);
    }

    [Fact]
    public void A_record_reads_the_same_whatever_the_size_of_the_reads()
    {
        using var temp = new TempDir();
        var (state, owners) = Saved(temp);
        // A member the reader does not know, longer than several reads, before the addresses.
        var file = state.File(PublishedUrls.FileName);
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text.Insert(text.IndexOf("\"urls\"", StringComparison.Ordinal), $"\"note\": {{\"by\": [\"{new string('n', 300)}\", {{\"x\": null}}]}},\n  "));

        foreach (var size in BufferSizes)
        {
            var read = PublishedUrls.Read(state, size)!.Owners;
            Assert.Equal(owners.OrderBy(e => e.Key, StringComparer.Ordinal), read.OrderBy(e => e.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_record_is_written_in_the_order_of_its_addresses_whatever_order_they_were_added_in()
    {
        using var temp = new TempDir();
        var (state, owners) = Saved(temp);
        var expected = owners.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        string[] Written() =>
            [.. System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(state.File(PublishedUrls.FileName))).RootElement.GetProperty("urls").EnumerateObject().Select(p => p.Name)];
        var first = File.ReadAllBytes(state.File(PublishedUrls.FileName));
        Assert.Equal(expected.Select(e => e.Key), Written());

        // As a build leaves it: the record as read, one owner changed, and new addresses added after it (before its
        // first, among the others, after its last).
        var read = PublishedUrls.Read(state)!.Owners;
        var record = new Dictionary<string, UrlOwner>(read, StringComparer.Ordinal);
        var changed = expected[7].Key;
        record[changed] = new UrlOwner("moved", "fr");
        string[] added = ["/zz/last/", "/ar/2026/05/new/", "/", "/id/2026/01/kopi-0/", "/fr/2026/12/new-b/", "/fr/2026/12/new-a/"];
        foreach (var address in added) record[address] = new UrlOwner("new", "id");
        new PublishedUrls(record).Save(state);
        var all = expected.Select(e => e.Key).Concat(added).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(all, Written());
        Assert.Equal(new UrlOwner("moved", "fr"), PublishedUrls.Read(state)!.Owners[changed]);

        // The same addresses in any order give the same file.
        var shuffled = new Dictionary<string, UrlOwner>(StringComparer.Ordinal);
        var random = new Random(11);
        foreach (var (address, owner) in owners.OrderBy(_ => random.Next())) shuffled[address] = owner;
        new PublishedUrls(shuffled).Save(state);
        Assert.Equal(first, File.ReadAllBytes(state.File(PublishedUrls.FileName)));
    }

    [Fact]
    public void A_record_cut_short_anywhere_is_refused_whatever_the_size_of_the_reads()
    {
        using var temp = new TempDir();
        var (state, _) = Saved(temp);
        var file = state.File(PublishedUrls.FileName);
        var bytes = File.ReadAllBytes(file);
        var end = bytes.AsSpan().TrimEnd("\r\n "u8).Length;
        var random = new Random(7);
        // Cut at every point of the first and last bytes, and at random ones between.
        var cuts = Enumerable.Range(0, 40).Concat(Enumerable.Range(end - 40, 40)).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(end)));
        foreach (var cut in cuts)
        {
            File.WriteAllBytes(file, bytes[..cut]);
            foreach (var size in BufferSizes)
                Assert.Throws<FormatException>(() => PublishedUrls.Read(state, size));
        }
    }
}
