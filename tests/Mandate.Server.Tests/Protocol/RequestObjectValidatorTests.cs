using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Tokens;
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
    private readonly RequestObjectPolicy _policy = new(TimeSpan.FromMinutes(60));

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

    private JwtValidation Validation => new(new MandateServerOptions { Issuer = new Uri(Issuer), ClockSkewSeconds = 60 }, _time, () => []);

    private RequestObjectPolicy Strict => _policy with { RequireJtiAndNbf = true };

    private Task<Mandate.Server.Protocol.Result<ValidatedRequestObject>> Validate(Dictionary<string, object> claims, RequestObjectPolicy? policy = null) =>
        ValidateJws(Jwt.SignEs256(_client.Key, _client.Kid, claims), policy);

    private Task<Mandate.Server.Protocol.Result<ValidatedRequestObject>> ValidateJws(string jws, RequestObjectPolicy? policy = null) =>
        new RequestObjectValidator(Validation).ValidateAsync(jws, Client, policy ?? _policy);

    private async Task<JwtUse> UseOf(string jws)
    {
        var validated = await ValidateJws(jws);
        Assert.False(validated.Failed, validated.Error?.Description);
        return validated.Value.Use;
    }

    private Dictionary<string, object> Without(params string[] names)
    {
        var claims = Claims();
        foreach (var name in names)
        {
            claims.Remove(name);
        }

        return claims;
    }

    [Fact]
    public async Task ValidRequestObject_ReturnsItsClaims() =>
        Assert.Equal("openid", (await Validate(Claims())).Value!.Claims.GetProperty("scope").GetString());

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
    public async Task WithJti_TheUseToRecordIsTheJtiUntilExpPlusSkew()
    {
        // Two objects with one jti (the second differs in content) have one use: the database accepts it once (RO-13).
        var claims = Claims();
        var first = await UseOf(Jwt.SignEs256(_client.Key, _client.Kid, claims));
        claims["scope"] = "openid payment";
        var second = await UseOf(Jwt.SignEs256(_client.Key, _client.Kid, claims));

        Assert.Equal(new JwtUse(RequestObjectValidator.JtiPurpose, "agent", (string)claims["jti"], DateTimeOffset.FromUnixTimeSeconds((long)claims["exp"]) + TimeSpan.FromSeconds(60)), first);
        Assert.Equal(first.Key, second.Key);
    }

    [Fact]
    public async Task NoKidInTheHeader_ClientWithOneKey_IsAccepted() =>
        Assert.False((await ValidateJws(Jwt.SignEs256(_client.Key, null, Claims()))).Failed);

    [Fact]
    public async Task NoKidInTheHeader_SignedWithAnotherKey_IsRejected() =>
        Assert.Equal("invalid_request", (await ValidateJws(Jwt.SignEs256(new TestClient("other").Key, null, Claims()))).Error?.Code);

    [Fact]
    public async Task NoJti_IsAccepted() => Assert.False((await Validate(Without("jti"))).Failed);

    [Fact]
    public async Task NoNbf_IsAccepted() => Assert.False((await Validate(Without("nbf"))).Failed);

    [Fact]
    public async Task NoJtiNoNbf_AsTheTutorialSignsIt_IsAccepted() => Assert.False((await Validate(Without("jti", "nbf"))).Failed);

    [Fact]
    public async Task NoJti_WhenJtiAndNbfAreRequired_IsRejected()
    {
        var result = await Validate(Without("jti"), policy: Strict);
        Assert.Equal("invalid_request", result.Error?.Code);
        Assert.Contains("jti", result.Error?.Description);
    }

    [Fact]
    public async Task NoNbf_WhenJtiAndNbfAreRequired_IsRejected()
    {
        var result = await Validate(Without("nbf"), policy: Strict);
        Assert.Equal("invalid_request", result.Error?.Code);
        Assert.Contains("nbf", result.Error?.Description);
    }

    [Fact]
    public async Task JtiThatIsNotAString_IsRejected()
    {
        var claims = Claims();
        claims["jti"] = 42;
        Assert.Equal("invalid_request", (await Validate(claims)).Error?.Code);
    }

    [Fact]
    public async Task NoNbf_LifetimeFromIatOfExactlySixtyMinutes_IsAcceptedAndOneSecondMore_IsRejected()
    {
        // exp is only 30 minutes ahead each time: only exp - iat can exceed 60 minutes.
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = Without("nbf");
        claims["exp"] = now + 1800;
        claims["iat"] = now - 1800;
        Assert.False((await Validate(claims)).Failed);

        claims["iat"] = now - 1801;
        claims["jti"] = Guid.NewGuid().ToString();
        Assert.Equal("invalid_request", (await Validate(claims)).Error?.Code);
    }

    [Fact]
    public async Task NoJti_TheUseToRecordIsTheDigestOfTheSignedContentUntilExpPlusSkew()
    {
        var claims = Without("jti");
        var jws = Jwt.SignEs256(_client.Key, _client.Kid, claims);

        var use = await UseOf(jws);
        Assert.Equal(RequestObjectValidator.DigestPurpose, use.Purpose);
        Assert.Equal(RequestObjectValidator.SigningInputDigest(jws), use.JwtId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)claims["exp"]) + TimeSpan.FromSeconds(60), use.ExpiresAt);
        Assert.Equal(use.Key, (await UseOf(jws)).Key);
    }

    [Fact]
    public async Task NoJti_SameContentWithTheMirroredEcdsaSignature_HasTheSameUse()
    {
        // (r, n - s) is a second valid ES256 signature of the same content: a digest of the whole JWS would miss it.
        var jws = Jwt.SignEs256(_client.Key, _client.Kid, Without("jti"));
        var mirrored = MirrorSignature(jws);
        Assert.NotEqual(jws, mirrored);

        Assert.Equal((await UseOf(jws)).Key, (await UseOf(mirrored)).Key);
    }

    [Fact]
    public async Task NoJti_TwoObjectsWithDifferentContent_HaveDifferentUses()
    {
        var first = Without("jti");
        var second = Without("jti");
        second["scope"] = "openid payment";
        Assert.NotEqual(
            (await UseOf(Jwt.SignEs256(_client.Key, _client.Kid, first))).Key,
            (await UseOf(Jwt.SignEs256(_client.Key, _client.Kid, second))).Key);
    }

    private static string MirrorSignature(string jws)
    {
        var order = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var dot = jws.LastIndexOf('.');
        var signature = Base64UrlEncoder.DecodeBytes(jws[(dot + 1)..]);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var mirrored = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = signature[..32].Concat(new byte[32 - mirrored.Length]).Concat(mirrored).ToArray();
        return jws[..(dot + 1)] + Base64UrlEncoder.Encode(result);
    }
}
