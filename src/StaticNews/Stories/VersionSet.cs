namespace StaticNews.Stories;

/// <summary>
/// Some versions of an index, a bit each by their places in it: asked of every version of every listing and feed, and a
/// bit table of 100,000 stories in six languages is 75 KB.
/// </summary>
public sealed class VersionSet(StoryIndex index)
{
    private readonly ulong[] _bits = new ulong[(index.Versions.Count + 63) / 64];

    public void Add(StoryVersion version)
    {
        var position = index.PositionOf(version);
        _bits[position / 64] |= 1UL << position;
    }

    /// <summary>True if <paramref name="version"/>, a version of the index, is in the set.</summary>
    public bool Contains(StoryVersion version) => (_bits[version.Position / 64] & 1UL << version.Position) != 0;
}
