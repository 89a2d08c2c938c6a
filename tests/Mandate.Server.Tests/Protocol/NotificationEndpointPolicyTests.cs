using Mandate.Server.Ping;

namespace Mandate.Server.Tests.Protocol;

/// <summary>Checklist PG-07 … PG-09: where pings may go.</summary>
public sealed class NotificationEndpointPolicyTests
{
    [Fact]
    public void PG_07_PlainHttpOutsideDevelopment_IsRefused()
    {
        Assert.False(NotificationEndpointPolicy.IsAllowedUrl(new Uri("http://client.example/cb"), development: false));
        Assert.False(NotificationEndpointPolicy.IsAllowedUrl(new Uri("http://127.0.0.1:8080/cb"), development: false));
        Assert.True(NotificationEndpointPolicy.IsAllowedUrl(new Uri("https://client.example/cb"), development: false));
    }

    [Fact]
    public void PG_08_LoopbackHttp_IsAllowedOnlyInDevelopment()
    {
        Assert.True(NotificationEndpointPolicy.IsAllowedUrl(new Uri("http://127.0.0.1:8080/cb"), development: true));
        Assert.False(NotificationEndpointPolicy.IsAllowedUrl(new Uri("http://client.example/cb"), development: true));
        Assert.False(NotificationEndpointPolicy.IsAllowedUrl(null, development: true));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.1.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.5")]
    [InlineData("127.0.0.1")]
    public void PG_09_PrivateLinkLocalOrLoopbackAddresses_AreRefusedOutsideDevelopment(string address)
    {
        Assert.False(NotificationEndpointPolicy.IsAllowedAddress(IPAddress.Parse(address), development: false));
        Assert.False(NotificationEndpointPolicy.IsAllowedUrl(new Uri("https://" + (address.Contains(':', StringComparison.Ordinal) ? "[" + address + "]" : address) + "/cb"), development: false));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void PublicAddresses_AreAllowed(string address) =>
        Assert.True(NotificationEndpointPolicy.IsAllowedAddress(IPAddress.Parse(address), development: false));
}
