using Mandate.Server.Authentication;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>The one client authentication (RFC 6749 §2.3, RFC 7523 §3, OIDC Core §9) driven directly, without a web server.</summary>
public sealed class ClientAuthenticatorTests
{
    private const string Issuer = "https://as.example/realm";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestClient _agent = new("agent");
    private readonly TestClient _other = new("other");
    private readonly Registry _registry = new();
    private readonly Replay _replay = new();

    public ClientAuthenticatorTests()
    {
        _registry.Add(_agent);
        _registry.Add(_other);
    }

    private ClientAuthenticator Authenticator =>
        new(_registry, _replay, new JwtValidation(new MandateServerOptions { Issuer = new Uri(Issuer), ClockSkewSeconds = 60 }, _time, () => []));

    private Task<Mandate.Server.Protocol.Result<RegisteredClient>> Authenticate(ClientCredentialsInput input) =>
        Authenticator.AuthenticateAsync(input, CancellationToken.None);

    private Dictionary<string, object> Claims(string audience = Issuer)
    {
        var claims = Assertions.Claims(_agent, _time.GetUtcNow(), audience);
        return claims;
    }

    private static ClientCredentialsInput WithAssertion(string assertion, string? clientId = null) =>
        new() { ClientAssertionType = Assertions.Type, ClientAssertion = assertion, ClientId = clientId };

    private async Task AssertFails(ClientCredentialsInput input, string error = "invalid_client", int status = 401)
    {
        var result = await Authenticate(input);
        Assert.True(result.Failed, "expected " + error);
        Assert.Equal(error, result.Error.Code);
        Assert.Equal(status, result.Error.StatusCode);
    }

    [Fact]
    public async Task Basic_WithTheRightSecret_IsTheClient() =>
        Assert.Equal("agent", (await Authenticate(new() { BasicClientId = "agent", BasicSecret = _agent.Secret })).Value!.ClientId);

    [Fact]
    public async Task Post_WithTheRightSecret_IsTheClient() =>
        Assert.Equal("agent", (await Authenticate(new() { ClientId = "agent", ClientSecret = _agent.Secret })).Value!.ClientId);

    [Fact]
    public async Task Basic_WithAnotherClientsSecret_IsInvalidClient() =>
        await AssertFails(new() { BasicClientId = "agent", BasicSecret = _other.Secret });

    [Fact]
    public async Task Basic_WithADifferentFormClientId_IsInvalidClient() =>
        await AssertFails(new() { BasicClientId = "agent", BasicSecret = _agent.Secret, ClientId = "other" });

    [Fact]
    public async Task MalformedAuthorizationHeader_IsInvalidClient() =>
        await AssertFails(new() { MalformedAuthorizationHeader = true, ClientId = "agent", ClientSecret = _agent.Secret });

    [Fact]
    public async Task NoMethod_IsInvalidClient() => await AssertFails(new() { ClientId = "agent" });

    [Fact]
    public async Task BasicAndPost_IsInvalidRequest() =>
        await AssertFails(new() { BasicClientId = "agent", BasicSecret = _agent.Secret, ClientSecret = _agent.Secret }, "invalid_request", 400);

    [Fact]
    public async Task SecretAndAssertion_IsInvalidRequest() =>
        await AssertFails(WithAssertion(Assertions.Sign(_agent, Claims())) with { ClientId = "agent", ClientSecret = _agent.Secret }, "invalid_request", 400);

    [Theory]
    [InlineData(Issuer)]
    [InlineData(Issuer + "/")]
    [InlineData("https://as.example:443/realm")]
    [InlineData(Issuer + "/access_token")]
    [InlineData(Issuer + "/bc-authorize")]
    public async Task Assertion_ForEveryAcceptedAudience_IsTheClient(string audience) =>
        Assert.Equal("agent", (await Authenticate(WithAssertion(Assertions.Sign(_agent, Claims(audience)), "agent"))).Value!.ClientId);

    [Theory]
    [InlineData("https://as.example")]
    [InlineData(Issuer + "/introspect")]
    [InlineData("shoestore-api")]
    public async Task Assertion_ForAnotherAudience_IsInvalidClient(string audience) =>
        await AssertFails(WithAssertion(Assertions.Sign(_agent, Claims(audience))));

    [Fact]
    public async Task Assertion_WithAnAudienceArrayHoldingTheIssuer_IsTheClient()
    {
        var claims = Claims();
        claims["aud"] = new[] { "https://elsewhere.example", Issuer };
        Assert.False((await Authenticate(WithAssertion(Assertions.Sign(_agent, claims)))).Failed);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("client-authentication+jwt")]
    public async Task Assertion_WithAnAcceptedTyp_IsTheClient(string typ)
    {
        var assertion = Jwt.SignEs256(_agent.Key, _agent.Kid, Claims(), new() { ["typ"] = typ });
        Assert.False((await Authenticate(WithAssertion(assertion))).Failed);
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("oauth-authz-req+jwt")]
    public async Task Assertion_WithAnotherTyp_IsInvalidClient(string typ) =>
        await AssertFails(WithAssertion(Jwt.SignEs256(_agent.Key, _agent.Kid, Claims(), new() { ["typ"] = typ })));

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    [InlineData("x5c")]
    [InlineData("crit")]
    public async Task Assertion_WithAKeyCarryingOrCritHeader_IsInvalidClient(string header) =>
        await AssertFails(WithAssertion(Jwt.SignEs256(_agent.Key, _agent.Kid, Claims(), new() { [header] = "x" })));

