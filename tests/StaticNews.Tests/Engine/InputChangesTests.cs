using StaticNews.Engine;
using StaticNews.Serve;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Engine;

/// <summary>
/// `serve` lists again only the story folders its watcher saw change (<see cref="InputChanges"/>): the listing it gets
/// must be the one a listing of the whole input makes, whatever the newsroom did between two builds.
/// </summary>
public sealed class InputChangesTests
{
    [Fact]
    public async Task What_the_watcher_saw_lists_as_the_whole_input_does()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo"),
            ["articles/kopi-gayo/en.md"] = Articles.Original("Gayo Coffee"),
            ["articles/banjir/id.md"] = Articles.Original("Banjir"),
            ["articles/gempa/id.md"] = Articles.Original("Gempa"),
        });
        OldFiles.Age(input);
        var changes = new InputChanges(input);
        var settled = new SemaphoreSlim(0);
        using var watcher = new SiteWatcher([input], [], () => settled.Release(), _ => { }, changes);
        changes.List(-1);

        var steps = new (string What, Action Edit)[]
        {
            ("a story edited", () => OldFiles.Save(input, "articles/kopi-gayo/en.md", Articles.Original("Gayo Coffee, edited"))),
            ("a story added", () => OldFiles.Save(input, "articles/pasar/id.md", Articles.Original("Pasar"))),
            ("a picture in a story's subfolder", () => OldFiles.Save(input, "articles/pasar/images/pasar.jpg", "not a picture")),
            ("a translation moved to another story", () => File.Move(Path.Combine(input, "articles/kopi-gayo/en.md"), Path.Combine(input, "articles/banjir/en.md"))),
            ("a story removed", () => Directory.Delete(Path.Combine(input, "articles/gempa"), recursive: true)),
            ("a story's folder renamed", () => Directory.Move(Path.Combine(input, "articles/pasar"), Path.Combine(input, "articles/pasar-baru"))),
            ("site.yml edited", () => OldFiles.Save(input, "site.yml", File.ReadAllText(Path.Combine(input, "site.yml")) + "\n# edited\n")),
            ("a story written elsewhere and moved in (one event, for its folder)", () =>
            {
                var elsewhere = Path.Combine(temp.Path, "drafts", "longsor");
                OldFiles.Save(elsewhere, "id.md", Articles.Original("Longsor"));
                Directory.Move(elsewhere, Path.Combine(input, "articles/longsor"));
            }),
        };
        foreach (var (what, edit) in steps)
        {
            edit();
            await SettledAsync(settled);
            var listed = changes.List(-1);
            var whole = InputSnapshot.Take(input);
            Assert.True(whole.Files.SequenceEqual(listed.Files), $"after {what}: listed [{string.Join(", ", listed.Files)}], the input holds [{string.Join(", ", whole.Files)}]");
            Assert.NotNull(listed.Digest);
            Assert.Equal(whole.Digest, listed.Digest);
        }
    }

    [Fact]
    public void Folders_not_seen_changing_are_taken_from_the_last_listing_and_those_seen_are_listed_again()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>
        {
            ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo"),
            ["articles/banjir/id.md"] = Articles.Original("Banjir"),
        });
        OldFiles.Age(input);
        var changes = new InputChanges(input);
        var first = changes.List(-1);

        // Changed where no watcher saw it: the listing is the last one's (which is why `serve` falls back to polling, with
        // whole listings, once it cannot watch).
        OldFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir, a longer title"));
        Assert.Equal(first.Files, changes.List(-1).Files);

        changes.Saw(Path.Combine(input, "articles", "banjir", "id.md"));
        Assert.Equal(InputSnapshot.Take(input).Files, changes.List(-1).Files);

        OldFiles.Save(input, "articles/kopi-gayo/id.md", Articles.Original("Kopi Gayo, a longer title"));
        changes.SawEverything();
        Assert.Equal(InputSnapshot.Take(input).Files, changes.List(-1).Files);

        changes.Blind();
        OldFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir, a title longer still"));
        Assert.Equal(InputSnapshot.Take(input).Files, changes.List(-1).Files);
    }

    [Fact]
    public void A_folder_whose_file_was_too_new_to_stamp_is_listed_again()
    {
        using var temp = new TempDir();
        var input = SiteBuild.WriteSite(temp, new Dictionary<string, string> { ["articles/kopi-gayo/id.md"] = Articles.Original("Kopi Gayo") });
        OldFiles.Age(input);
        // Saved just now: listed without a stamp (FileStamp.RacyWindow), so it is read, and listed again until its time can be trusted.
        var banjir = NewFiles.Save(input, "articles/banjir/id.md", Articles.Original("Banjir"));
        var changes = new InputChanges(input);
        Assert.Null(changes.List(-1).Files.Single(f => f.Path == "articles/banjir/id.md").Stamp);

        File.SetLastWriteTimeUtc(banjir, OldFiles.Time);
        var listed = changes.List(-1);
        Assert.NotNull(listed.Files.Single(f => f.Path == "articles/banjir/id.md").Stamp);
        Assert.Equal(InputSnapshot.Take(input).Digest, listed.Digest);
    }

    /// <summary>Waits for the watcher to call back, then for it to stay quiet: one edit can be several events.</summary>
    private static async Task SettledAsync(SemaphoreSlim settled)
    {
        Assert.True(await settled.WaitAsync(TimeSpan.FromSeconds(30)), "the watcher saw no change");
        while (await settled.WaitAsync(TimeSpan.FromMilliseconds(500))) { }
    }
}
