namespace StaticNews.Content;

/// <summary>
/// The size and modification time of an input file as the directory listing gave them: how an incremental
/// build tells that a file is unchanged without reading it, as git's index does. The blind spot is git's too:
/// an edit that keeps both the size and the modification time (a tool that sets the time back) goes unseen
/// until the file changes again. Touching a file without editing it costs one read and hash.
/// </summary>
public readonly record struct FileStamp(long Length, long WriteTicks)
{
    /// <summary>
    /// A file modified this close to the start of the build could be modified again within the same tick of the
    /// file system's clock (the kernel's is coarse, FAT's is 2 s) and keep its stamp; git calls such entries
    /// "racily clean". They are read and hashed until they are older than this.
    /// </summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The stamp of a listed file, or null when it cannot vouch for the content: a symbolic link (its target
    /// can change without it), or a file modified within <see cref="RacyWindow"/> of <paramref name="listedAt"/>
    /// (or after it, on a clock that runs ahead).
    /// </summary>
    public static FileStamp? Of(FileInfo file, DateTime listedAt)
    {
        if (Engine.FileLinks.IsSymbolicLink(file)) return null;
        return Of(file.Length, file.LastWriteTimeUtc, listedAt);
    }

    /// <summary>The stamp of a regular file of <paramref name="length"/> last written at <paramref name="written"/> (UTC), or null within <see cref="RacyWindow"/> of <paramref name="listedAt"/>.</summary>
    public static FileStamp? Of(long length, DateTime written, DateTime listedAt) =>
        written > listedAt - RacyWindow ? null : new FileStamp(length, written.Ticks);
}
