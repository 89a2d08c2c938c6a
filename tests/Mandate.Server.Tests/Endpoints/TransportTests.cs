namespace Mandate.Server.Tests.Endpoints;

/// <summary>BC-30: outside development mode, plain HTTP is refused.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task BC_30_PlainHttpOutsideDevelopment_IsRefused()
    {
        var seed = new TestSeed { PingEndpoint = "https://client.example/ping" };
        await using var server = await MandateTestServer.StartAsync(seed, settings: new() { ["Mandate:AllowInsecureHttp"] = "false", ["Mandate:Issuer"] = "https://localhost/am/oauth2/realms/root/realms/alpha" });
        var bc = await server.BcAuthorizeAsync(seed.Plain, ("scope", "openid"), ("login_hint", "end.user"));
        await bc.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        var token = await server.TokenAsync(seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
    }
}
