using System.Net.Http.Headers;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>RFC 7009 revocation at <c>/token/revoke</c>, seen through introspection (RFC 7662) and userinfo.</summary>
public abstract class RevocationTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : RevocationTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : RevocationTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private const string RevocationEndpoint = MandateTestServer.Issuer + "/token/revoke";
    private const string IntrospectionEndpoint = MandateTestServer.Issuer + "/introspect";

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private async Task<string> PricesTokenAsync(TestClient client)
    {
        var response = await _server.TokenAsync(client, ("grant_type", "client_credentials"), ("scope", "prices"));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> RevokeAsync(TestClient? caller, params (string Key, string Value)[] form) =>
        _server.Client.PostFormAsync(RevocationEndpoint, form.Select(f => KeyValuePair.Create(f.Key, f.Value)), caller);

    /// <summary>Introspection by the token's own client (OpenIddict answers inactive to anyone else).</summary>
    private async Task<bool> ActiveAsync(string token, TestClient? owner = null)
    {
        var response = await _server.Client.PostFormAsync(IntrospectionEndpoint, [KeyValuePair.Create("token", token)], owner ?? _seed.Plain);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("active").GetBoolean();
    }

    [DatabaseFact]
    public async Task OwnAccessToken_Revoked_Is200AndIntrospectionAnswersInactive()
    {
        var token = await PricesTokenAsync(_seed.Plain);
        Assert.True(await ActiveAsync(token));

        var response = await RevokeAsync(_seed.Plain, ("token", token), ("token_type_hint", "access_token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(await ActiveAsync(token));
    }

    [DatabaseFact]
    public async Task RevokedTwice_IsStill200()
    {
        var token = await PricesTokenAsync(_seed.Plain);
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(_seed.Plain, ("token", token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(_seed.Plain, ("token", token))).StatusCode);
        Assert.False(await ActiveAsync(token));
    }

    [DatabaseFact]
    public async Task AnotherClientsToken_Is200AndTheTokenStaysActive()
    {
        var token = await PricesTokenAsync(_seed.CcOnly);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(_seed.Plain, ("token", token))).StatusCode);
        Assert.True(await ActiveAsync(token, owner: _seed.CcOnly));
    }

    [DatabaseTheory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.")]
    public async Task UnknownOrInvalidToken_Is200(string token) =>
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(_seed.Plain, ("token", token))).StatusCode);

    [DatabaseFact]
    public async Task NoClientAuthentication_Is401InvalidClientAndRevokesNothing()
    {
        var token = await PricesTokenAsync(_seed.Plain);
        await (await RevokeAsync(null, ("token", token))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.True(await ActiveAsync(token));
    }

    [DatabaseFact]
    public async Task WrongSecret_Is401InvalidClient()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, RevocationEndpoint)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("token", "x")]),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("plain-agent:wrong-secret-wrong-secret-wrong-sec"u8.ToArray()));
        await (await _server.Client.SendAsync(message)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task NoTokenParameter_IsInvalidRequest() =>
        await (await RevokeAsync(_seed.Plain)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseFact]
    public async Task RevokedCibaToken_IsRefusedByUserInfo()
    {
        var id = await _server.StartCibaAsync(_seed.Agent, OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), "openid profile"));
        await _server.ApproveAsync(_seed, id);
        var body = await (await _server.PollAsync(_seed.Agent, id)).ReadJsonAsync();
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(_seed.Agent, ("token", token))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(token)).StatusCode);
    }

    private Task<HttpResponseMessage> UserInfoAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MandateTestServer.Issuer + "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request);
    }
}
