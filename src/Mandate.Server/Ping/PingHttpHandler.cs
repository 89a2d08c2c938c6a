using System.Net;
using System.Net.Sockets;

namespace Mandate.Server.Ping;

/// <summary>
/// The HTTP handler for pings: no redirects, no proxy, no cookies, a short connect timeout, and a connect callback
/// that refuses addresses <see cref="NotificationEndpointPolicy"/> forbids (checked on the resolved IP).
/// </summary>
internal static class PingHttpHandler
{
    /// <summary>Creates the handler.</summary>
    public static SocketsHttpHandler Create(bool development) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.FirstOrDefault(a => NotificationEndpointPolicy.IsAllowedAddress(a, development))
                ?? throw new HttpRequestException("The notification endpoint resolves to a forbidden address.");
            if (addresses.Any(a => !NotificationEndpointPolicy.IsAllowedAddress(a, development)))
            {
                throw new HttpRequestException("The notification endpoint resolves to a forbidden address.");
            }

            var socket = new Socket(allowed.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
