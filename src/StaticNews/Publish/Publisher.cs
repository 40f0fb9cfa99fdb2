using System.Runtime.InteropServices;

namespace StaticNews.Publish;

/// <summary>
/// Swaps a finished staging folder in place of the output folder. On Linux both names are exchanged
/// in one atomic step (renameat2 RENAME_EXCHANGE), so a reader — or a build killed at any moment —
/// sees either the old site or the new one, never a mix.
/// </summary>
public static class Publisher
{
    /// <summary>
    /// The folder that holds a build's staging tree for <paramref name="outputDirectory"/>: a sibling, so the swap is
    /// a rename on one file system. Nothing else is in it; it exists only while a build runs (or after one was killed).
    /// </summary>
    public static string StagingFor(string outputDirectory) => Beside(outputDirectory, "staging");

    /// <summary>
    /// Makes the staging folder afresh (whatever a killed build left in it is removed) and returns the path of
    /// the staging tree inside it, not yet made: the previous site moves there (see <see cref="PreviousSite"/>),
    /// or a fresh tree is made there. With <paramref name="placed"/> the folder is marked as the top of a directory
    /// hierarchy (see <see cref="StagingTree.MakeTopFolder"/>), which lets <see cref="StagingPlacement"/> place it.
    /// </summary>
    public static string NewStaging(string outputDirectory, bool placed)
    {
        RemoveStaging(outputDirectory);
        var folder = StagingFor(outputDirectory);
        if (placed) StagingTree.MakeTopFolder(folder);
        else Directory.CreateDirectory(folder);
        return Path.Combine(folder, "site");
    }

    /// <summary>
    /// A hidden folder next to the output (".output.{purpose}" for output/): what a build keeps for itself
    /// (staging, caches, feed state) lives beside the published site, never in it.
    /// </summary>
    public static string Beside(string outputDirectory, string purpose)
    {
        var full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{purpose}");
    }

    /// <summary>Removes leftovers of a build that was killed before it could clean up.</summary>
    public static void RemoveStaging(string outputDirectory)
    {
        var staging = StagingFor(outputDirectory);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
    }

    /// <summary>
    /// Publishes the staging folder as the output. Returns true if the old site now sits in the staging
    /// folder's place (kept for the next build, see <see cref="PreviousSite"/>); false if there was none or
    /// this system cannot exchange folders atomically, where the old site is moved aside and deleted.
    /// </summary>
    public static bool Swap(string stagingDirectory, string outputDirectory)
    {
        var output = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(output))
        {
            Directory.Move(stagingDirectory, output);
            return false;
        }
        if (OperatingSystem.IsLinux() && renameat2(AtFdCwd, stagingDirectory, AtFdCwd, output, RenameExchange) == 0) return true;
        var old = output + ".old";
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        Directory.Move(output, old);
        Directory.Move(stagingDirectory, output);
        Directory.Delete(old, recursive: true);
        return false;
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);
}
