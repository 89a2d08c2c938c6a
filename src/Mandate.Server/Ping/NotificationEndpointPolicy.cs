using System.Net;
using System.Net.Sockets;

namespace Mandate.Server.Ping;

/// <summary>
/// Where ping callbacks may go (CIBA §9, §14; RFC 9700 SSRF advice): HTTPS only, except loopback HTTP in development;
/// never a private, link-local, loopback (outside development), multicast or unspecified address. The address check
/// runs again on the resolved address at connect time, so DNS cannot re-point a name at an internal host.
/// </summary>
internal static class NotificationEndpointPolicy
{
    /// <summary>Checks a URL at registration and before sending.</summary>
    public static bool IsAllowedUrl(Uri? url, bool development)
    {
        if (url is null || !url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            return false;
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return !IPAddress.TryParse(url.IdnHost, out var literal) || IsAllowedAddress(literal, development);
        }

        return development && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback;
    }

    /// <summary>Checks an address the callback would connect to.</summary>
    public static bool IsAllowedAddress(IPAddress address, bool development)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return development;
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC);
        }

        var v4 = address.GetAddressBytes();
        return !(v4[0] == 10 || v4[0] == 0 || (v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31) || (v4[0] == 192 && v4[1] == 168)
            || (v4[0] == 169 && v4[1] == 254) || (v4[0] == 100 && v4[1] >= 64 && v4[1] <= 127) || v4[0] >= 224);
    }
}
