using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>The one factory of validation parameters, driven directly: lifetime on the application's clock, issuers, types, algorithms.</summary>
public sealed class JwtValidationTests : IDisposable
{
    private const string Issuer = "https://as.example/realm";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ECDsa _serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private JwtValidation Validation => new(
        new MandateServerOptions { Issuer = new Uri(Issuer), ClockSkewSeconds = 60, IdTokenHintGraceSeconds = 3600 },
        _time, () => [new ECDsaSecurityKey(_serverKey) { KeyId = "server-1" }]);

    public void Dispose() => _serverKey.Dispose();

    private string ServerToken(string typ = "at+jwt", string issuer = Issuer, long lifetime = 300, string aud = "shoestore-api", ECDsa? key = null)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer, ["sub"] = "end.user", ["aud"] = aud, ["iat"] = now, ["exp"] = now + lifetime, ["jti"] = "t-1",
        };
        return Jwt.SignEs256(key ?? _serverKey, "server-1", claims, new() { ["typ"] = typ });
    }

    private static async Task<bool> Valid(string jwt, TokenValidationParameters parameters) =>
        (await JwtValidation.ValidateAsync(jwt, parameters)).IsValid;

    [Fact]
    public async Task AccessToken_IsValidUntilExpPlusSkewOnTheApplicationClock()
    {
        var token = ServerToken(lifetime: 300);
        Assert.True(await Valid(token, Validation.ForAccessToken()));
        _time.Advance(TimeSpan.FromSeconds(359));
        Assert.True(await Valid(token, Validation.ForAccessToken()));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await Valid(token, Validation.ForAccessToken()));
    }

    [Fact]
    public async Task AccessToken_IsCheckedAgainstTheApplicationClockNotTheMachines()
    {
        // The fake clock is set well before the machine's: checked against DateTime.UtcNow this token would already be
        // expired, and after the advance below it would still be.
        Assert.True(_time.GetUtcNow() < DateTimeOffset.UtcNow.AddMinutes(-10));
        var token = ServerToken(lifetime: 60);
        Assert.True(await Valid(token, Validation.ForAccessToken()));
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.False(await Valid(token, Validation.ForAccessToken()));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    public async Task AccessToken_WithAnotherTyp_IsInvalid(string typ) =>
        Assert.False(await Valid(ServerToken(typ: typ), Validation.ForAccessToken()));

    [Fact]
    public async Task AccessToken_OfAnotherIssuer_IsInvalid() =>
        Assert.False(await Valid(ServerToken(issuer: "https://evil.example/realm"), Validation.ForAccessToken()));

    [Fact]
    public async Task AccessToken_SignedByAnotherKey_IsInvalid()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(await Valid(ServerToken(key: other), Validation.ForAccessToken()));
    }

    [Fact]
    public async Task IdTokenHint_IsAcceptedForItsAudienceWithinTheGraceAfterExpiry()
    {
        var hint = ServerToken(typ: "JWT", aud: "agent", lifetime: 300);
        Assert.True(await Valid(hint, Validation.ForIdTokenHint("agent")));
        Assert.False(await Valid(hint, Validation.ForIdTokenHint("other")));
        _time.Advance(TimeSpan.FromSeconds(300 + 3600 + 59));
        Assert.True(await Valid(hint, Validation.ForIdTokenHint("agent")));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await Valid(hint, Validation.ForIdTokenHint("agent")));
    }

    [Fact]
    public async Task ClientJwt_NotBeforeBeyondTheSkew_IsInvalidAndWithinIt_IsValid()
    {
        var client = new TestClient("agent");
        var key = new ECDsaSecurityKey(client.Key) { KeyId = client.Kid };
        var claims = Assertions.Claims(client, _time.GetUtcNow(), Issuer);
        claims["nbf"] = _time.GetUtcNow().AddSeconds(90).ToUnixTimeSeconds();
        var jwt = Assertions.Sign(client, claims);
        Assert.False(await Valid(jwt, Validation.ForClientJwt("agent", key, "ES256")));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Valid(jwt, Validation.ForClientJwt("agent", key, "ES256")));
        Assert.False(await Valid(jwt, Validation.ForClientJwt("other", key, "ES256")));
        Assert.False(await Valid(jwt, Validation.ForClientJwt("agent", key, "PS256")));
    }

    [Fact]
    public void ClientJwtParameters_AreMadeOncePerKeyAndAlgorithm_AndAnewForAnotherClientOrAlgorithm()
    {
        var validation = Validation;
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(ec) { KeyId = "k-1" };

        var first = validation.ForClientJwt("agent", key, "ES256");

        Assert.Same(first, validation.ForClientJwt("agent", key, "ES256"));
        var otherAlgorithm = validation.ForClientJwt("agent", key, "PS256");
        Assert.Equal(["PS256"], otherAlgorithm.ValidAlgorithms);
        var otherClient = validation.ForClientJwt("other", key, "PS256");
        Assert.Equal("other", otherClient.ValidIssuer);
        Assert.NotSame(first, validation.ForClientJwt("agent", new ECDsaSecurityKey(ec) { KeyId = "k-1" }, "ES256"));
    }
}
