namespace StaticNews.Publish;

/// <summary>
/// Compares slices of strings by their characters, as strings are compared: a table of the folders of a site's files
/// holds each folder as a slice of a file's path rather than a string of its own. Looked up by a span too.
/// </summary>
public sealed class CharSliceComparer : IEqualityComparer<ReadOnlyMemory<char>>, IAlternateEqualityComparer<ReadOnlySpan<char>, ReadOnlyMemory<char>>
{
    private readonly StringComparison _comparison;

    private CharSliceComparer(StringComparison comparison) => _comparison = comparison;

    public static CharSliceComparer Ordinal { get; } = new(StringComparison.Ordinal);
    public static CharSliceComparer OrdinalIgnoreCase { get; } = new(StringComparison.OrdinalIgnoreCase);

    public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.Equals(y.Span, _comparison);
    public int GetHashCode(ReadOnlyMemory<char> slice) => string.GetHashCode(slice.Span, _comparison);
    public bool Equals(ReadOnlySpan<char> alternate, ReadOnlyMemory<char> other) => alternate.Equals(other.Span, _comparison);
    public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate, _comparison);
    public ReadOnlyMemory<char> Create(ReadOnlySpan<char> alternate) => alternate.ToString().AsMemory();
}
