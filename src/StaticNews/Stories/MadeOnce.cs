using StaticNews.Publish;

namespace StaticNews.Stories;

/// <summary>
/// Fingerprints made at most once each by a version's place in the index, by the first output that asks. Held in blocks
/// made as they are first asked for: a full build asks for every version, and the blocks hold them as plain values that
/// add nothing per entry for the collector; an incremental build that keeps most outputs as published asks for a few,
/// and makes no table of every version (a large object, which starts a full collection). One is written before it is
/// marked made, and two outputs making one at once write the same value.
/// </summary>
public sealed class MadeOnce(int count, Func<StoryVersion, Fingerprint> make)
{
    // Below the large-object heap's threshold: 2,048 fingerprints of 16 bytes.
    private const int BlockSize = 2048;

    private readonly Block?[] _blocks = new Block?[(count + BlockSize - 1) / BlockSize];

    private sealed class Block
    {
        public readonly Fingerprint[] Values = new Fingerprint[BlockSize];
        public readonly bool[] Made = new bool[BlockSize];
    }

    /// <summary>The fingerprint of <paramref name="version"/>, at <paramref name="position"/> in the index.</summary>
    public Fingerprint Get(int position, StoryVersion version)
    {
        var block = Volatile.Read(ref _blocks[position / BlockSize]);
        if (block is null)
        {
            // Two outputs asking at once for a block not made: one block is kept, and both write into it.
            Interlocked.CompareExchange(ref _blocks[position / BlockSize], new Block(), null);
            block = Volatile.Read(ref _blocks[position / BlockSize])!;
        }
        var at = position % BlockSize;
        if (Volatile.Read(ref block.Made[at])) return block.Values[at];
        var value = make(version);
        block.Values[at] = value;
        Volatile.Write(ref block.Made[at], true);
        return value;
    }
}
