using System.Net;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Discovery;

public sealed class DiscoveryTests
{
    private const string Issuer = "https://idp.test/am/oauth2/realms/root/realms/alpha";
    private const string DiscoveryPath = "/am/oauth2/realms/root/realms/alpha/.well-known/openid-configuration";

    private static ClientHarness DiscoveringHarness(Action<Mandate.Client.Configuration.MandateClientOptions>? configure = null) =>
        new(o =>
        {
            o.Issuer = Issuer;
            o.TokenEndpoint = null;
            o.BackchannelAuthenticationEndpoint = null;
            o.RequestObjectAudience = null;
            configure?.Invoke(o);
        });

    private static HttpResponseMessage Document(string issuer = Issuer, string tokenEndpoint = Issuer + "/access_token") => Json(HttpStatusCode.OK, new
    {
        issuer,
        token_endpoint = tokenEndpoint,
        backchannel_authentication_endpoint = Issuer + "/bc-authorize",
        backchannel_token_delivery_modes_supported = new[] { "poll", "ping" },
        unknown_member = new { ignored = true },
    });

    [Fact]
    public async Task IssuerOnly_TokenEndpointComesFromDiscovery()
    {
        await using var harness = DiscoveringHarness();
        harness.Server.On(DiscoveryPath, _ => Document());
        harness.Server.On("/am/oauth2/realms/root/realms/alpha/access_token", _ => Token("at-1"));

        var token = await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal(HttpMethod.Get, harness.Server.Requests[0].Method);
    }

    [Fact]
    public async Task IssuerOnly_CibaUsesTheDiscoveredEndpointAndTheIssuerAsAudience()
    {
        await using var harness = DiscoveringHarness();
        harness.Server.On(DiscoveryPath, _ => Document());
        harness.Server.On("/am/oauth2/realms/root/realms/alpha/bc-authorize", _ => Error("access_denied"));

        await Assert.ThrowsAsync<OAuthException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        var sent = harness.Server.RequestsTo("/am/oauth2/realms/root/realms/alpha/bc-authorize").Single();
        Assert.Equal([Issuer], new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(sent.Form["request"]).Audiences);
    }

    [Fact]
    public async Task Discovery_IsFetchedOnceForManyCalls()
    {
        await using var harness = DiscoveringHarness();
        harness.Server.On(DiscoveryPath, _ => Document());
        harness.Server.On("/am/oauth2/realms/root/realms/alpha/access_token", _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");
        await harness.ClientCredentials.GetTokenAsync("address");
        await harness.ClientCredentials.GetTokenAsync("payment");

        Assert.Single(harness.Server.RequestsTo(DiscoveryPath));
    }

    [Fact]
    public async Task Discovery_AfterTheCacheDuration_IsFetchedAgain()
    {
        await using var harness = DiscoveringHarness(o => o.DiscoveryCacheDuration = TimeSpan.FromMinutes(10));
        harness.Server.On(DiscoveryPath, _ => Document());
        harness.Server.On("/am/oauth2/realms/root/realms/alpha/access_token", _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");
        harness.Time.Advance(TimeSpan.FromMinutes(11));
        await harness.ClientCredentials.GetTokenAsync("address");

        Assert.Equal(2, harness.Server.RequestsTo(DiscoveryPath).Count);
    }

    [Fact]
    public async Task Discovery_ForAnotherIssuer_IsRefused()
    {
        await using var harness = DiscoveringHarness();
        harness.Server.On(DiscoveryPath, _ => Document("https://evil.test"));

        await Assert.ThrowsAsync<OAuthProtocolException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());
    }

    [Fact]
    public async Task Discovery_PlainHttpTokenEndpoint_IsRefused()
    {
        await using var harness = DiscoveringHarness();
        harness.Server.On(DiscoveryPath, _ => Document(tokenEndpoint: "http://idp.test/access_token"));

        await Assert.ThrowsAsync<OAuthProtocolException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());
        Assert.Empty(harness.Server.RequestsTo("/access_token"));
    }

    [Fact]
    public async Task Discovery_Failure_IsNotCached()
    {
        await using var harness = DiscoveringHarness(o => o.MaxRetries = 0);
        harness.Server.On(DiscoveryPath, _ => new HttpResponseMessage(HttpStatusCode.NotFound), _ => Document());
        harness.Server.On("/am/oauth2/realms/root/realms/alpha/access_token", _ => Token("at-1"));

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());
        var token = await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Equal("at-1", token.AccessToken);
    }

    [Fact]
    public async Task ExplicitEndpoints_MakeNoDiscoveryRequest()
    {
        await using var harness = new ClientHarness(o => o.Issuer = Issuer);
        harness.Server.On(ClientHarness.TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Empty(harness.Server.RequestsTo(DiscoveryPath));
    }
}
