using Mandate.Server.Seeding;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.1 (CC-15 … CC-27): replay, assertion shape, grants, scopes and the issued token.</summary>
public abstract class ClientCredentialsTokenTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : ClientCredentialsTokenTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : ClientCredentialsTokenTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private DateTimeOffset Now => _server.Time.GetUtcNow();

    private Task<HttpResponseMessage> WithAssertion(string assertion, params (string, string)[] extra) =>
        _server.TokenAsync(null, Assertions.Form(assertion, [("grant_type", "client_credentials"), ("scope", "prices"), .. extra]));

    [DatabaseFact]
    public async Task CC_15_SameAssertionTwice_SecondIsInvalidClient()
    {
        var assertion = Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now));
        Assert.Equal(HttpStatusCode.OK, (await WithAssertion(assertion)).StatusCode);
        await (await WithAssertion(assertion)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task CC_16_AssertionWithoutJti_IsInvalidClient()
    {
        var claims = Assertions.Claims(_seed.Plain, Now);
        claims.Remove("jti");
        await (await WithAssertion(Assertions.Sign(_seed.Plain, claims))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseTheory]
    [InlineData("unknown-kid")]
    [InlineData("' OR 1=1--")]
    [InlineData("../../etc/passwd")]
    public async Task CC_17_AssertionWithUnknownOrInjectionKid_IsInvalidClient(string kid)
    {
        var response = await WithAssertion(Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now), kid));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task CC_18_AssertionWithJkuHeaderAndForeignKey_IsInvalidClient()
    {
        using var attacker = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var header = new Dictionary<string, object> { ["jku"] = "http://127.0.0.1:9/jwks.json" };
        var response = await WithAssertion(Jwt.SignEs256(attacker, "attacker", Assertions.Claims(_seed.Plain, Now), header));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task CC_19_AssertionHoldingTwoJwts_IsRejected()
    {
        var one = Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now));
        var response = await WithAssertion(one + "." + one);
        Assert.Contains(await response.ErrorAsync(), new[] { "invalid_client", "invalid_request" });
        Assert.True((int)response.StatusCode is 400 or 401);
    }

    [DatabaseFact]
    public async Task CC_20_WrongAssertionType_IsRejected()
    {
        var assertion = Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now));
        var response = await _server.TokenAsync(null, ("grant_type", "client_credentials"), ("scope", "prices"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"), ("client_assertion", assertion));
        Assert.Contains(await response.ErrorAsync(), new[] { "invalid_client", "invalid_request" });
    }

    [DatabaseFact]
    public async Task CC_21_ClientSecretShorterThan32Characters_IsRefusedAtRegistration()
    {
        using var scope = _server.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
        var seed = new SeedDocument { Clients = [new() { ClientId = "short-secret", ClientSecret = "too-short", GrantTypes = ["client_credentials"] }] };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(seed, CancellationToken.None));
        Assert.Contains("32 characters", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CC_22_ClientWithoutClientCredentialsGrant_IsUnauthorizedClient()
    {
        var response = await _server.TokenAsync(_seed.CibaOnly, ("grant_type", "client_credentials"), ("scope", "prices"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "unauthorized_client");
    }

    [DatabaseTheory]
    [InlineData("password")]
    [InlineData("urn:example:unknown")]
    public async Task CC_23_PasswordOrUnknownGrant_IsUnsupportedGrantType(string grantType)
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", grantType), ("username", "end.user"), ("password", "x"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [DatabaseTheory]
    [InlineData("payment")]
    [InlineData("unknown-scope")]
    [InlineData("openid")]
    public async Task CC_24_ScopeNotAllowedUnknownOrOpenId_IsInvalidScope(string scope)
    {
        var response = await _server.TokenAsync(_seed.CcOnly, ("grant_type", "client_credentials"), ("scope", scope));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
    }

    [DatabaseFact]
    public async Task CC_24_OpenIdScopeOnClientCredentials_IsInvalidScope()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "openid prices"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
    }

    [DatabaseFact]
    public async Task CC_25_ScopesOfTwoResourceServers_IsInvalidScope()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices inventory"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
    }

    [DatabaseFact]
    public async Task CC_26_ValidRequest_IssuesRfc9068AccessTokenWithoutRefreshToken()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"));
        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.False(body.TryGetProperty("id_token", out _));
        var token = body.GetProperty("access_token").GetString()!;
        var header = Jwt.Header(token);
        var claims = Jwt.Payload(token);
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(MandateTestServer.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(_seed.Plain.ClientId, claims.GetProperty("sub").GetString());
        Assert.Equal(_seed.Plain.ClientId, claims.GetProperty("client_id").GetString());
        Assert.Equal("shoestore-api", claims.GetProperty("aud").GetString());
        Assert.Equal("prices", claims.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("exp").ValueKind);
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("iat").ValueKind);
        Assert.Equal(JsonValueKind.String, claims.GetProperty("jti").ValueKind);
        Assert.DoesNotContain(claims.EnumerateObject(), p => p.Name.StartsWith("oi_", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task CC_26_PaymentScope_GetsFiveMinuteLifetime()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "payment"));
        var claims = Jwt.Payload((await response.ReadJsonAsync()).GetProperty("access_token").GetString()!);
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [DatabaseFact]
    public async Task CC_27_ClientIdEqualToAUsername_IsRefusedAtRegistration()
    {
        using var scope = _server.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
        var seed = new SeedDocument { Clients = [new() { ClientId = "end.user", ClientSecret = new string('s', 40), GrantTypes = ["client_credentials"] }] };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(seed, CancellationToken.None));
        Assert.Contains("RFC 9700", error.Message, StringComparison.Ordinal);
    }
}
