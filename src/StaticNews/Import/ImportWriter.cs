using System.Security.Cryptography;

namespace StaticNews.Import;

/// <summary>What became of one file an import offered to write.</summary>
public enum FileOutcome
{
    /// <summary>Written where there was no file.</summary>
    Created,
    /// <summary>The import's earlier file, untouched since, replaced by a changed one.</summary>
    Updated,
    /// <summary>Already holds exactly these bytes.</summary>
    Unchanged,
    /// <summary>Changed by hand since the import wrote it: kept, the new one not written.</summary>
    KeptEdited,
    /// <summary>Deleted by hand since the import wrote it: stays deleted.</summary>
    KeptDeleted,
    /// <summary>A file the import did not write is there: kept.</summary>
    KeptForeign,
}

/// <summary>
/// Writes an import into the input folder without ever leaving it half-written or touching what the import does
/// not own. Files are staged in a folder beside the input (same disk); only <see cref="Commit"/> moves them in,
/// each by one rename, so every file in the input is either as it was or whole. An import that fails before the
/// commit leaves the input folder exactly as it was. A file is replaced only if the import wrote it last time and
/// nobody changed it since (the <see cref="ImportRecord"/> holds its hash).
/// </summary>
public sealed class ImportWriter : IDisposable
{
    private readonly string _input;
    private readonly ImportedSite _previous;
    private readonly List<(string Staged, string Relative)> _moves = [];

    public ImportWriter(string inputDirectory, ImportedSite previous)
    {
        _input = Path.GetFullPath(inputDirectory);
        _previous = previous;
        var parent = Path.GetDirectoryName(_input.TrimEnd(Path.DirectorySeparatorChar))!;
        var name = Path.GetFileName(_input.TrimEnd(Path.DirectorySeparatorChar));
        // A fresh folder of our own, beside the input: the rename into the input stays on one file system.
        do StagingDirectory = Path.Combine(parent, $".{name}.import-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        while (Directory.Exists(StagingDirectory) || File.Exists(StagingDirectory));
        Directory.CreateDirectory(StagingDirectory);
    }

    public string StagingDirectory { get; }

    /// <summary>What the record will hold for this site after the commit.</summary>
    public ImportedSite Next { get; } = new();

    /// <summary>Offers <paramref name="bytes"/> for the file at <paramref name="relative"/> (input-relative, '/' separators).</summary>
    public FileOutcome Offer(string relative, byte[] bytes) => Offer(relative, Hash(bytes), staged => File.WriteAllBytes(staged, bytes));

    /// <summary>Offers a copy of <paramref name="source"/> (a file from the old site's uploads).</summary>
    public FileOutcome OfferCopy(string relative, string source) => Offer(relative, HashFile(source), staged => File.Copy(source, staged));

    private FileOutcome Offer(string relative, string hash, Action<string> stage)
    {
        var target = Target(relative);
        var recorded = _previous.Files.GetValueOrDefault(relative);
        FileOutcome outcome;
        if (File.Exists(target) || Directory.Exists(target))
        {
            var current = File.Exists(target) ? HashFile(target) : "";
            outcome = current == hash ? FileOutcome.Unchanged
                : recorded is not null && recorded == current ? FileOutcome.Updated
                : recorded is not null ? FileOutcome.KeptEdited
                : FileOutcome.KeptForeign;
        }
        else outcome = recorded is not null ? FileOutcome.KeptDeleted : FileOutcome.Created;

        switch (outcome)
        {
            case FileOutcome.Created or FileOutcome.Updated:
                var staged = Path.Combine(StagingDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
                stage(staged);
                _moves.Add((staged, relative));
                Next.Files[relative] = hash;
                break;
            case FileOutcome.Unchanged:
                Next.Files[relative] = hash;
                break;
            case FileOutcome.KeptEdited or FileOutcome.KeptDeleted:
                // Still the import's file as far as the record goes: a later import keeps respecting the edit.
                Next.Files[relative] = recorded!;
                break;
        }
        return outcome;
    }

    /// <summary>Stages a file the import rewrites whole (authors.yml, taxonomy.yml, the record), moved in by the commit.</summary>
    public void Replace(string relative, byte[] bytes)
    {
        var target = Target(relative);
        if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes)) return;
        var staged = Path.Combine(StagingDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
        File.WriteAllBytes(staged, bytes);
        _moves.Add((staged, relative));
    }

    /// <summary>How many files the commit will move in.</summary>
    public int Pending => _moves.Count;

    /// <summary>Moves every staged file into the input folder, in the order they were staged, each by one rename.</summary>
    public void Commit()
    {
        foreach (var (staged, relative) in _moves)
        {
            var target = Target(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(staged, target, overwrite: true);
        }
    }

    /// <summary>The input path of a relative file, refused if it would leave the input folder or pass through a link.</summary>
    private string Target(string relative)
    {
        var target = Path.GetFullPath(Path.Combine(_input, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!target.StartsWith(_input + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{relative}' is not inside the input folder");
        Content.InputPaths.CheckInside(_input, target, relative);
        return target;
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Removes the staging folder (ours, made by this writer); the input folder is left as the commit, or nothing, made it.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(StagingDirectory)) Directory.Delete(StagingDirectory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
