using System.Threading.Channels;

namespace StaticNews.Serve;

/// <summary>
/// The open browser tabs (server-sent event streams) and the events sent to all of them after a rebuild. At most
/// <c>capacity</c> streams are held: a new one beyond that ends the oldest, whose page reconnects on its own if it
/// is still open. Every stream holds a connection, and a page (or anything else) that opens them without end must
/// not run the server out of file descriptors or memory.
/// </summary>
public sealed class ReloadHub(int capacity = ReloadHub.DefaultCapacity)
{
    /// <summary>Far more tabs than one person previews at once.</summary>
    public const int DefaultCapacity = 64;

    private readonly object _gate = new();
    private readonly LinkedList<Channel<string>> _oldestFirst = new();

    public int Count
    {
        get { lock (_gate) return _oldestFirst.Count; }
    }

    /// <summary>A new subscriber: events arrive on its reader until it is disposed, or ended to make room for a newer one.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
        LinkedListNode<Channel<string>> node;
        lock (_gate)
        {
            node = _oldestFirst.AddLast(channel);
            while (_oldestFirst.Count > capacity)
            {
                _oldestFirst.First!.Value.Writer.TryComplete();
                _oldestFirst.RemoveFirst();
            }
        }
        return new Subscription(this, node);
    }

    /// <summary>Sends one named event (e.g. "reload") to every open page.</summary>
    public void Broadcast(string name)
    {
        lock (_gate)
            foreach (var channel in _oldestFirst) channel.Writer.TryWrite(name);
    }

    private void Remove(LinkedListNode<Channel<string>> node)
    {
        lock (_gate)
            if (node.List is not null) _oldestFirst.Remove(node);
        node.Value.Writer.TryComplete();
    }

    /// <summary>One open stream: its events, until disposed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly ReloadHub _hub;
        private readonly LinkedListNode<Channel<string>> _node;

        internal Subscription(ReloadHub hub, LinkedListNode<Channel<string>> node) => (_hub, _node) = (hub, node);

        public ChannelReader<string> Events => _node.Value.Reader;

        public void Dispose() => _hub.Remove(_node);
    }
}
