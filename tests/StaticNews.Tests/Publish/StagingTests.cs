using System.Diagnostics;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Where a build stages the site before the swap: a tree inside the staging folder beside the output, which
/// ext4 is told is the top of directory hierarchies, placed away from the last trees, so that a rebuild right
/// after the output was deleted does not allocate its tens of thousands of inodes among the ones just freed.
/// </summary>
public sealed class StagingTests
{
    [Fact]
    public void Each_build_starts_from_an_empty_staging_folder_whatever_a_killed_build_left_in_it()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var folder = Publisher.StagingFor(output);

        var tree = Publisher.NewStaging(output, placed: true);
        Assert.Equal(folder, Path.GetDirectoryName(tree));
        Assert.True(Directory.Exists(folder));
        Assert.False(Directory.Exists(tree)); // the previous site moves there, or StagingPlacement makes it
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "half-written.html"), "<p");

        Assert.Equal(tree, Publisher.NewStaging(output, placed: true));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void A_fresh_tree_is_made_where_the_staging_tree_goes_and_its_place_is_recorded_for_the_next_minutes()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var cache = temp.Combine(".output.cache");
        var record = Path.Combine(cache, "staging-placement.txt");
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var places = new List<string>();
        for (var build = 0; build < 10; build++)
        {
            var tree = Publisher.NewStaging(output, placed: true);
            var now = start.AddSeconds(30 * build);
            StagingPlacement.Make(tree, cache, now, versions: 12_000);
            Assert.True(Directory.Exists(tree));
            Assert.Equal([tree], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(tree)!)); // the other candidates are gone
            if (StagingTree.Inode(tree) is not { } inode) return; // no inode numbers on this system: nothing is recorded
            places.Insert(0, $"{inode}\t{now.ToUnixTimeSeconds()}\t{StagingPlacement.Span(12_000)}");
            Directory.Delete(tree); // as the bench's `rm -rf output` would
        }
        // Newest first; only those of the last minutes (400 s) stay: 30 s apart, the last fourteen at most.
        Assert.Equal(places, File.ReadAllLines(record));
        StagingPlacement.Make(Publisher.NewStaging(output, placed: true), cache, start.AddSeconds(30 * 9 + 390), versions: 12_000);
        Assert.Equal(2, File.ReadAllLines(record).Length); // the one made now, and the one made 390 s before
        Assert.Equal(places[0], File.ReadAllLines(record)[1]);
    }

    [Fact]
    public void A_tree_is_away_from_the_last_ones_only_beyond_the_flex_groups_each_tree_spans()
    {
        const ulong flexGroup = 16 * 8192;
        var span = StagingPlacement.Span(versions: 2000 * 6);
        Assert.Equal(3 * flexGroup, span);
        Assert.Equal(19 * flexGroup, StagingPlacement.Span(versions: 20_000 * 6));
        Assert.Equal(3 * flexGroup, StagingPlacement.Span(versions: 200)); // never less than a tree and the groups it overflows into
        var made = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        StagingPlacement.Place[] recent = [new(10 * flexGroup, span, made), new(50 * flexGroup, span, made)];
        Assert.True(StagingPlacement.IsAway(30 * flexGroup, recent, span));
        Assert.True(StagingPlacement.IsAway(5, [], span));
        Assert.False(StagingPlacement.IsAway(12 * flexGroup, recent, span)); // the groups a tree's folders overflow into
        Assert.False(StagingPlacement.IsAway(8 * flexGroup, recent, span)); // a tree here would overflow into the recent one
        Assert.False(StagingPlacement.IsAway(50 * flexGroup + 3, recent, span));
        Assert.True(StagingPlacement.IsAway(53 * flexGroup, recent, span));
        Assert.True(StagingPlacement.IsAway(7 * flexGroup, recent, span));
        Assert.False(StagingPlacement.IsAway(40 * flexGroup, recent, StagingPlacement.Span(versions: 20_000 * 6))); // a large site's trees span 19
        // A large site's recent tree keeps a small one off all its groups, not only the first three.
        StagingPlacement.Place[] large = [new(10 * flexGroup, StagingPlacement.Span(versions: 20_000 * 6), made)];
        Assert.False(StagingPlacement.IsAway(25 * flexGroup, large, span));
        Assert.True(StagingPlacement.IsAway(29 * flexGroup, large, span));
    }

    [Fact]
    public void The_staging_folder_is_marked_as_the_top_of_directory_hierarchies_where_the_file_system_has_the_flag()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        Publisher.NewStaging(output, placed: true);
        var folder = Publisher.StagingFor(output);

        // lsattr (e2fsprogs) reads the same flags; on a file system without them (tmpfs) it fails, and so did setting the flag.
        var attributes = Lsattr(folder);
        if (attributes is null) return;
        Assert.Contains('T', attributes);
        // Only that folder: the site's own folders (the published output among them) carry no flag.
        Directory.CreateDirectory(output);
        Assert.DoesNotContain('T', Lsattr(output)!);
    }

    [Fact]
    public void Only_a_site_of_a_few_hundred_stories_is_placed_a_small_one_is_staged_beside_its_output_as_any_folder()
    {
        using var temp = new TempDir();
        var files = new Dictionary<string, string>();
        for (var i = 0; i < StagingPlacement.LargeSite - 1; i++)
            files[$"articles/cerita-{i:D3}/id.md"] = $"---\ntitle: Cerita {i}\ndate: 2026-10-01T08:00:00+07:00\n---\n\nIsi cerita {i}.\n";
        var input = SiteBuild.WriteSite(temp, files);
        var output = temp.Combine("output");
        var record = Path.Combine(BuildCache.DirectoryFor(output), "staging-placement.txt");

        Assert.True(SiteBuild.Run(input, output).Success);
        Assert.False(File.Exists(record));

        // One story more makes it a site whose tree is placed.
        Directory.CreateDirectory(Path.Combine(input, "articles", "cerita-199"));
        File.WriteAllText(Path.Combine(input, "articles", "cerita-199", "id.md"), "---\ntitle: Cerita 199\ndate: 2026-10-01T08:00:00+07:00\n---\n\nIsi.\n");
        Directory.Delete(output, recursive: true); // a fresh tree is placed; an existing site is staged into the previous one
        Assert.True(SiteBuild.Run(input, output).Success);
        if (StagingTree.Inode(output) is not { } inode) return;
        Assert.Equal(inode.ToString(), File.ReadAllLines(record).Single().Split('\t')[0]); // the published output is the placed tree
        Assert.False(Directory.Exists(Publisher.StagingFor(output)));
    }

    [Fact]
    public void The_tree_goes_to_a_candidate_away_from_the_recent_trees_and_from_the_other_candidates()
    {
        const ulong flexGroup = 16 * 8192, span = 3 * flexGroup;
        var made = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        (string, ulong) funnelA = ("a", 20 * flexGroup), funnelB = ("b", 20 * flexGroup + 40), lone = ("c", 60 * flexGroup), recentOne = ("d", 90 * flexGroup);
        StagingPlacement.Place[] recent = [new(90 * flexGroup + 7, span, made)];
        // Two names led to the same empty group (where other programs' trees go too); the lone one is taken.
        Assert.Equal(lone, StagingPlacement.Choose([funnelA, funnelB, recentOne, lone], recent, span));
        // None alone: the first away from the recent trees.
        Assert.Equal(funnelA, StagingPlacement.Choose([recentOne, funnelA, funnelB], recent, span));
        Assert.Equal(funnelB, StagingPlacement.Choose([funnelB], [], span));
        // None away (a large site built again and again): the one whose overlapped trees are the oldest.
        StagingPlacement.Place[] crowded = [new(10 * flexGroup, 19 * flexGroup, made), new(40 * flexGroup, 19 * flexGroup, made.AddSeconds(40))];
        (string, ulong) onOlder = ("e", 12 * flexGroup), onNewer = ("f", 45 * flexGroup);
        Assert.Equal(onOlder, StagingPlacement.Choose([onNewer, onOlder], crowded, 19 * flexGroup));
    }

    private static string? Lsattr(string folder)
    {
        try
        {
            using var lsattr = Process.Start(new ProcessStartInfo("lsattr", ["-d", folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var line = lsattr.StandardOutput.ReadToEnd();
            lsattr.WaitForExit();
            return lsattr.ExitCode == 0 ? line.Split(' ')[0] : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; } // no lsattr on this machine
    }
}
