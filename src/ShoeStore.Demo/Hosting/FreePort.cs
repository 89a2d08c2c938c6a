using System.Net;
using System.Net.Sockets;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// Finds a free TCP port for the authorization server when asked for port 0: its issuer contains the port, so the
/// port must be known before the server starts (the store can let Kestrel pick).
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
