using System.Globalization;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// A small change published into the live output file by file, where swapping in a whole new tree would link and
/// unlink every file of the site to change a few (see <see cref="Publication"/>, which chooses). Only the paths the
/// change touches are looked at, against the <see cref="OutputRecord"/>: each must be missing or hold the very file
/// StaticNews published there, and no folder on the way may be a link; all are checked before anything is changed.
/// <para>
/// The steps are written to a journal in the state folder before the first of them: a build killed at any moment
/// leaves the journal, and the next build completes it (<see cref="RollForward"/>) before anything else, so the
/// output ends as exactly the new site, as a swap would. Each file comes from the staging folder by rename(2), so a
/// reader sees the old file or the new one, never half of one; new files come first, then replaced ones, then
/// removals, so a page never links to one not there yet.
/// </para>
/// </summary>
internal sealed class InPlaceUpdate
{
    private const string JournalName = "journal.tsv";
    private const string Format = "staticnews-journal 1", Put = "put", Remove = "remove";

    /// <summary>One step: a staged file renamed into the output (its state as staged), or a published file removed (its state as recorded).</summary>
    private readonly record struct Step(bool Remove, string Path, FileState State);

    private readonly string _key;
    private readonly List<Step> _steps;

    private InPlaceUpdate(string key, List<Step> steps)
    {
        _key = key;
        _steps = steps;
    }

    /// <summary>
    /// True if a change touching <paramref name="touched"/> files of a site of <paramref name="published"/> is published in
    /// place. Up to a quarter of the site: past that, readers would see a mix of old and new pages for longer, and the
    /// whole-tree swap, one atomic exchange, costs about the same; a first build or a new theme or base URL (another
    /// build key) is always swapped.
    /// </summary>
    public static bool Fits(int touched, int published) => FileStat.Available && touched <= published / 4;

    /// <summary>The steps that turn the output of <paramref name="recorded"/> into the site <paramref name="output"/> staged.</summary>
    public static InPlaceUpdate Plan(string key, OutputSink output, IReadOnlyDictionary<string, FileState> recorded, IEnumerable<string> removed)
    {
        var written = output.WrittenPaths.Order(StringComparer.Ordinal).Select(path => new Step(false, path, output.WrittenState(path)!.Value)).ToList();
        var steps = written.Where(step => !recorded.ContainsKey(step.Path))
            .Concat(written.Where(step => recorded.ContainsKey(step.Path)))
            .Concat(removed.Order(StringComparer.Ordinal).Select(path => new Step(true, path, recorded[path])))
            .ToList();
        return new InPlaceUpdate(key, steps);
    }

