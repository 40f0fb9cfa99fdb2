using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace StaticNews.Serve;

/// <summary>
/// The Host header values the preview answers to: localhost, the loopback addresses, and the address it was told to
/// listen on (for every interface, 0.0.0.0 or ::, the machine's own name and addresses). A page on another site
/// that points its own name at this machine (DNS rebinding) sends that name, and is refused: it cannot read the
/// preview, drafts included.
/// </summary>
public static class PreviewHosts
{
    public static List<string> Allowed(IPAddress listening)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (listening.Equals(IPAddress.Any) || listening.Equals(IPAddress.IPv6Any))
        {
            hosts.Add(Dns.GetHostName());
            hosts.AddRange(NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => Format(a.Address)));
        }
        else hosts.Add(Format(listening));
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>An address as a Host header carries it: IPv6 in brackets, without a zone (browsers never send one).</summary>
    public static string Format(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{new IPAddress(address.GetAddressBytes())}]"
        : address.ToString();
}
