using System.Net;
using System.Net.Sockets;

namespace Mandate.Server.Device;

/// <summary>
/// The key that per-address sign-in limits count by: an IPv4 address as it is, an IPv4-mapped IPv6 address as its
/// IPv4 address, and any other IPv6 address by its /64 prefix — one subscriber usually holds a whole /64 (RFC 6177
/// §2, RFC 7934 §6), so counting single IPv6 addresses would give one attacker 2^64 budgets.
/// </summary>
internal static class ClientAddressKey
{
    /// <summary>The key for an address (<c>unknown</c> when the host does not know it).</summary>
    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
