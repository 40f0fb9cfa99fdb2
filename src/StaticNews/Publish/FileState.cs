namespace StaticNews.Publish;

/// <summary>
/// What the build cache checks of a published file: its length and last-write time (UTC ticks); and the inode, which the
/// record of the output keeps (0 where it is not known: a file found by <see cref="OutputScan"/>).
/// </summary>
public readonly record struct FileState(long Length, long WriteTicks, ulong Inode = 0)
{
    /// <summary>True if a file standing as this is still the one recorded as <paramref name="recorded"/>.</summary>
    public bool IsStill(FileState recorded) =>
        Length == recorded.Length && WriteTicks == recorded.WriteTicks && (Inode == 0 || recorded.Inode == 0 || Inode == recorded.Inode);
}
