using System.Collections.Concurrent;

namespace StaticNews.Engine;

public enum Severity { Warning, Error }

/// <summary>One problem found in the input, located by file and (where known) line.</summary>
public sealed record Diagnostic(Severity Severity, string Message, string? File = null, int? Line = null)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is int line ? $"{File}:{line}: " : $"{File}: ";
        var level = Severity == Severity.Error ? "error" : "warning";
        return $"{where}{level}: {Message}";
    }
}

/// <summary>Thread-safe collector: every pipeline reports here, and a failed build shows all of it at once.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();
    private readonly DiagnosticBag? _parent;
    private int _errors;

    public DiagnosticBag() { }

    /// <summary>A bag that also reports to <paramref name="parent"/>: lets a pipeline count its own errors.</summary>
    public DiagnosticBag(DiagnosticBag parent) => _parent = parent;

    public void Error(string message, string? file = null, int? line = null) =>
        Add(new Diagnostic(Severity.Error, message, file, line));

    public void Warning(string message, string? file = null, int? line = null) =>
        Add(new Diagnostic(Severity.Warning, message, file, line));

    public void Add(Diagnostic diagnostic)
    {
        _items.Enqueue(diagnostic);
        if (diagnostic.Severity == Severity.Error) Interlocked.Increment(ref _errors);
        _parent?.Add(diagnostic);
    }

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public int ErrorCount => Volatile.Read(ref _errors);

    public int WarningCount => _items.Count(d => d.Severity == Severity.Warning);

    /// <summary>All diagnostics in a stable order (by file, line, message), so output is reproducible.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items
        .OrderBy(d => d.File ?? "", StringComparer.Ordinal)
        .ThenBy(d => d.Line ?? 0)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToList();
}

/// <summary>Thrown for a problem that stops one document; the engine turns it into a diagnostic.</summary>
public sealed class InputException(string message, string? file = null, int? line = null) : Exception(message)
{
    public string? File { get; } = file;
    public int? Line { get; } = line;
}

/// <summary>How an unexpected exception (a bug in StaticNews or its theme, not in the input) is reported.</summary>
public static class InternalError
{
    /// <summary>Every internal-error diagnostic starts with this, so tests and scripts can tell bugs from bad input.</summary>
    public const string Prefix = "internal error";

    /// <param name="near">A path on the file system the build writes to (for the free space, if it is full).</param>
    public static string Describe(Pipeline pipeline, Exception e, string? near = null) => Describe($"the {pipeline.Name} pipeline", e, near);

    public static string Describe(string where, Exception e, string? near = null)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        // The machine's state (a full disk, a folder it may not write in), not a bug: said as what it is.
        if (FileErrors.Are(e)) return FileErrors.Describe(e, $"building ({where})", near);
        var origin = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        return $"{Prefix} in {where}: {e.GetType().Name}: {e.Message}{(origin is null ? "" : $" ({origin})")}. " +
               "This is a bug in StaticNews, not in your files; please report it with this message.";
    }
}
