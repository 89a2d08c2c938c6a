using Mandate.Server.Device;

namespace Mandate.Server.Tests.Device;

/// <summary>Per-address sign-in limits count IPv4 by address and IPv6 by /64 prefix.</summary>
public sealed class ClientAddressKeyTests
{
    [Fact]
    public void IPv4_CountsByTheWholeAddress()
    {
        Assert.Equal("203.0.113.7", ClientAddressKey.For(IPAddress.Parse("203.0.113.7")));
        Assert.NotEqual(ClientAddressKey.For(IPAddress.Parse("203.0.113.7")), ClientAddressKey.For(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public void IPv6_AddressesInOneSlash64_ShareAKey()
    {
        var a = ClientAddressKey.For(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        var b = ClientAddressKey.For(IPAddress.Parse("2001:db8:1:2::1"));
        Assert.Equal("2001:db8:1:2::/64", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void IPv6_AddressesInAnotherSlash64_GetAnotherKey() =>
        Assert.NotEqual(ClientAddressKey.For(IPAddress.Parse("2001:db8:1:2::1")), ClientAddressKey.For(IPAddress.Parse("2001:db8:1:3::1")));

    [Fact]
    public void IPv4MappedIPv6_CountsAsItsIPv4Address() =>
        Assert.Equal("203.0.113.7", ClientAddressKey.For(IPAddress.Parse("::ffff:203.0.113.7")));

    [Fact]
    public void NoAddress_IsOneKey() =>
        Assert.Equal("unknown", ClientAddressKey.For(null));
}