    [Theory]
    [InlineData("jku", "null")]
    [InlineData("jwk", "object")]
    [InlineData("x5c", "array")]
    [InlineData("crit", "array")]
    [InlineData("crit", "null")]
    [InlineData("x5u", "number")]
    public async Task Assertion_WithAKeyCarryingOrCritHeaderOfAnyJsonType_IsInvalidClient(string header, string type)
    {
        object? value = type switch { "null" => null, "object" => new { kty = "EC" }, "array" => new[] { "exp" }, _ => 1 };
        await AssertFails(WithAssertion(Jwt.SignEs256(_agent.Key, _agent.Kid, Claims(), new() { [header] = value! })));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(null)]
    public async Task Assertion_WhoseKidIsNotAString_IsInvalidClient(object? kid) =>
        await AssertFails(WithAssertion(Jwt.SignEs256(_agent.Key, null, Claims(), new() { ["kid"] = kid! })));

    [Fact]
    public async Task Assertion_WithAnUnknownKid_IsInvalidClient() =>
        await AssertFails(WithAssertion(Assertions.Sign(_agent, Claims(), kid: "unknown")));

    [Fact]
    public async Task Assertion_SignedWithAnotherClientsKey_IsInvalidClient() =>
        await AssertFails(WithAssertion(Jwt.SignEs256(_other.Key, _agent.Kid, Claims())));

    [Fact]
    public async Task Assertion_WithAlgNone_IsInvalidClient() =>
        await AssertFails(WithAssertion(Jwt.Unsigned(Claims())));

    [Fact]
    public async Task Assertion_WhoseSubjectIsAnotherClient_IsInvalidClient()
    {
        var claims = Claims();
        claims["sub"] = "other";
        await AssertFails(WithAssertion(Assertions.Sign(_agent, claims)));
    }

    [Fact]
    public async Task Assertion_WithAFormClientIdOfAnotherClient_IsInvalidClient() =>
        await AssertFails(WithAssertion(Assertions.Sign(_agent, Claims()), clientId: "other"));

    [Fact]
    public async Task Assertion_ExpiringMoreThanAnHourAhead_IsInvalidClient()
    {
        var claims = Claims();
        claims["exp"] = _time.GetUtcNow().AddMinutes(61).ToUnixTimeSeconds();
        await AssertFails(WithAssertion(Assertions.Sign(_agent, claims)));
    }

    [Fact]
    public async Task Assertion_ExpiredBeyondTheSkew_IsInvalidClientAndWithinIt_IsAccepted()
    {
        var claims = Claims();
        var assertion = Assertions.Sign(_agent, claims);
        _time.Advance(TimeSpan.FromSeconds(120 + 59));
        Assert.False((await Authenticate(WithAssertion(assertion))).Failed);

        claims["jti"] = "another";
        var late = Assertions.Sign(_agent, claims);
        _time.Advance(TimeSpan.FromSeconds(2));
        await AssertFails(WithAssertion(late));
    }

    [Fact]
    public async Task Assertion_NotBeforeInTheFuture_IsInvalidClient()
    {
        var claims = Claims();
        claims["nbf"] = _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        await AssertFails(WithAssertion(Assertions.Sign(_agent, claims)));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("jti")]
    [InlineData("iss")]
    [InlineData("sub")]
    [InlineData("aud")]
    public async Task Assertion_WithoutARequiredClaim_IsInvalidClient(string claim)
    {
        var claims = Claims();
        claims.Remove(claim);
        await AssertFails(WithAssertion(Assertions.Sign(_agent, claims)));
    }

    [Fact]
    public async Task SameAssertionTwice_SecondIsInvalidClient()
    {
        var assertion = Assertions.Sign(_agent, Claims());
        Assert.False((await Authenticate(WithAssertion(assertion))).Failed);
        await AssertFails(WithAssertion(assertion));
        Assert.Equal(ClientAuthenticator.AssertionPurpose, Assert.Single(_replay.Used).Purpose);
    }

    [Fact]
    public async Task Assertion_WithAnotherAssertionType_IsInvalidClient() =>
        await AssertFails(WithAssertion(Assertions.Sign(_agent, Claims())) with { ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" });

    private sealed class Registry : IClientRegistry
    {
        private readonly Dictionary<string, (RegisteredClient Client, string Secret)> _clients = [];

        public void Add(TestClient client) => _clients[client.ClientId] = (new RegisteredClient
        {
            ClientId = client.ClientId,
            DisplayName = client.ClientId,
            AllowsCiba = true,
            AllowedScopes = new HashSet<string>(),
            JsonWebKeySet = new JsonWebKeySet(JsonSerializer.Serialize(new { keys = new[] { client.PublicJwk() } })),
            Ciba = new CibaClientSettings { DeliveryMode = "poll" },
        }, client.Secret);

        public ValueTask<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_clients.TryGetValue(clientId, out var entry) ? entry.Client : null);

        public ValueTask<bool> ValidateSecretAsync(string clientId, string secret, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_clients.TryGetValue(clientId, out var entry) && entry.Secret == secret);
    }

    private sealed class Replay : IJwtReplayCache
    {
        private readonly HashSet<string> _seen = [];

        public List<(string Purpose, string JwtId)> Used { get; } = [];

        public ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            var added = _seen.Add(purpose + "|" + clientId + "|" + jwtId);
            if (added)
            {
                Used.Add((purpose, jwtId));
            }

            return ValueTask.FromResult(added);
        }
    }
}
