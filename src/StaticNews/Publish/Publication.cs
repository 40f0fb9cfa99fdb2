using System.Globalization;
using System.Runtime.InteropServices;
using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>How to publish: where, what the build cache is keyed by, which folders the output must keep clear of.</summary>
public sealed record PublishOptions
{
    public required string OutputDirectory { get; init; }
    /// <summary>The <see cref="BuildKey"/> of the build: the build cache of another key is not used.</summary>
    public required string CacheKey { get; init; }
    /// <summary>The folders the build reads (input, theme), by name: the output may not be one, hold one or lie in one.</summary>
    public IReadOnlyList<(string Name, string Folder)> Sources { get; init; } = [];
    /// <summary>Wait for another build of the same output to finish (false: fail at once).</summary>
    public bool Wait { get; init; } = true;
    /// <summary>Told once, with a line to show, when the build has to wait for another one.</summary>
    public Action<string>? Waiting { get; init; }
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Asked under the lock, before anything of the output is read, if the output holds a site StaticNews recorded:
    /// true if that site is the one this build would make. Then nothing is read or staged (<see cref="Publication.UpToDate"/>).
    /// </summary>
    public Func<StateFolder, bool>? UpToDate { get; init; }
    /// <summary>The output's record and build cache read ahead by a long-lived process (`serve`): taken instead of reading them while they still stand.</summary>
    internal StateReadAhead<RecordedSite>? ReadAhead { get; init; }
    /// <summary>Called before each step of an in-place publish, with its index: tests throw from it to stop a publish there, as a kill would.</summary>
    internal Action<int>? BeforeInPlaceStep { get; init; }
}

/// <summary>
/// One build's publishing, the only way a site reaches its output folder: <see cref="Begin"/> checks the output
/// folder and takes its lock; the pipelines write into <see cref="Output"/> (<c>Write</c>, <c>TryKeep</c>,
/// <c>Copy</c>), which stages the new site beside the output; <see cref="Commit"/> swaps it in, or
/// <see cref="Abort"/> (or disposing without committing) leaves the output as it was. Staging, the build cache and
/// the record of published files are this class's own.
/// <para>
/// A small change to a site published by a build of the same key is published in place (<see cref="InPlaceUpdate"/>):
/// the output is not listed, only the paths the change touches are looked at, and the files it writes are renamed into
/// place from the staging folder. Anything else (a first build, a new theme or base URL, a change touching more than
/// <see cref="InPlaceUpdate.Fits"/> allows) is published by swapping the whole staged tree in.
/// </para>
/// <para>
/// The swap is one atomic exchange of the two folders where the OS has one (Linux's renameat2): a reader, or a build
/// killed at any moment, sees the old site or the new one. Elsewhere it is two renames, with a moment between them
/// where the output folder is missing. Whether the site was published is decided once, by that swap
/// (<see cref="Published"/>); whatever fails after it is a warning about a site that is live.
/// </para>
/// <para>
/// Nothing is ever removed that StaticNews did not publish: a swap needs the output to hold only the files its
/// <see cref="OutputRecord"/> lists, and the site swapped out is removed file by file from that list, without
/// following a link; anything else found there is moved into the state folder and named in a warning. An in-place
/// publish replaces or removes only files still as recorded.
/// </para>
/// </summary>
public sealed class Publication : IDisposable
{
    private const string StagingName = "staging", RetiredName = "retired";

    private readonly PublishOptions _options;
    private readonly string _output;
    private readonly OutputLock _lock;
    private readonly IReadOnlyDictionary<string, FileState> _recorded;
    // The record the published files were taken from, when they were (_trusted): an in-place publish records its changes to it.
    private readonly OutputRecord? _record;
    // True if the published files were taken from the record, not listed: the output has not been looked at.
    private readonly bool _trusted;
    private readonly BuildCache _cache;
    private readonly string _staging;
    private readonly OutputSink? _sink;
    private readonly List<string> _warnings = [];
    private bool _ended;

