using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Security;

public sealed class AccessTokenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("at+jwt", true)]
    [InlineData("AT+JWT", true)]
    [InlineData("application/at+jwt", true)]
    [InlineData("APPLICATION/at+JWT", true)]
    [InlineData("JWT", false)]
    [InlineData("jwt", false)]
    [InlineData("id_token+jwt", false)]
    [InlineData("application/", false)]
    [InlineData("at+jwt ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAccessTokenType_AcceptsOnlyAtJwtInAnyCase(string? typ, bool expected)
    {
        Assert.Equal(expected, AccessTokenRules.IsAccessTokenType(typ));
    }

    [Fact]
    public void AllowedAlgorithms_AreAsymmetricOnly()
    {
        Assert.DoesNotContain(AccessTokenRules.AllowedAlgorithms, a => a.StartsWith("HS", StringComparison.OrdinalIgnoreCase) || a.Equals("none", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ES256", AccessTokenRules.AllowedAlgorithms);
        Assert.Contains("RS256", AccessTokenRules.AllowedAlgorithms);
    }

    [Fact]
    public void KeyFitsAlgorithm_EcKeyWithEsAlgorithm_AndPublishedAlgMatching()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(ec);

        Assert.True(AccessTokenRules.KeyFitsAlgorithm("ES256", key, "ES256"));
        Assert.True(AccessTokenRules.KeyFitsAlgorithm("ES256", key, null));
        Assert.False(AccessTokenRules.KeyFitsAlgorithm("ES384", key, "ES256"));
        Assert.False(AccessTokenRules.KeyFitsAlgorithm("RS256", key, null));
    }

    [Fact]
    public void KeyFitsAlgorithm_RsaKeyWithRsOrPs_NotEsOrSymmetric()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa);

        Assert.True(AccessTokenRules.KeyFitsAlgorithm("RS256", key, null));
        Assert.True(AccessTokenRules.KeyFitsAlgorithm("PS256", key, null));
        Assert.False(AccessTokenRules.KeyFitsAlgorithm("ES256", key, null));
        Assert.False(AccessTokenRules.KeyFitsAlgorithm("HS256", new SymmetricSecurityKey(new byte[32]), null));
    }

    [Theory]
    [InlineData(-29, true)]
    [InlineData(-30, false)]
    [InlineData(-31, false)]
    [InlineData(300, true)]
    public void ValidateLifetime_ExpiryHasThirtySecondsOfLeeway(int expiresInSeconds, bool valid)
    {
        var exp = Now.AddSeconds(expiresInSeconds).UtcDateTime;

        var error = Record.Exception(() => AccessTokenRules.ValidateLifetime(null, exp, Now, Skew));

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.IsType<SecurityTokenExpiredException>(error);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void ValidateLifetime_NotBeforeHasThirtySecondsOfLeeway(int notBeforeInSeconds, bool valid)
    {
        var error = Record.Exception(() =>
            AccessTokenRules.ValidateLifetime(Now.AddSeconds(notBeforeInSeconds).UtcDateTime, Now.AddMinutes(5).UtcDateTime, Now, Skew));

        Assert.Equal(valid, error is null);
    }

    [Fact]
    public void ValidateLifetime_NoExpiry_Throws()
    {
        Assert.Throws<SecurityTokenNoExpirationException>(() => AccessTokenRules.ValidateLifetime(null, null, Now, Skew));
    }

    [Theory]
    [InlineData("""{"alg":"ES256","typ":"at+jwt"}""", false)]
    [InlineData("""{"alg":"ES256","enc":"A256GCM"}""", true)]
    [InlineData("""{"alg":"ES256","crit":["exp"]}""", true)]
    public void HeaderProblem_RefusesEncAndCrit(string header, bool refused)
    {
        Assert.Equal(refused, AccessTokenRules.HeaderProblem(JsonDocument.Parse(header).RootElement) is not null);
    }
}
