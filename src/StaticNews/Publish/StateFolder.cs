using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// The state a build keeps for itself beside the output folder, never inside it (whatever is in the output is
/// deployed): <c>.output.state/</c> for <c>output/</c>. Everything StaticNews remembers about one output lives
/// here, each under a name of its own: the record of the published files that marks the output as StaticNews's
/// and the lock (<see cref="Publication"/>), the build cache (<c>cache/</c>, safe to delete), the feed hashes
/// `staticnews ping` compares (<c>feeds.json</c>, <c>pinged.json</c>). A build's pipelines reach it through
/// <see cref="Engine.BuildSession.State"/>, while the build holds the output's lock; a command that runs
/// without a build (`ping`) through <see cref="For"/>.
/// </summary>
public sealed class StateFolder
{
    private StateFolder(string path) => Path = path;

    /// <summary>The folder itself (it may not exist yet: it is made by the first build, or the first <see cref="Save"/>).</summary>
    public string Path { get; }

    /// <summary>The state folder of <paramref name="outputDirectory"/>: a hidden sibling named after it.</summary>
    public static StateFolder For(string outputDirectory)
    {
        var full = System.IO.Path.GetFullPath(outputDirectory).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var parent = System.IO.Path.GetDirectoryName(full) ?? full;
        return new StateFolder(System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.state"));
    }

    /// <summary>The path of the file (or folder) <paramref name="name"/> in the state folder; '/' separates subfolders ("cache/articles.bin").</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>
    /// How the file <paramref name="name"/> stands (its size, time and, where it is known, its inode), to tell later
    /// whether it is still that file (<see cref="FileState.IsStill"/>): a process that holds what it read from a state file
    /// between builds (`serve`) uses it only while so. Null: there is none.
    /// </summary>
    public FileState? StateOf(string name)
    {
        var path = File(name);
        if (FileStat.Available) return FileStat.Of(path) is (FileStat.Kind.File, var standing) ? standing : null;
        return new FileInfo(path) is { Exists: true } file ? new FileState(file.Length, file.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>
    /// Writes <paramref name="name"/> whole or not at all: into a temporary file renamed over the old one, so a
    /// killed or failed write leaves the previous version (or none), never half a file.
    /// </summary>
    public void Save(string name, Action<Stream> write)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        WriteWhole(path, path + ".tmp", write);
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="temporary"/>, renamed over it when complete (a folder
    /// several processes write into gives each write a temporary name of its own).
    /// </summary>
    public static void WriteWhole(string path, string temporary, Action<Stream> write)
    {
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            System.IO.File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            try { System.IO.File.Delete(temporary); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>
    /// How far a file made of a base and records appended to it (see <see cref="Append"/>) was found whole: the end of
    /// its base and of its last whole record. The default: no such file to append to.
    /// </summary>
    public readonly record struct AppendedFile(long Base, long Whole)
    {
        /// <summary>
        /// True if a record of <paramref name="length"/> bytes is to be appended; false if the file is to be written
        /// whole, compacted. Superseded entries in the records make every load read more: a quarter of the base bounds
        /// that, and the base is written again no more often than every quarter of its size appended.
        /// </summary>
        public bool Takes(long length) => Base > 0 && Whole - Base + length <= Base / 4;
    }

    /// <summary>
    /// Brings <paramref name="name"/>, found whole as far as <paramref name="file"/> says, up to date: appends the record
    /// <paramref name="record"/> writes while the file takes it (<see cref="AppendedFile.Takes"/>), else writes the file
    /// whole, compacted, with <paramref name="whole"/> (as <see cref="Save"/> does). Returns how far the file is whole now.
    /// </summary>
    public AppendedFile AppendOrSave(string name, AppendedFile file, Action<BinaryWriter> record, Action<BinaryWriter> whole)
    {
        // Without a base there is nothing to append to, and the record is not made: a first build's would be the whole file.
        if (file.Base > 0)
        {
            var bytes = new MemoryStream();
            using (var writer = new BinaryWriter(bytes, Utf8, leaveOpen: true)) record(writer);
            if (file.Takes(bytes.Length)) return file with { Whole = Append(name, file.Whole, bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) };
        }
        long length = 0;
        Save(name, stream =>
        {
            using var writer = new BinaryWriter(stream, Utf8, leaveOpen: true);
            whole(writer);
            writer.Flush();
            length = stream.Position;
        });
        return new AppendedFile(length, length);
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Appends <paramref name="record"/> to <paramref name="name"/> after its first <paramref name="after"/> bytes (the
    /// length its last reader found whole: the torn tail of an append that was cut short goes), framed so that
    /// <see cref="ReadAppended"/> tells a whole record from a torn or garbled one: its length, a hash of its bytes,
    /// the bytes. A killed append leaves the file as it was plus a torn record, which readers ignore. Returns the
    /// file's new length.
    /// </summary>
    private long Append(string name, long after, ReadOnlySpan<byte> record)
    {
        // Shared with readers: the build that appends may still hold the file open to read from it (the article cache's
        // summaries, see Content.StoredText). Builds take turns by the output's lock, and a reader tells a torn record.
        using var stream = new FileStream(File(name), FileMode.Open, FileAccess.Write, FileShare.Read, 1 << 16);
        // Shorter than its reader found it: not the file that was read. Better no append than one after garbage.
        if (stream.Length < after) throw new IOException($"{File(name)} changed while the build ran");
        stream.SetLength(after);
        stream.Seek(after, SeekOrigin.Begin);
        Span<byte> frame = stackalloc byte[sizeof(int) + Fingerprint.Size];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(frame, record.Length);
        Fingerprint.Of(record).Write(frame[sizeof(int)..]);
        stream.Write(frame);
        stream.Write(record);
        return stream.Position;
    }

    /// <summary>
    /// The next record <see cref="Append"/> wrote to <paramref name="stream"/>, or null at its end or at a record that
    /// is torn or garbled (its length past the end, its hash not its bytes'): what follows is not read.
    /// </summary>
    public static byte[]? ReadAppended(Stream stream)
    {
        Span<byte> frame = stackalloc byte[sizeof(int) + Fingerprint.Size];
        if (stream.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false) < frame.Length) return null;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(frame);
        if (length < 0 || length > stream.Length - stream.Position) return null;
        var record = new byte[length];
        stream.ReadExactly(record);
        return Fingerprint.Of(record) == Fingerprint.Read(frame[sizeof(int)..]) ? record : null;
    }

    /// <summary>Opens <paramref name="name"/> for reading, or null if it is not there.</summary>
    public FileStream? OpenRead(string name)
    {
        try { return new FileStream(File(name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    /// <summary>Removes the file <paramref name="name"/> if it is there (a record that could not be brought up to date is better gone than stale).</summary>
    public void Delete(string name) => System.IO.File.Delete(File(name));
}