    /// <summary>A publication of a site found up to date: the output is neither read nor written.</summary>
    private Publication(PublishOptions options, string output, StateFolder state, OutputLock outputLock)
    {
        _options = options;
        _output = output;
        State = state;
        _lock = outputLock;
        _recorded = new Dictionary<string, FileState>();
        _cache = BuildCache.Empty(options.CacheKey, new FileTable());
        _staging = state.File(StagingName);
        HasPublishedSite = true;
        UpToDate = true;
    }

    /// <param name="published">The files in the output: as listed, or (<paramref name="trusted"/>) as the record has them.</param>
    private Publication(PublishOptions options, string output, StateFolder state, OutputLock outputLock, FileTable published,
        IReadOnlyDictionary<string, FileState> recorded, bool trusted, BuildCache cache, OutputRecord? record = null)
    {
        _options = options;
        _output = output;
        State = state;
        _lock = outputLock;
        _recorded = recorded;
        _record = record;
        _trusted = trusted;
        _cache = cache;
        HasPublishedSite = published.Count > 0;
        _staging = state.File(StagingName);
        _sink = new OutputSink(_staging, HasPublishedSite ? output : null, published, cache, recordedOnly: trusted);
    }

    /// <summary>Where the pipelines write the new site (not there when the output is <see cref="UpToDate"/>).</summary>
    public OutputSink Output => _sink ?? throw new InvalidOperationException("the output is up to date: nothing is staged");

    /// <summary>True if <see cref="PublishOptions.UpToDate"/> found the published site up to date: there is nothing to build or commit.</summary>
    public bool UpToDate { get; }

    /// <summary>The state this output keeps beside it: yours to read and write under the lock this publication holds.</summary>
    public StateFolder State { get; }

    /// <summary>True if the output folder holds a site (false on a first build, or once the output was deleted: then nothing cached is used).</summary>
    public bool HasPublishedSite { get; }

    /// <summary>True if the new site was published in place (<see cref="InPlaceUpdate"/>), not swapped in whole.</summary>
    public bool PublishedInPlace { get; private set; }

    /// <summary>True once the new site is in the output folder: set by the swap, and by nothing else.</summary>
    public bool Published { get; private set; }

