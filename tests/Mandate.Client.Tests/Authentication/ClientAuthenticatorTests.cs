using System.Text;
using Mandate.Client.Authentication;
using Mandate.Client.Tests.TestSupport;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Authentication;

public sealed class ClientAuthenticatorTests
{
    private const string TokenPath = ClientHarness.TokenPath;

    [Fact]
    public void BasicCredentials_FormEncodeIdAndSecretBeforeBase64()
    {
        var encoded = ClientAuthenticator.EncodeBasicCredentials("ai agent:1", "p+s/%é~");

        Assert.Equal("ai+agent%3A1:p%2Bs%2F%25%C3%A9%7E", Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
    }

    [Fact]
    public async Task ClientSecretBasic_SendsTheHeaderAndNoSecretInTheForm()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");

        var request = harness.Server.Requests[0];
        Assert.Equal("Basic", request.Authorization?.Scheme);
        Assert.Equal($"{ClientHarness.ClientId}:{harness.Secret}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Authorization!.Parameter!)));
        Assert.False(request.Form.ContainsKey("client_secret"));
    }

    [Fact]
    public async Task ClientSecretPost_SendsIdAndSecretInTheFormAndNoHeader()
    {
        await using var harness = new ClientHarness(o => o.TokenEndpointAuthMethod = "client_secret_post");
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");

        var request = harness.Server.Requests[0];
        Assert.Null(request.Authorization);
        Assert.Equal(ClientHarness.ClientId, request.Form["client_id"]);
        Assert.Equal(harness.Secret, request.Form["client_secret"]);
    }

    [Fact]
    public async Task PrivateKeyJwt_SendsAVerifiableAssertionForTheTokenEndpointWithShortLifetime()
    {
        await using var harness = new ClientHarness(o =>
        {
            o.TokenEndpointAuthMethod = "private_key_jwt";
            o.ClientSecret = null;
        });
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");

        var form = harness.Server.Requests[0].Form;
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var assertion = await Jwts.VerifyAsync(form["client_assertion"], harness.Keys.PublicKey, ClientHarness.ClientId,
            ClientHarness.Issuer + TokenPath, "ES256");
        Assert.Equal(ClientHarness.ClientId, assertion.Subject);
        Assert.Equal(TestTimeProvider.Epoch.ToUnixTimeSeconds(), assertion.GetPayloadValue<long>("iat"));
        Assert.Equal(60, assertion.GetPayloadValue<long>("exp") - assertion.GetPayloadValue<long>("iat"));
        Assert.Null(harness.Server.Requests[0].Authorization);
    }

    [Fact]
    public async Task PrivateKeyJwt_UsesAFreshJtiForEveryRequest()
    {
        await using var harness = new ClientHarness(o => o.TokenEndpointAuthMethod = "private_key_jwt");
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices");
        await harness.ClientCredentials.GetTokenAsync("address");

        var jtis = harness.Server.Requests
            .Select(r => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(r.Form["client_assertion"]).Id)
            .ToArray();
        Assert.Equal(2, jtis.Distinct(StringComparer.Ordinal).Count());
    }
}
