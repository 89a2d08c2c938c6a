namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.4 (CT-01 … CT-20): POST /access_token with the CIBA grant.</summary>
public abstract class CibaTokenTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : CibaTokenTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : CibaTokenTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    [DatabaseFact]
    public async Task CT_01_UserHasNotActed_IsAuthorizationPending()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
    }

    [DatabaseFact]
    public async Task CT_02_PollSoonerThanInterval_IsSlowDownAndIntervalGrowsByFive()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "slow_down");
        _server.Time.Advance(TimeSpan.FromSeconds(6));
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "slow_down");
        _server.Time.Advance(TimeSpan.FromSeconds(16));
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
    }

    [DatabaseFact]
    public async Task CT_03_TwentyPollsWithoutWaiting_AreEachPendingOrSlowDown()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        for (var i = 0; i < 20; i++)
        {
            var error = await (await _server.PollAsync(_seed.Agent, id)).ErrorAsync();
            Assert.Contains(error, new[] { "authorization_pending", "slow_down" });
        }
    }

    [DatabaseFact]
    public async Task CT_05_UserDenied_IsAccessDenied()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideAsync(_server, id, approve: false)).StatusCode);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "access_denied");
    }

    [DatabaseFact]
    public async Task CT_06_PastExpiresIn_IsExpiredToken()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow());
        claims["requested_expiry"] = 30;
        var id = await _server.StartCibaAsync(_seed.Agent, claims);
        _server.Time.Advance(TimeSpan.FromSeconds(31));
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");
    }

    [DatabaseTheory]
    [InlineData("garbage")]
    [InlineData("{not-an-id}")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task CT_07_GarbageAuthReqId_IsInvalidGrant(string authReqId) =>
        await (await _server.PollAsync(_seed.Agent, authReqId)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");

    [DatabaseFact]
    public async Task CT_08_AuthReqIdOfAnotherClient_IsInvalidGrant()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await _server.ApproveAsync(_seed, id);
        await (await _server.PollAsync(_seed.Plain, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [DatabaseFact]
    public async Task CT_09_SecondRedemption_IsInvalidGrant()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await _server.ApproveAsync(_seed, id);
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Agent, id)).StatusCode);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [DatabaseFact]
    public async Task CT_10_TwoConcurrentRedemptions_ExactlyOneWins()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await _server.ApproveAsync(_seed, id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _server.PollAsync(_seed.Agent, id)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal("invalid_grant", await loser.ErrorAsync());
        }
    }

    [DatabaseFact]
    public async Task CT_11_NoAuthReqId_IsInvalidRequest() =>
        await (await _server.TokenAsync(_seed.Agent, ("grant_type", TestSeed.Ciba))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseFact]
    public async Task CT_12_NoClientAuthentication_IsInvalidClient()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        var response = await _server.TokenAsync(null, ("grant_type", TestSeed.Ciba), ("auth_req_id", id));
        Assert.Equal("invalid_client", await response.ErrorAsync());
        var onlyId = await _server.TokenAsync(null, ("grant_type", TestSeed.Ciba), ("auth_req_id", id), ("client_id", _seed.Agent.ClientId));
        Assert.Equal("invalid_client", await onlyId.ErrorAsync());
    }

    [DatabaseFact]
    public async Task CT_13_AssertionWithAlgNotMatchingTheRegisteredKey_IsInvalidClient()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        var assertion = Jwt.SignEs256(_seed.Plain.Key, _seed.Plain.Kid, Assertions.Claims(_seed.Plain, _server.Time.GetUtcNow()), alg: "RS256");
        var response = await _server.TokenAsync(null, Assertions.Form(assertion, ("grant_type", TestSeed.Ciba), ("auth_req_id", id)));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task CT_14_PushClient_CannotBeRegistered()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(_server.Services);
        var importer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Mandate.Server.Seeding.SeedImporter>(scope.ServiceProvider);
        var seed = new Mandate.Server.Seeding.SeedDocument
        {
            Clients = [new() { ClientId = "push-agent", ClientSecret = new string('p', 40), GrantTypes = [TestSeed.Ciba], BackchannelTokenDeliveryMode = "push" }],
        };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(seed, CancellationToken.None));
        Assert.Contains("poll or ping", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CT_15_ClientWithoutCibaGrant_IsUnauthorizedClient()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.CcOnly, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [DatabaseFact]
    public async Task CT_16_PingClientPolls_IsTreatedAsPoll()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Pinger, _server.Time.GetUtcNow());
        claims["client_notification_token"] = "ping-token-0123456789abcdefghijklmnop";
        var id = await _server.StartCibaAsync(_seed.Pinger, claims);
        await (await _server.PollAsync(_seed.Pinger, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        await _server.ApproveAsync(_seed, id);
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }

    [DatabaseFact]
    public async Task CT_17_ApprovedFirstRedemption_IssuesIdTokenAndUserAccessToken()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), "openid payment");
        claims["acr_values"] = "push";
        claims["authorization_details"] = JsonSerializer.Deserialize<JsonElement>(
            """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""");
        var id = await _server.StartCibaAsync(_seed.Agent, claims);
        await _server.ApproveAsync(_seed, id);

        var response = await _server.PollAsync(_seed.Agent, id);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));

        var access = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal("at+jwt", Jwt.Header(body.GetProperty("access_token").GetString()!).GetProperty("typ").GetString());
        Assert.Equal(TestSeed.EndUserSubject, access.GetProperty("sub").GetString());
        Assert.Equal(_seed.Agent.ClientId, access.GetProperty("client_id").GetString());
        Assert.Equal(_seed.Agent.ClientId, access.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal("shoestore-api", access.GetProperty("aud").GetString());
        Assert.Equal("openid payment", access.GetProperty("scope").GetString());
        Assert.Equal(300, access.GetProperty("exp").GetInt64() - access.GetProperty("iat").GetInt64());
        var details = access.GetProperty("authorization_details");
        Assert.Equal(JsonValueKind.Array, details.ValueKind);
        Assert.Equal("shoe_purchase", details[0].GetProperty("type").GetString());
        Assert.Equal("140.00", details[0].GetProperty("max_amount").GetProperty("value").GetString());
        Assert.DoesNotContain(access.EnumerateObject(), p => p.Name.StartsWith("oi_", StringComparison.Ordinal) || p.Name.StartsWith("mandate_", StringComparison.Ordinal));

        var idToken = body.GetProperty("id_token").GetString()!;
        Assert.True(Jwt.Header(idToken).TryGetProperty("kid", out _));
        var idClaims = Jwt.Payload(idToken);
        Assert.Equal(TestSeed.EndUserSubject, idClaims.GetProperty("sub").GetString());
        Assert.Equal(_seed.Agent.ClientId, idClaims.GetProperty("aud").GetString());
        // acr_values=push is a voluntary request (OIDC Core §3.1.2.1): the tokens say what the person did, a click after a
        // password sign-in.
        Assert.Equal("urn:mandate:acr:password", idClaims.GetProperty("acr").GetString());
        Assert.Equal(["pwd"], idClaims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urn:mandate:acr:password", access.GetProperty("acr").GetString());
    }

    [DatabaseFact]
    public async Task CT_20_IdTokenIsNotTypedAsAccessToken()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await _server.ApproveAsync(_seed, id);
        var body = await (await _server.PollAsync(_seed.Agent, id)).ReadJsonAsync();
        Assert.NotEqual("at+jwt", Jwt.Header(body.GetProperty("id_token").GetString()!).GetProperty("typ").GetString());
    }
}
