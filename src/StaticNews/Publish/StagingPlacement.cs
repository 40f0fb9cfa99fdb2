using System.Globalization;

namespace StaticNews.Publish;

/// <summary>
/// Where on the disk a fresh staging tree goes. The staging folder is a top directory (see
/// <see cref="StagingTree.MakeTopFolder"/>), so ext4 places each folder made in it from a hash of its name, in
/// the first emptiest block group from there on. Without a journal, ext4 also skips inodes freed in the last
/// minutes and scans past them again for every new file, and the groups of a site deleted just before (by
/// `rm -rf output`, or by the swap) look as empty as any, so a random name alone often led back to them: a tree
/// placed there took 4–8 s instead of 2.5 s (2000 stories). Eight candidate folders are made under random names
/// and one away from the trees of the last minutes (whose first inodes and spans the cache folder records) and from the
/// other candidates is kept (see <see cref="Choose"/>). Where there are no inode numbers the first one is taken.
/// </summary>
public static class StagingPlacement
{
    private const int Candidates = 8, Remembered = 16;
    // A flex group of inodes in mke2fs's default geometry (16 groups of 8192). Another geometry only makes the test less exact.
    private const ulong FlexGroup = 16 * 8192;
    // ext4 counts an inode freed as recent for 60 s, or 360 s while its inode table block is not yet written back.
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(400);
    private const string RecordName = "staging-placement.txt";

    /// <summary>Story folders from which a site's tree is placed: a few thousand files and folders.</summary>
    public const int LargeSite = 200;

    /// <summary>
    /// The story folders of the site in <paramref name="inputDirectory"/>: from <see cref="LargeSite"/> on, its place
    /// on the disk matters. A small tree is staged next to its parent, as any folder is, so that deleting it leaves
    /// no recently freed inodes scattered over the disk (a test suite builds hundreds).
    /// </summary>
    public static int StoryFolders(string inputDirectory)
    {
        var articles = Path.Combine(inputDirectory, "articles");
        try { return Directory.Exists(articles) ? Directory.EnumerateDirectories(articles).Count() : 0; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; } // the Content pipeline reports it
    }

    /// <summary>
    /// How far apart two trees of a site of <paramref name="versions"/> story versions must start not to share a
    /// block group: ext4 puts about 16,000 of a tree's inodes (a folder and a page per version, and some) in a flex
    /// group before it moves on to the next, so 2000 stories in six languages span three and 20,000 nineteen.
    /// </summary>
    public static ulong Span(int versions) => FlexGroup * (ulong)Math.Max(3, 1 + versions * 5L / 2 / 16384);

    /// <summary>Creates the folder <paramref name="tree"/> (whose parent exists) away from the trees of the last minutes, and records its place.</summary>
    public static void Make(string tree, string recordFolder, DateTimeOffset now, int versions)
    {
        var record = Path.Combine(recordFolder, RecordName);
        var recent = Read(record).Where(p => now - p.Made < Recent && p.Made <= now).ToList();
        var candidates = new List<(string Path, ulong Inode)>();
        for (var i = 0; i < Candidates; i++)
        {
            var path = Path.Combine(Path.GetDirectoryName(tree)!, "candidate-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            if (StagingTree.Inode(path) is not { } inode) // no inode numbers here: nothing to choose by
            {
                Directory.Move(path, tree);
                return;
            }
            candidates.Add((path, inode));
        }
        var span = Span(versions);
        var place = Choose(candidates, recent, span);
        foreach (var (path, _) in candidates)
            if (path != place.Path) Directory.Delete(path);
        Directory.Move(place.Path, tree);
        try
        {
            Directory.CreateDirectory(recordFolder);
            File.WriteAllLines(record, recent.Prepend(new Place(place.Inode, span, now)).Take(Remembered).Select(p => string.Join('\t',
                p.Inode.ToString(CultureInfo.InvariantCulture), p.Made.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), p.Span.ToString(CultureInfo.InvariantCulture))));
        }
        catch (IOException) { /* only the next placement is less informed */ }
    }

    /// <summary>Where a tree was made: its first inode, the inodes it spans (see <see cref="Span"/>), and when.</summary>
    public readonly record struct Place(ulong Inode, ulong Span, DateTimeOffset Made)
    {
        /// <summary>True if a tree of <paramref name="span"/> inodes from <paramref name="inode"/> would share no flex group with this one.</summary>
        public bool IsClearOf(ulong inode, ulong span) => inode >= Inode + Span || inode + span <= Inode;
    }

    /// <summary>
    /// The candidate to build the tree in: away from the recent trees, and alone in its part of the disk. ext4 gives
    /// a folder the first emptiest group from where its name's hash points, so every name that points into a run
    /// of used groups lands on the empty group after it; that group is where other programs' trees went too (their
    /// folders are placed by the same search), and they may have just been deleted. A candidate that no other one
    /// landed near came from a hash pointing into empty space, where nothing has been lately. When the recent trees
    /// leave no room (large sites built again and again), the candidate whose overlapped trees are the oldest: their
    /// freed inodes are the likeliest to be written back, and so no longer skipped.
    /// </summary>
    public static (string Path, ulong Inode) Choose(IReadOnlyList<(string Path, ulong Inode)> candidates, IReadOnlyList<Place> recent, ulong span)
    {
        bool Alone((string Path, ulong Inode) c) => candidates.All(other => other.Path == c.Path || new Place(other.Inode, span, default).IsClearOf(c.Inode, span));
        var away = candidates.Where(c => IsAway(c.Inode, recent, span)).ToList();
        if (away.Where(Alone).Take(1).ToList() is [var best]) return best;
        if (away.Count > 0) return away[0];
        DateTimeOffset YoungestOverlapped((string Path, ulong Inode) c) => recent.Where(r => !r.IsClearOf(c.Inode, span)).Max(r => r.Made);
        return candidates.MinBy(YoungestOverlapped);
    }

    /// <summary>True if a tree of <paramref name="span"/> inodes from <paramref name="inode"/> shares no flex group with any of the <paramref name="recent"/> ones.</summary>
    public static bool IsAway(ulong inode, IReadOnlyList<Place> recent, ulong span) => recent.All(r => r.IsClearOf(inode, span));

    /// <summary>
    /// The recorded places, one a line: a tree's first inode, when it was made (Unix seconds) and the inodes it spans
    /// (a record written before spans were kept counts a 2000-story site's). A garbled line is skipped.
    /// </summary>
    private static List<Place> Read(string record)
    {
        var places = new List<Place>();
        try
        {
            if (!File.Exists(record)) return places;
            foreach (var line in File.ReadLines(record))
            {
                var fields = line.Split('\t');
                var span = Span(0);
                if (fields.Length is 2 or 3 && ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 100_000_000_000
                    && (fields.Length == 2 || ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out span)))
                    places.Add(new Place(inode, span, DateTimeOffset.FromUnixTimeSeconds(seconds)));
            }
        }
        catch (IOException) { }
        return places;
    }
}
