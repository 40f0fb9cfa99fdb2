using System.Collections.Concurrent;
using System.Threading.Channels;

namespace StaticNews.Serve;

/// <summary>The open browser tabs (server-sent event streams) and the events sent to all of them after a rebuild.</summary>
public sealed class ReloadHub
{
    private readonly ConcurrentDictionary<Guid, Channel<string>> _clients = new();

    public int Count => _clients.Count;

    /// <summary>A new subscriber: events arrive on the reader until <see cref="Unsubscribe"/>.</summary>
    public (Guid Id, ChannelReader<string> Events) Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>();
        var id = Guid.NewGuid();
        _clients[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (_clients.TryRemove(id, out var channel)) channel.Writer.TryComplete();
    }

    /// <summary>Sends one named event (e.g. "reload") to every open page.</summary>
    public void Broadcast(string name)
    {
        foreach (var channel in _clients.Values) channel.Writer.TryWrite(name);
    }
}
