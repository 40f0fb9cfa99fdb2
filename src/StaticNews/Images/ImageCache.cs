using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using StaticNews.Content;

namespace StaticNews.Images;

/// <summary>
/// What the image stage keeps for itself: every variant it encoded, under its source's hash and its own file name
/// (which say what it was made from and how), and what it learnt of each source file by its <see cref="FileStamp"/>
/// (hash, size), so an unchanged file is not read again. Both live in the output's state folder (<c>images/</c> in
/// <see cref="Publish.StateFolder"/>: beside the output, never inside it, so deleting the output loses nothing
/// here); the variants may instead live in a folder the user names (<c>--image-cache</c>), which several sites or
/// outputs share. Deleting either only makes the next build read and encode again.
/// </summary>
public sealed class ImageCache
{
    private const string Folder = "images";
    private const string SourcesFile = "images/sources.tsv";
    private const string Format = "staticnews-image-sources 1";

    private readonly Publish.StateFolder _state;
    private readonly string _folder;
    /// <summary>False for a folder the user named: other sites' images are there too, so it is never pruned.</summary>
    private readonly bool _owned;
    private readonly IReadOnlyDictionary<string, (FileStamp Stamp, SourceImage Image)> _previous;
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, SourceImage Image)> _current = new(StringComparer.Ordinal);

    private ImageCache(Publish.StateFolder state, string? sharedFolder, IReadOnlyDictionary<string, (FileStamp, SourceImage)> previous)
    {
        _state = state;
        _folder = sharedFolder is null ? state.File(Folder) : Path.GetFullPath(sharedFolder);
        _owned = sharedFolder is null;
        _previous = previous;
    }

    /// <summary>The cache of the output whose state folder is <paramref name="state"/>; its variants in <paramref name="sharedFolder"/> if given.</summary>
    public static ImageCache Open(Publish.StateFolder state, string? sharedFolder = null)
    {
        var previous = new Dictionary<string, (FileStamp, SourceImage)>(StringComparer.Ordinal);
        try
        {
            var lines = File.ReadAllLines(state.File(SourcesFile), Encoding.UTF8);
            if (lines.Length > 0 && lines[0] == Format)
                foreach (var line in lines.Skip(1))
                {
                    var f = line.Split('\t');
                    if (f.Length != 7 || !Enum.TryParse<ImageFormat>(f[6], out var fallback)) continue;
                    previous[f[0]] = (new FileStamp(Long(f[1]), Long(f[2])), new SourceImage(f[3], (int)Long(f[4]), (int)Long(f[5]), fallback));
                }
        }
        // No record, or one that does not read: every source file is read and hashed again.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException) { previous.Clear(); }
        return new ImageCache(state, sharedFolder, previous);
    }

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>What the last builds learnt of the file at <paramref name="relative"/>, if its stamp is still <paramref name="stamp"/>.</summary>
    public SourceImage? Known(string relative, FileStamp? stamp)
    {
        if (stamp is not { } s || !_previous.TryGetValue(relative, out var known) || known.Stamp != s) return null;
        _current[relative] = known;
        return known.Image;
    }

    public void Remember(string relative, FileStamp? stamp, SourceImage image)
    {
        if (stamp is { } s) _current[relative] = (s, image);
    }

    /// <summary>A variant encoded by an earlier build, or null.</summary>
    public byte[]? Variant(string hash, ImageVariant variant)
    {
        try { return File.ReadAllBytes(Path.Combine(_folder, hash, variant.FileName)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Keeps an encoded variant, written whole or not at all (a killed build leaves no half file), through a temporary
    /// file of its own: builds sharing the folder may store the same variant at the same time, and either copy will do.
    /// </summary>
    public void Store(string hash, ImageVariant variant, byte[] bytes)
    {
        var path = Path.Combine(_folder, hash, variant.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Publish.StateFolder.WriteWhole(path, $"{path}.{Guid.NewGuid():N}.tmp", stream => stream.Write(bytes));
    }

    /// <summary>
    /// Records the sources of this build and, in the state folder's own cache, forgets the variants of images no story
    /// uses any more, so it holds what the site is made of, not every picture it ever had.
    /// </summary>
    public void Save(IReadOnlySet<string> hashesInUse)
    {
        var text = new StringBuilder(Format).Append('\n');
        foreach (var (relative, (stamp, image)) in _current.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{relative}\t{stamp.Length}\t{stamp.WriteTicks}\t{image.Hash}\t{image.Width}\t{image.Height}\t{image.Fallback}\n");
        _state.Save(SourcesFile, stream => stream.Write(new UTF8Encoding(false).GetBytes(text.ToString())));
        if (!_owned || !Directory.Exists(_folder)) return;
        foreach (var folder in new DirectoryInfo(_folder).EnumerateDirectories())
            // Only folders named like a source's hash, which this cache made; a symbolic link is removed as a link.
            if (folder.Name.Length == 20 && folder.Name.All(char.IsAsciiHexDigitLower) && !hashesInUse.Contains(folder.Name))
            {
                if (Engine.FileLinks.IsSymbolicLink(folder)) folder.Delete();
                else folder.Delete(recursive: true);
            }
    }
}
