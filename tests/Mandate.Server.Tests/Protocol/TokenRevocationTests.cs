using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Revocation;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>RFC 7009 revocation driven directly, without a web server.</summary>
public sealed class TokenRevocationTests
{
    private const string Issuer = "https://as.example/realm";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ECDsa _serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly MemoryDenyList _denyList = new();

    private ECDsaSecurityKey ServerKey => new(_serverKey) { KeyId = "server-1" };

    private string AccessToken(string clientId = "agent", string issuer = Issuer, string typ = "at+jwt", ECDsa? key = null, long lifetime = 300, string? jti = null)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer, ["sub"] = clientId, ["aud"] = "shoestore-api", ["iat"] = now, ["exp"] = now + lifetime,
            ["jti"] = jti ?? Guid.NewGuid().ToString(), ["client_id"] = clientId, ["scope"] = "prices",
        };
        return Jwt.SignEs256(key ?? _serverKey, "server-1", claims, new() { ["typ"] = typ });
    }

    private Task<Mandate.Server.Protocol.Result<RevocationOutcome>> Revoke(string? token, string clientId = "agent") =>
        new TokenRevocation(_denyList, new JwtValidation(new MandateServerOptions { Issuer = new Uri(Issuer) }, _time, () => [ServerKey]))
            .RevokeAsync(token, clientId, CancellationToken.None);

    [Fact]
    public async Task OwnAccessToken_IsRevokedUntilItsExpiry()
    {
        var outcome = await Revoke(AccessToken(jti: "t-1"));

        Assert.Equal(RevocationOutcome.Revoked, outcome.Value);
        var entry = Assert.Single(_denyList.Entries);
        Assert.Equal(("agent", "t-1", _time.GetUtcNow().AddSeconds(300)), entry);
    }

    [Fact]
    public async Task AnotherClientsToken_IsLeftAloneAndStillAnswered200()
    {
        var outcome = await Revoke(AccessToken(clientId: "someone-else"));

        Assert.False(outcome.Failed);
        Assert.Equal(RevocationOutcome.OtherClientsToken, outcome.Value);
        Assert.Empty(_denyList.Entries);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.")]
    public async Task InvalidToken_IsUnknownAndNotAnError(string token)
    {
        Assert.Equal(RevocationOutcome.UnknownToken, (await Revoke(token)).Value);
        Assert.Empty(_denyList.Entries);
    }

    [Fact]
    public async Task TokenOfAnotherIssuer_IsUnknown() =>
        Assert.Equal(RevocationOutcome.UnknownToken, (await Revoke(AccessToken(issuer: "https://other.example"))).Value);

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsUnknown() =>
        Assert.Equal(RevocationOutcome.UnknownToken, (await Revoke(AccessToken(key: ECDsa.Create(ECCurve.NamedCurves.nistP256)))).Value);

    [Fact]
    public async Task IdToken_IsNotAnAccessTokenAndIsUnknown() =>
        Assert.Equal(RevocationOutcome.UnknownToken, (await Revoke(AccessToken(typ: "JWT"))).Value);

    [Fact]
    public async Task ExpiredToken_NeedsNoRevocation()
    {
        var token = AccessToken(lifetime: 60);
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(RevocationOutcome.Expired, (await Revoke(token)).Value);
        Assert.Empty(_denyList.Entries);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task NoTokenParameter_IsInvalidRequest(string? token) =>
        Assert.Equal("invalid_request", (await Revoke(token)).Error?.Code);

    private sealed class MemoryDenyList : IAccessTokenDenyList
    {
        public List<(string ClientId, string JwtId, DateTimeOffset ExpiresAt)> Entries { get; } = [];

        public ValueTask AddAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            Entries.Add((clientId, jwtId, expiresAt));
            return default;
        }

        public ValueTask<bool> ContainsAsync(string clientId, string jwtId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Entries.Any(e => e.ClientId == clientId && e.JwtId == jwtId));
    }
}