    /// <summary>What went wrong after the site was published (it is live; these are not failures of the build).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Starts publishing into <see cref="PublishOptions.OutputDirectory"/>: refuses a folder that is not StaticNews's
    /// to replace (<see cref="OutputRefusedException"/>, before anything is touched), takes the output's lock (waiting
    /// for another build, or <see cref="OutputBusyException"/>), and makes an empty staging folder.
    /// </summary>
    public static Publication Begin(PublishOptions options)
    {
        OutputRules.Check(options.OutputDirectory, options.Sources);
        var output = Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var state = StateFolder.For(output);
        // A folder with files and no record is refused before the state folder is made beside it (and again under the lock).
        if (Directory.Exists(output) && !Directory.Exists(state.Path) && Directory.EnumerateFileSystemEntries(output).Any() && !EarlierVersion.Built(output))
            CheckOnlyPublished(options.OutputDirectory, state, OutputScan.Of(output), recorded: null, statesKnown: false);
        var outputLock = OutputLock.Take(state, options.OutputDirectory, options.Wait, options.Waiting);
        try
        {
            // First of all, an in-place publish a killed build left half done is completed: the output is then a site as recorded.
            InPlaceUpdate.RollForward(state, output, state.File(StagingName));
            // What a killed build left: its own staging tree, or the site it swapped out (gone before a build that finds its
            // site up to date stops, too: they can be as large as the site). Removing them never follows a link.
            foreach (var leftover in new[] { StagingName, RetiredName }.Select(state.File).Where(Directory.Exists))
                Directory.Delete(leftover, recursive: true);
            var outputExists = Directory.Exists(output);
            if (options.UpToDate is { } upToDate && outputExists && OutputRecord.Exists(state) && upToDate(state))
                return new Publication(options, output, state, outputLock);
            // Once the output is gone none of the recorded files is there to replace or remove: the record is not read, since
            // the publication would hold it (a line per file of the last site) for the whole build to no purpose.
            var ahead = outputExists && FileStat.Available ? options.ReadAhead?.Take(state, options.CacheKey) : null;
            var record = ahead?.Record ?? (outputExists ? OutputRecord.Read(state) : null);
            Directory.CreateDirectory(state.File(StagingName));
            // A site recorded with its files' state by a build of the same key: what the record says is taken as it stands,
            // and only what this build touches is looked at (at the commit). Listing the output would cost a stat of every file.
            if (record is not null && record.IsTrustedBy(options.CacheKey) && FileStat.Available)
                return new Publication(options, output, state, outputLock, record.Files, record.Files, trusted: true,
                    ahead?.Cache ?? BuildCache.Load(state, options.CacheKey, record.Files), record);
            var published = outputExists ? OutputScan.Of(output) : OutputScan.Empty;
            var recorded = record?.Files;
            var earlier = recorded is null && !published.IsEmpty && EarlierVersion.Built(output);
            if (earlier) recorded = published.Files;
            // The states of a record written before a swap (no key) may be the new site's, not what stands after a kill.
            CheckOnlyPublished(options.OutputDirectory, state, published, recorded, statesKnown: record is { Stamped: true, Key.Length: > 0 });
            if (earlier)
            {
                OutputRecord.Write(state, "", recorded!);
                try { EarlierVersion.Remove(output); }
                catch (Exception e) when (FileErrors.Are(e)) { /* only space is lost */ }
            }
            var cache = published.IsEmpty ? BuildCache.Empty(options.CacheKey, published.Files) : BuildCache.Load(state, options.CacheKey, published.Files);
            return new Publication(options, output, state, outputLock, published.Files, recorded ?? new FileTable(), trusted: false, cache);
        }
        catch
        {
            outputLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses an output that holds anything StaticNews did not publish: a link, a file its record does not list, or
    /// (<paramref name="statesKnown"/>) a listed file changed or replaced by hand since it was published. Asked before a
    /// swap, which replaces or removes every file of the output.
    /// </summary>
    private static void CheckOnlyPublished(string shown, StateFolder state, OutputScan published, IReadOnlyDictionary<string, FileState>? recorded, bool statesKnown)
    {
        if (published.Others.Count > 0)
            throw new OutputRefusedException($"{Path.Join(shown, published.Others[0])} is a symbolic link (or another special file), which StaticNews never publishes: " +
                                             $"move it out of {shown} (files to publish go in the input's static/ folder); {OutputRules.Advice}");
        if (recorded is null)
        {
            if (published.IsEmpty) return;
            throw new OutputRefusedException($"the output folder {shown} holds files StaticNews did not publish ({Some(published.Files.Keys, shown)}), " +
                                             $"and there is no record of a StaticNews build beside it ({state.Path}): {OutputRules.Advice}, or move those files away");
        }
        var foreign = published.Files.Keys.Where(path => !recorded.ContainsKey(path)).ToList();
        if (foreign.Count > 0)
            throw new OutputRefusedException($"{Some(foreign, shown)} in the output folder {(foreign.Count == 1 ? "was" : "were")} not published by StaticNews: " +
                                             $"move {(foreign.Count == 1 ? "it" : "them")} out of {shown} (files to publish go in the input's static/ folder); {OutputRules.Advice}");
        // A recorded state of default is not known (a record of an earlier version, a file copied where there is no FileStat).
        var changed = statesKnown
            ? published.Files.Where(file => recorded[file.Key] is var was && was != default && !file.Value.IsStill(was)).Select(file => file.Key).ToList()
            : [];
        if (changed.Count > 0) throw ChangedByHand(changed, shown);
    }

    /// <summary>The refusal of published files found changed or replaced by hand: a build never replaces, removes or reads them.</summary>
    private static OutputRefusedException ChangedByHand(IReadOnlyCollection<string> changed, string shown)
    {
        var (are, files, them) = changed.Count == 1 ? ("is", "the file", "it") : ("are", "the files", "them");
        return new OutputRefusedException($"{Some(changed, shown)} {are} not {files} StaticNews published there (changed or replaced since): this build would replace " +
                                          $"or remove {them}, and StaticNews never touches what it did not publish; move {them} out of {shown} and build again " +
                                          "(nothing in the output was changed)");
    }

    private static string Some(IEnumerable<string> paths, string folder)
    {
        var sorted = paths.Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", sorted.Take(3).Select(p => Path.Join(folder, p)));
        return sorted.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {sorted.Count - 3} more") : shown;
    }

    /// <summary>
    /// Publishes the staged site into the output folder, in place or by a swap, unless it would change nothing (then the
    /// output is left exactly as it was). Throws if the site could not be published: the output is then as it was
    /// (<see cref="OutputRefusedException"/> if it holds what StaticNews did not publish where the site goes). Once the
    /// site is published, <see cref="Published"/> is true and any later failure is one of <see cref="Warnings"/>.
    /// </summary>
    /// <returns>False if nothing changed and nothing was published.</returns>
    public bool Commit()
    {
        End();
        if (UpToDate) return false;
        if (Output.NotAsPublished.Count > 0)
        {
            RemoveStaging();
            throw NotAsPublished(Output.NotAsPublished);
        }
        if (Output.ChangesNothing)
        {
            RemoveStaging();
            // The output was listed because its record was made under another key (a new version of the tool, an edit to
            // site.yml that changes no page): now vouched for file by file, it is recorded under this build's key, so the
            // next small change is published in place instead of listing the output again and swapping it in whole.
            if (!_trusted && FileStat.Available)
                After("recording the published files", () => OutputRecord.Write(State, _options.CacheKey, NewSiteFiles()));
            After("saving the build cache", SaveCache);
            return false;
        }
        // Trusted, the record is the sink's published files.
        if (_trusted && Output.UnclaimedPublished() is var removed && InPlaceUpdate.Fits(Output.WrittenCount + removed.Count, _recorded.Count))
            PublishInPlace(removed);
        else
            PublishBySwap();
        After("saving the build cache", SaveCache);
        return true;
    }

    private void PublishInPlace(List<string> removed)
    {
        var update = InPlaceUpdate.Plan(_options.CacheKey, Output, _recorded, removed);
        try
        {
            update.Check(_output, _options.OutputDirectory, _recorded);
            update.Save(State);
        }
        catch
        {
            RemoveStaging();
            throw;
        }
        Published = PublishedInPlace = true; // the journal is written: the output is the new site once this build, or the next, has taken its steps
        After("publishing the changed files (the next build completes it)", () =>
        {
            update.Apply(_output, _staging, _options.BeforeInPlaceStep);
            update.Finish(State, _record);
            RemoveStaging();
        });
    }

    private void PublishBySwap()
    {
        var files = NewSiteFiles();
        string? retired;
        try
        {
            if (_trusted) CheckStillAsRecorded();
            Output.Stage(_options.Parallelism);
            // The record covers the output whatever moment a kill comes: both sites' files until the swap is done. It has
            // no key, so a build after a kill lists the output rather than trust it.
            OutputRecord.Write(State, "", _recorded.Where(file => !files.ContainsKey(file.Key)).Concat(files));
            retired = Swap();
        }
        catch when (!Published)
        {
            RemoveStaging();
            throw;
        }
        if (retired is not null) After("removing the site published before", () => RemoveRetired(retired));
        After("recording the published files", () => OutputRecord.Write(State, _options.CacheKey, files));
    }

    /// <summary>
    /// Before a swap of a site whose files were taken from the record: the output holds only recorded files, each still
    /// as recorded, and every file this build keeps (links into the new site) is there.
    /// </summary>
    private void CheckStillAsRecorded()
    {
        var published = OutputScan.Of(_output);
        CheckOnlyPublished(_options.OutputDirectory, State, published, _recorded, statesKnown: true);
        var gone = Output.UnchangedPaths.Where(path => !published.Files.ContainsKey(path)).ToList();
        if (gone.Count > 0) throw new PublishedFilesGoneException(gone);
    }

    /// <summary>What to throw for kept files found not as published: the refusal if any was changed by hand, else (all deleted by hand) <see cref="PublishedFilesGoneException"/>.</summary>
    private Exception NotAsPublished(IReadOnlyCollection<string> paths)
    {
        var changed = paths.Where(path => FileStat.Of(Path.Combine(_output, path)).Kind != FileStat.Kind.Missing).ToList();
        return changed.Count > 0 ? ChangedByHand(changed, _options.OutputDirectory) : new PublishedFilesGoneException(paths.ToList());
    }

    /// <summary>
    /// Drops published files found deleted by hand (<see cref="PublishedFilesGoneException"/>) from the record, so the next
    /// build renders them again. The record still covers the output: they are not there. Only under the lock, before a commit.
    /// </summary>
    internal void Forget(IEnumerable<string> gone)
    {
        if (!_trusted || Published) throw new InvalidOperationException("only files of a site taken from its record, before it is published, are forgotten");
        var files = new Dictionary<string, FileState>(_recorded, StringComparer.Ordinal);
        foreach (var path in gone) files.Remove(path);
        OutputRecord.Write(State, _options.CacheKey, files);
    }

    /// <summary>Leaves the output as it was: the staged site is removed.</summary>
    public void Abort()
    {
        if (_ended) return;
        End();
        RemoveStaging();
    }

    public void Dispose()
    {
        Abort();
        _lock.Dispose();
    }

    private void End()
    {
        if (_ended) throw new InvalidOperationException("this publication has already ended");
        _ended = true;
    }

    /// <summary>Puts the staging folder in the output's place; returns where the site it replaced now is (null if there was none).</summary>
    private string? Swap()
    {
        if (!Directory.Exists(_output))
        {
            Directory.Move(_staging, _output);
            Published = true;
            return null;
        }
        if (OperatingSystem.IsLinux() && renameat2(AtFdCwd, _staging, AtFdCwd, _output, RenameExchange) == 0)
        {
            Published = true;
            return _staging;
        }
        // Two renames, the old site into a name of the state folder's own.
        var retired = State.File(RetiredName);
        Directory.Move(_output, retired);
        try { Directory.Move(_staging, _output); }
        catch
        {
            Directory.Move(retired, _output);
            throw;
        }
        Published = true;
        return retired;
    }

    /// <summary>
    /// Removes the site swapped out, file by file from the record of what was published, and its folders once empty.
    /// What else is there (something put into the output during the build) is moved into the state folder and named.
    /// </summary>
    private void RemoveRetired(string retired)
    {
        var site = OutputScan.Of(retired);
        Parallel.ForEach(site.Files.Keys.Where(_recorded.ContainsKey), new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism },
            path => File.Delete(Path.Combine(retired, path)));
        foreach (var folder in site.Folders.Reverse())
            if (!Directory.EnumerateFileSystemEntries(Path.Combine(retired, folder)).Any()) Directory.Delete(Path.Combine(retired, folder));
        if (!Directory.EnumerateFileSystemEntries(retired).Any())
        {
            Directory.Delete(retired);
            return;
        }
        var kept = State.File("kept-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));
        Directory.Move(retired, kept);
        var strays = site.Files.Keys.Where(path => !_recorded.ContainsKey(path)).Concat(site.Others).ToList();
        _warnings.Add($"{Some(strays, _options.OutputDirectory)} appeared in the output folder during the build and {(strays.Count == 1 ? "was" : "were")} not published by StaticNews: " +
                      $"moved to {kept}");
    }

    /// <summary>The new site's files, each with the state it has once published (as written, or as it stands), for the record.</summary>
    private Dictionary<string, FileState> NewSiteFiles() =>
        Output.Paths.ToDictionary(path => path, path => Output.PublishedStateAfter(path) ?? default, StringComparer.Ordinal);

    private void SaveCache()
    {
        if (_cache.Update(Output)) _cache.Save(State);
    }

    private void RemoveStaging()
    {
        try { if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true); }
        catch (Exception e) when (FileErrors.Are(e)) { /* the next build removes it */ }
    }

    /// <summary>A step after the swap: the site is live whatever happens, so a failure is a warning, said as what it is.</summary>
    private void After(string doing, Action step)
    {
        try { step(); }
        catch (Exception e) when (FileErrors.Are(e)) { _warnings.Add(FileErrors.Describe(e, doing, _output)); }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);
}
