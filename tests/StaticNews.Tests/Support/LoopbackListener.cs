using System.Net;
using System.Net.Sockets;

namespace StaticNews.Tests.Support;

/// <summary>An <see cref="HttpListener"/> on a free port of 127.0.0.1, for the servers tests run inside themselves.</summary>
public static class LoopbackListener
{
    /// <summary>
    /// Starts a listener for http://127.0.0.1:port<paramref name="path"/>. HttpListener takes no port 0, so a free port
    /// is asked of the system and bound; when something else took it in between (a port handed out to another test's
    /// server or client), another is asked for.
    /// </summary>
    public static HttpListener Start(string path, out Uri prefix)
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            prefix = new Uri($"http://127.0.0.1:{port}{path}");
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix.AbsoluteUri);
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 10) { listener.Close(); }
        }
    }
}
