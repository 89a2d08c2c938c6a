namespace Mandate.Server.Tests.Endpoints;

/// <summary>RFC 8707 at the endpoints: <c>resource</c> on client credentials and in CIBA request objects.</summary>
public abstract class ResourceTargetTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : ResourceTargetTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : ResourceTargetTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private static string Audience(JsonElement body) => Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("aud").GetString()!;

    [DatabaseFact]
    public async Task ClientCredentials_WithARegisteredResource_IsForThatAudience()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"), ("resource", TestSeed.McpResource));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(TestSeed.McpResource, Audience(body));
    }

    [DatabaseFact]
    public async Task ClientCredentials_WithoutResource_KeepsTheScopesAudience()
    {
        var body = await (await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"))).ReadJsonAsync();
        Assert.Equal("shoestore-api", Audience(body));
    }

    [DatabaseFact]
    public async Task ClientCredentials_WithAResourceNotRegisteredForTheClient_IsInvalidTarget()
    {
        await (await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"), ("resource", "https://evil.example/mcp")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_target");
        await (await _server.TokenAsync(_seed.CcOnly, ("grant_type", "client_credentials"), ("scope", "prices"), ("resource", TestSeed.McpResource)))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_target");
    }

    [DatabaseFact]
    public async Task CibaRequestObject_WithAResource_GivesAUserTokenForThatAudience()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), "openid payment");
        claims["resource"] = TestSeed.McpResource;
        claims["binding_message"] = "MCP purchase " + Guid.NewGuid().ToString("N")[..8];
        var id = await _server.StartCibaAsync(_seed.Agent, claims);
        await _server.ApproveAsync(_seed, id);

        var body = await (await _server.PollAsync(_seed.Agent, id)).ReadJsonAsync();
        Assert.Equal(TestSeed.McpResource, Audience(body));
        Assert.Equal(TestSeed.EndUserSubject, Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
    }

    [DatabaseFact]
    public async Task CibaRequestObject_WithAnUnregisteredResource_IsInvalidTarget()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), "openid payment");
        claims["resource"] = "https://evil.example/mcp";
        await (await _server.SignedBcAuthorizeAsync(_seed.Agent, claims)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_target");
    }
}
