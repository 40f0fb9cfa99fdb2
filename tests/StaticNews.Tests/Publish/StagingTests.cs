using System.Diagnostics;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>
/// Where a build stages the site before the swap: a tree of its own name inside the staging folder beside
/// the output, which ext4 is told is the top of directory hierarchies, so that a rebuild right after the
/// output was deleted does not allocate its tens of thousands of inodes among the ones just freed.
/// </summary>
public sealed class StagingTests
{
    [Fact]
    public void Each_build_stages_into_a_new_tree_inside_the_staging_folder_which_a_previous_build_left_behind_no_trace_of()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        var folder = Publisher.StagingFor(output);

        var first = Publisher.NewStaging(output);
        Assert.Equal(folder, Path.GetDirectoryName(first));
        Assert.True(Directory.Exists(folder));
        Assert.False(Directory.Exists(first)); // made by the build's first write, or by moving the previous site there
        Directory.CreateDirectory(first);
        File.WriteAllText(Path.Combine(first, "half-written.html"), "<p");

        // The next build (as after a kill) starts from an empty staging folder and a tree of another name.
        var second = Publisher.NewStaging(output);
        Assert.NotEqual(first, second);
        Assert.Equal(folder, Path.GetDirectoryName(second));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void The_staging_folder_is_marked_as_the_top_of_directory_hierarchies_where_the_file_system_has_the_flag()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        Publisher.NewStaging(output);
        var folder = Publisher.StagingFor(output);

        // lsattr (e2fsprogs) reads the same flags; on a file system without them (tmpfs) it fails, and so did setting the flag.
        var attributes = Lsattr(folder);
        if (attributes is null) return;
        Assert.Contains('T', attributes);
        // Only that folder: the site's own folders (the published output among them) carry no flag.
        Directory.CreateDirectory(output);
        Assert.DoesNotContain('T', Lsattr(output)!);
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
