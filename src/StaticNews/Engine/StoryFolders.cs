using StaticNews.Publish;

namespace StaticNews.Engine;

/// <summary>
/// The input folder summed up by story, from its listing (<see cref="InputSnapshot"/>): a fingerprint of each story
/// folder under articles/ (its files' paths, which name the folder, sizes and times), and one of everything else.
/// Recorded with the published site (<see cref="LastBuild"/>), it tells the next build which stories' folders hold what
/// they held when their pages were published, without a record of every file: those pages need not be summed up again
/// (see <see cref="StoryChanges"/>). A folder with a file too new to trust its time is left out, so it counts as changed.
/// </summary>
public sealed class StoryFolders
{
    private const string Articles = "articles/";

    // Sorted (see Order), one per story folder whose every file has a stamp.
    private readonly Fingerprint[] _folders;

    private StoryFolders(Fingerprint? rest, Fingerprint[] folders)
    {
        Rest = rest;
        _folders = folders;
    }

    /// <summary>The fingerprint of every file outside the story folders (site.yml, taxonomy.yml, authors.yml...); null if one had no stamp.</summary>
    public Fingerprint? Rest { get; }

    /// <summary>
    /// The story folders of <paramref name="snapshot"/>, with the keys of the stories whose folders are not as in
    /// <paramref name="published"/> (changed, new, or with a file too new to stamp) in <paramref name="changed"/>: null if
    /// that cannot be told (nothing published to compare with, or anything outside the story folders changed or too new).
    /// Null if the snapshot is not trusted (it holds a link).
    /// </summary>
    public static StoryFolders? Of(InputSnapshot snapshot, StoryFolders? published, out IReadOnlySet<string>? changed)
    {
        changed = null;
        if (!snapshot.Trusted) return null;
        var runs = snapshot.Runs;
        // Each story folder is a run of the listing, with its digest made already: what is recorded of it. The other runs
        // (a few files beside a hundred thousand folders) are summed up as the listing's digest is.
        var rest = new List<Fingerprint>();
        var restStamped = true;
        var count = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            if (IsStoryFolder(runs[i][0].Path))
            {
                if (Stamped(runs[i])) count++;
                continue;
            }
            restStamped &= Stamped(runs[i]);
            rest.Add(snapshot.RunDigest(i));
        }
        Fingerprint? restDigest = restStamped ? InputSnapshot.Combined(rest) : null;
        var comparable = published is not null && restDigest is not null && published.Rest == restDigest;
        var folders = new Fingerprint[count];
        var differ = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, f = 0; i < runs.Count; i++)
        {
            if (!IsStoryFolder(runs[i][0].Path)) continue;
            var stamped = Stamped(runs[i]);
            if (stamped) folders[f++] = snapshot.RunDigest(i);
            if (comparable && (!stamped || Array.BinarySearch(published!._folders, snapshot.RunDigest(i), Order) < 0)) differ.Add(StoryKey(runs[i][0].Path));
        }
        Array.Sort(folders, Order);
        if (comparable) changed = differ;
        return new StoryFolders(restDigest, folders);
    }

    private static bool Stamped(List<(string Path, Content.FileStamp? Stamp)> run) => !run.Exists(file => file.Stamp is null);

    /// <summary>True for a path in a folder under articles/ (a story's folder: each is a run of the listing of its own).</summary>
    private static bool IsStoryFolder(string path) => path.StartsWith(Articles, StringComparison.Ordinal) && path.IndexOf('/', Articles.Length) > 0;

    private static string StoryKey(string path) => path[Articles.Length..path.IndexOf('/', Articles.Length)];

    private static readonly Comparer<Fingerprint> Order = Comparer<Fingerprint>.Create((a, b) => a.High != b.High ? a.High.CompareTo(b.High) : a.Low.CompareTo(b.Low));

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static StoryFolders Read(BinaryReader reader)
    {
        Fingerprint? rest = reader.ReadBoolean() ? Fingerprint.Read(reader) : null;
        return new StoryFolders(rest, Fingerprint.ReadAll(reader, "story folders"));
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Rest is not null);
        Rest?.Write(writer);
        Fingerprint.WriteAll(writer, _folders);
    }
}
