using Mandate.Client.ClientCredentials;
using Mandate.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mandate.Client.Tests.Interop;

/// <summary>Mandate.Client's Client Credentials grant against npm oidc-provider, a certified OpenID Provider.</summary>
[Collection(OidcProviderCollection.Name)]
public sealed class ClientCredentialsInteropTests
{
    private readonly OidcProviderFixture _op;

    public ClientCredentialsInteropTests(OidcProviderFixture op)
    {
        _op = op;
    }

    [Theory]
    [InlineData("ai-agent", "client_secret_basic")]
    [InlineData("ai-agent-post", "client_secret_post")]
    [InlineData("ai-agent-jwt", "private_key_jwt")]
    public async Task ClientCredentials_EachAuthMethod_GetsTheApisJwtForTheAgent(string clientId, string method)
    {
        await using var services = _op.CreateClient(clientId, o => o.TokenEndpointAuthMethod = method);
        var client = services.GetRequiredService<IClientCredentialsClient>();

        var token = await client.GetTokenAsync("prices");

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(clientId, jwt.Subject);
        Assert.Equal(["shoestore-api"], jwt.Audiences);
        Assert.Equal("prices", jwt.GetPayloadValue<string>("scope"));
        Assert.Equal(_op.Issuer, jwt.Issuer);
    }

    [Fact]
    public async Task ClientCredentials_SecondCall_IsServedFromTheCache()
    {
        await using var services = _op.CreateClient("ai-agent");
        var client = services.GetRequiredService<IClientCredentialsClient>();

        var first = await client.GetTokenAsync("prices address");
        var second = await client.GetTokenAsync("address prices");

        Assert.Same(first, second);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_EndsWithInvalidClient()
    {
        await using var services = _op.CreateClient("ai-agent", o => o.ClientSecret = "wrong-" + _op.Secret[..6]);
        var client = services.GetRequiredService<IClientCredentialsClient>();

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.GetTokenAsync("prices").AsTask());

        Assert.Equal(OAuthErrorCodes.InvalidClient, error.Error);
        Assert.Equal(401, error.StatusCode);
    }
}
