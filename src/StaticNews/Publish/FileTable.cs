using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace StaticNews.Publish;

/// <summary>
/// The files of a published output by path, each with its state, each at a fixed position: what a build does with each
/// published file (claims it, keeps it) is then held in arrays by position (see <see cref="OutputSink"/>), not in tables
/// keyed by its path again. A large site has hundreds of thousands of files, and most builds keep nearly all of them.
/// A path removed leaves its position empty; one added takes the next.
/// </summary>
internal sealed class FileTable : IReadOnlyDictionary<string, FileState>
{
    private readonly Dictionary<string, int> _positions;
    private readonly List<string?> _paths;
    private readonly List<FileState> _states;

    public FileTable(int capacity = 0)
    {
        _positions = new(capacity, StringComparer.Ordinal);
        _paths = new(capacity);
        _states = new(capacity);
    }

    public FileTable(IEnumerable<KeyValuePair<string, FileState>> files) : this()
    {
        foreach (var (path, state) in files) Set(path, state);
    }

    /// <summary>How many positions there are, those of removed paths included: the length of an array by position.</summary>
    public int Positions => _paths.Count;

    /// <summary>The path at <paramref name="position"/>, or null if it was removed.</summary>
    public string? PathAt(int position) => _paths[position];

    public FileState StateAt(int position) => _states[position];

    /// <summary>Records <paramref name="path"/> with <paramref name="state"/>, at its position if it has one.</summary>
    public void Set(string path, FileState state)
    {
        // One look-up for a path new or not: a record read back sets every file of the site.
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, path, out var exists);
        if (exists)
        {
            _states[position] = state;
            return;
        }
        position = _paths.Count;
        _paths.Add(path);
        _states.Add(state);
    }

    public bool Remove(string path)
    {
        if (!_positions.Remove(path, out var position)) return false;
        _paths[position] = null;
        return true;
    }

    /// <summary>True if <paramref name="path"/> is listed: then with the string the table holds for it and its position, in one look.</summary>
    public bool TryFind(ReadOnlySpan<char> path, [NotNullWhen(true)] out string? stored, out int position) =>
        _positions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out stored, out position);

    public int Count => _positions.Count;

    public FileState this[string path] => TryGetValue(path, out var state) ? state : throw new KeyNotFoundException(path);

    public bool ContainsKey(string path) => _positions.ContainsKey(path);

    public bool TryGetValue(string path, out FileState state)
    {
        var found = _positions.TryGetValue(path, out var position);
        state = found ? _states[position] : default;
        return found;
    }

    public IEnumerable<string> Keys
    {
        get
        {
            for (var position = 0; position < _paths.Count; position++)
                if (_paths[position] is { } path) yield return path;
        }
    }

    public IEnumerable<FileState> Values => this.Select(file => file.Value);

    public IEnumerator<KeyValuePair<string, FileState>> GetEnumerator()
    {
        for (var position = 0; position < _paths.Count; position++)
            if (_paths[position] is { } path) yield return new(path, _states[position]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
