using System.IO.Enumeration;
using StaticNews.Content;

namespace StaticNews.Engine;

/// <summary>
/// The size and write time of every file in the input folder, listed without reading one: what tells a build that
/// nothing it reads has changed since the published site was built (see <see cref="LastBuild"/>). It can vouch for
/// its files only when it holds no symbolic link (a target can change without the link) and no file written too
/// recently to trust its time (<see cref="FileStamp.RacyWindow"/>); otherwise it is not <see cref="Trusted"/>.
/// </summary>
public sealed class InputSnapshot
{
    private InputSnapshot(List<(string Path, FileStamp Stamp)> files, bool trusted)
    {
        Files = files;
        Trusted = trusted;
    }

    /// <summary>Every file, by its path relative to the input folder ('/'-separated), in ordinal order.</summary>
    public IReadOnlyList<(string Path, FileStamp Stamp)> Files { get; }

    /// <summary>False if the input holds a link or a file too new to vouch for: such a snapshot never matches.</summary>
    public bool Trusted { get; }

    /// <summary>Lists <paramref name="inputDirectory"/> (a missing folder lists as empty, and the build reports it).</summary>
    public static InputSnapshot Take(string inputDirectory)
    {
        var listedAt = DateTime.UtcNow;
        var root = Path.GetFullPath(inputDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!Directory.Exists(root) || FileLinks.IsSymbolicLink(new DirectoryInfo(root.TrimEnd(Path.DirectorySeparatorChar)))) return new([], false);
        var trusted = true;
        var files = new List<(string, FileStamp)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new FileSystemEnumerable<(string Path, FileStamp? Stamp)>(root, (ref FileSystemEntry entry) =>
        {
            // The attributes come from lstat: a link is seen as a link, never followed.
            if ((entry.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.System)) != 0) return ("", null);
            var written = entry.LastWriteTimeUtc.UtcDateTime;
            if (written > listedAt - FileStamp.RacyWindow) return ("", null);
            return (Path.Join(entry.Directory, entry.FileName)[root.Length..].Replace(Path.DirectorySeparatorChar, '/'), new FileStamp(entry.Length, written.Ticks));
        }, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory || (entry.Attributes & FileAttributes.ReparsePoint) != 0,
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var (path, stamp) in entries)
        {
            if (stamp is not { } known)
            {
                trusted = false;
                break;
            }
            files.Add((path, known));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return new InputSnapshot(files, trusted);
    }

    /// <summary>True if both are trusted and list the same files with the same stamps.</summary>
    public bool SameAs(InputSnapshot other)
    {
        if (!Trusted || !other.Trusted || Files.Count != other.Files.Count) return false;
        for (var i = 0; i < Files.Count; i++)
            if (Files[i] != other.Files[i]) return false;
        return true;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Trusted);
        writer.Write(Files.Count);
        foreach (var (path, stamp) in Files)
        {
            writer.Write(path);
            writer.Write(stamp.Length);
            writer.Write(stamp.WriteTicks);
        }
    }

    public static InputSnapshot Read(BinaryReader reader)
    {
        var trusted = reader.ReadBoolean();
        var count = reader.ReadInt32();
        var files = new List<(string, FileStamp)>(count);
        for (var i = 0; i < count; i++) files.Add((reader.ReadString(), new FileStamp(reader.ReadInt64(), reader.ReadInt64())));
        return new InputSnapshot(files, trusted);
    }
}
