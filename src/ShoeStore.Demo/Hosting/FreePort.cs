using System.Net;
using System.Net.Sockets;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// Finds a free TCP port when asked for port 0: the authorization server's issuer and the store's MCP resource contain
/// the port, so it must be known before either starts.
/// </summary>
internal static class FreePort
{
    public static Uri For(Uri url)
    {
        if (url.Port != 0)
        {
            return url;
        }

        var address = IPAddress.TryParse(url.Host, out var ip) ? ip : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return new UriBuilder(url) { Port = port }.Uri;
    }
}
