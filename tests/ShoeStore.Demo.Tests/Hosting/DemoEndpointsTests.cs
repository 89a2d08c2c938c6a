using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Tests.Hosting;

public sealed class DemoEndpointsTests
{
    [Fact]
    public void Endpoints_LiveUnderTheIssuer_AndTheDevicePageAtTheServersOrigin()
    {
        var server = new Uri("http://127.0.0.1:6100");
        var endpoints = new DemoEndpoints(server, DemoEndpoints.DefaultIssuer(server), new Uri("http://127.0.0.1:6200"));

        Assert.Equal("http://127.0.0.1:6100/am/oauth2/realms/root/realms/alpha", endpoints.Issuer);
        Assert.Equal("http://127.0.0.1:6100/am/oauth2/realms/root/realms/alpha/access_token", endpoints.TokenEndpoint);
        Assert.Equal("http://127.0.0.1:6100/am/oauth2/realms/root/realms/alpha/bc-authorize", endpoints.BackchannelAuthenticationEndpoint);
        // Passkeys need a domain as relying-party id: the page is announced on localhost.
        Assert.Equal(new Uri("http://localhost:6100/device"), endpoints.DeviceUrl);
    }

    [Fact]
    public void Discovery_IsReadOnTheServersOwnOrigin_EvenWhenTheIssuerNamesAProxy()
    {
        var endpoints = new DemoEndpoints(new Uri("http://127.0.0.1:6100"), "https://id.example.com/realms/alpha", new Uri("http://127.0.0.1:6200"));

        Assert.Equal(new Uri("http://127.0.0.1:6100/realms/alpha/.well-known/openid-configuration"), endpoints.DiscoveryUrl);
    }
}