    /// <summary>
    /// Throws <see cref="OutputRefusedException"/> naming what stands where the change would write or remove and is not
    /// StaticNews's: a link (also as a folder on the way), a folder, or a file other than the one recorded.
    /// </summary>
    public void Check(string output, string shown, IReadOnlyDictionary<string, FileState> recorded)
    {
        var folders = new Dictionary<string, FileStat.Kind>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var step in _steps)
        {
            var parentsSafe = true;
            for (var slash = step.Path.IndexOf('/'); slash > 0 && parentsSafe; slash = step.Path.IndexOf('/', slash + 1))
            {
                var folder = step.Path[..slash];
                if (!folders.TryGetValue(folder, out var kind))
                {
                    folders[folder] = kind = FileStat.Of(Path.Combine(output, folder)).Kind;
                    if (kind is FileStat.Kind.File or FileStat.Kind.Other)
                        problems.Add($"{Path.Join(shown, folder)} is {(kind == FileStat.Kind.File ? "a file" : "a symbolic link (or another special file)")} where StaticNews needs a folder of its own");
                }
                parentsSafe = kind is FileStat.Kind.Folder or FileStat.Kind.Missing;
            }
            if (!parentsSafe) continue;
            var (found, state) = FileStat.Of(Path.Combine(output, step.Path));
            if (found == FileStat.Kind.Missing || found == FileStat.Kind.File && recorded.TryGetValue(step.Path, out var published) && state.IsStill(published)) continue;
            problems.Add(Path.Join(shown, step.Path) + found switch
            {
                FileStat.Kind.Folder => " is a folder where StaticNews publishes a file",
                FileStat.Kind.Other => " is a symbolic link (or another special file), which StaticNews never publishes or follows",
                _ when recorded.ContainsKey(step.Path) => " is not the file StaticNews published there (changed or replaced since)",
                _ => " was not published by StaticNews",
            });
        }
        if (problems.Count == 0) return;
        var more = problems.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {problems.Count - 1} more)") : "";
        throw new OutputRefusedException($"{problems[0]}{more}: this build would replace or remove it, and StaticNews never touches what it did not publish; " +
                                         $"move it out of {shown} and build again (nothing in the output was changed)");
    }

    /// <summary>Writes the journal: from here on, the output becomes the new site, in this build or (after a kill) the next.</summary>
    public void Save(StateFolder state) => state.Save(JournalName, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Format);
        writer.WriteLine(_key);
        foreach (var step in _steps) writer.WriteLine($"{(step.Remove ? Remove : Put)}\t{OutputRecord.Line(step.Path, step.State)}");
    });

    /// <summary>
    /// Takes the steps, each of which can run again after a kill: a put whose staged file is gone was done, a removal
    /// only removes the very file recorded. Then removes the folders the removals emptied. Each by name in its folder,
    /// reached without following a link (<see cref="OutputFolders"/>).
    /// </summary>
    /// <param name="beforeStep">Called with the index of each step before it is taken (for tests that stop a publish there).</param>
    public void Apply(string output, string staging, Action<int>? beforeStep = null)
    {
        using var folders = new OutputFolders(output);
        for (var index = 0; index < _steps.Count; index++)
        {
            beforeStep?.Invoke(index);
            var step = _steps[index];
            if (step.Remove)
            {
                folders.RemoveIfStill(step.Path, step.State);
                continue;
            }
            var staged = Path.Combine(staging, step.Path);
            if (FileStat.Of(staged).Kind != FileStat.Kind.File) continue; // put in place before a kill
            folders.Put(staged, step.Path);
        }
        var emptied = _steps.Where(step => step.Remove).SelectMany(step => Parents(step.Path)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(folder => folder.Count(c => c == '/'));
        foreach (var folder in emptied) folders.RemoveIfEmpty(folder);
    }

    /// <summary>Records the site as the steps left <paramref name="record"/>'s and removes the journal: the publish is done.</summary>
    public void Finish(StateFolder state, OutputRecord? record)
    {
        OutputRecord.Change(state, _key, record,
            [.. _steps.Where(step => !step.Remove).Select(step => KeyValuePair.Create(step.Path, step.State))],
            [.. _steps.Where(step => step.Remove).Select(step => step.Path)]);
        File.Delete(state.File(JournalName));
    }

    /// <summary>Completes the in-place publish a killed build left (if any), from its journal; the staging folder holds its files.</summary>
    public static void RollForward(StateFolder state, string output, string staging)
    {
        if (Read(state) is not { } update) return;
        if (!Directory.Exists(output))
        {
            // The output was deleted since: the next build makes it afresh, and there is nothing to complete.
            File.Delete(state.File(JournalName));
            return;
        }
        update.Apply(output, staging);
        update.Finish(state, OutputRecord.Read(state));
    }

    private static InPlaceUpdate? Read(StateFolder state)
    {
        using var stream = state.OpenRead(JournalName);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // The journal is saved whole or not at all (StateFolder.Save): anything else is not StaticNews's.
        var notOurs = new IOException($"{state.File(JournalName)} is not a journal of StaticNews: move it away");
        if (reader.ReadLine() != Format) throw notOurs;
        var key = reader.ReadLine() ?? "";
        var steps = new List<Step>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab < 0 || line[..tab] is not (Put or Remove) || OutputRecord.ParseLine(line[(tab + 1)..]) is not var (path, file)) throw notOurs;
            steps.Add(new Step(line[..tab] == Remove, path, file));
        }
        return new InPlaceUpdate(key, steps);
    }

    /// <summary>The folders of <paramref name="path"/>, deepest first ("a/b/c.html": "a/b", "a").</summary>
    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            yield return path[..slash];
    }
}
