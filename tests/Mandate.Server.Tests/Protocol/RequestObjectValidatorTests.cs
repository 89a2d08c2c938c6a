using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>The request-object rules driven directly, without a web server.</summary>
public sealed class RequestObjectValidatorTests
{
    private const string Issuer = "https://as.example/realm";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestClient _client = new("agent");
    private readonly RequestObjectPolicy _policy = new(new HashSet<string> { Issuer }, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(60));

    private RegisteredClient Client => new()
    {
        ClientId = "agent",
        DisplayName = "Agent",
        AllowsCiba = true,
        AllowedScopes = new HashSet<string>(),
        JsonWebKeySet = new JsonWebKeySet(JsonSerializer.Serialize(new { keys = new[] { _client.PublicJwk() } })),
        Ciba = new CibaClientSettings { DeliveryMode = "poll", RequestSigningAlg = "ES256" },
    };

    private Dictionary<string, object> Claims(long expOffset = 300, long nbfOffset = 0)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return new() { ["iss"] = "agent", ["aud"] = Issuer, ["iat"] = now, ["nbf"] = now + nbfOffset, ["exp"] = now + expOffset, ["jti"] = Guid.NewGuid().ToString(), ["scope"] = "openid" };
    }

    private Task<Mandate.Server.Protocol.Result<JsonElement>> Validate(Dictionary<string, object> claims, IJwtReplayCache? cache = null) =>
        new RequestObjectValidator(_time, cache ?? new MemoryReplayCache()).ValidateAsync(Jwt.SignEs256(_client.Key, _client.Kid, claims), Client, _policy, CancellationToken.None);

    [Fact]
    public async Task ValidRequestObject_ReturnsItsClaims() =>
        Assert.Equal("openid", (await Validate(Claims())).Value.GetProperty("scope").GetString());

    [Fact]
    public async Task ExpWithinTheSkew_IsAcceptedAndJustBeyondIt_IsRejected()
    {
        var claims = Claims(expOffset: 0);
        claims["iat"] = claims["nbf"] = (long)claims["exp"] - 100;
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False((await Validate(claims)).Failed);
        claims["jti"] = Guid.NewGuid().ToString();
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("invalid_request", (await Validate(claims)).Error?.Code);
    }

    [Fact]
    public async Task LifetimeOfExactlySixtyMinutes_IsAcceptedAndOneSecondMore_IsRejected()
    {
        Assert.False((await Validate(Claims(expOffset: 3600))).Failed);
        Assert.Equal("invalid_request", (await Validate(Claims(expOffset: 3601))).Error?.Code);
    }

    [Fact]
    public async Task SameJti_IsRejectedTheSecondTime()
    {
        var cache = new MemoryReplayCache();
        var claims = Claims();
        Assert.False((await Validate(claims, cache)).Failed);
        Assert.Equal("invalid_request", (await Validate(claims, cache)).Error?.Code);
    }

    private sealed class MemoryReplayCache : IJwtReplayCache
    {
        private readonly HashSet<string> _seen = [];

        public ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_seen.Add(purpose + "|" + clientId + "|" + jwtId));
    }
}
