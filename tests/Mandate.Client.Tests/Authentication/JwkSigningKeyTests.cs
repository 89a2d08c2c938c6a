using System.Text.Json;
using Mandate.Client.Authentication;
using Mandate.Client.Tests.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Client.Tests.Authentication;

public sealed class JwkSigningKeyTests
{
    [Fact]
    public void Parse_EcP256Key_SignsWithEs256AndKeepsTheKid()
    {
        var key = JwkSigningKey.Parse(TestKeys.EcP256(kid: "k1").PrivateJwk);

        Assert.Equal("ES256", key.Algorithm);
        Assert.Equal("k1", key.KeyId);
    }

    [Fact]
    public void Parse_RsaKeyWithoutAlg_SignsWithPs256()
    {
        Assert.Equal("PS256", JwkSigningKey.Parse(TestKeys.Rsa().PrivateJwk).Algorithm);
    }

    [Fact]
    public void Parse_RsaKeyWhoseAlgIsRs256_SignsWithRs256()
    {
        Assert.Equal("RS256", JwkSigningKey.Parse(TestKeys.Rsa(alg: "RS256").PrivateJwk).Algorithm);
    }

    [Theory]
    [InlineData("'")]
    [InlineData("\"")]
    public void Parse_JwkWrappedInQuotesAsInADotEnvFile_IsAccepted(string quote)
    {
        var key = JwkSigningKey.Parse(quote + TestKeys.EcP256().PrivateJwk + quote);

        Assert.Equal("ES256", key.Algorithm);
    }

    [Fact]
    public void TryParse_EcKeyWithAlgOfAnotherFamily_FailsNamingTheMismatch()
    {
        Assert.False(JwkSigningKey.TryParse(TestKeys.EcP256(alg: "RS256").PrivateJwk, out _, out var error));
        Assert.Contains("alg", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PublicKeyOnly_FailsSayingThePrivatePartIsMissing()
    {
        var publicJwk = JwkSigningKey.Parse(TestKeys.EcP256().PrivateJwk).PublicJwk;

        Assert.False(JwkSigningKey.TryParse(publicJwk, out _, out var error));
        Assert.Contains("no private part", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidJson_ReportsThePositionWithoutQuotingTheInput()
    {
        var keys = TestKeys.EcP256();
        var broken = keys.PrivateJwk[..^5]; // truncated: holds the private "d"

        Assert.False(JwkSigningKey.TryParse(broken, out _, out var error));
        Assert.StartsWith("is not valid JSON", error, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.PrivateD[..8], error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kty":"oct","k":"c2VjcmV0"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256K","x":"AA","y":"AA","d":"AA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA","use":"enc"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("   ")]
    public void TryParse_UnusableKey_Fails(string json)
    {
        Assert.False(JwkSigningKey.TryParse(json, out var key, out var error));
        Assert.Null(key);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_EcKeyWithShortenedX_FailsNamingTheWrongLength()
    {
        using var jwk = JsonDocument.Parse(TestKeys.EcP256().PrivateJwk);
        var members = jwk.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        members["x"] = members["x"]![..^3]; // 30 bytes instead of P-256's 32

        Assert.False(JwkSigningKey.TryParse(JsonSerializer.Serialize(members), out _, out var error));
        Assert.Contains("wrong length", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EcKeyWhoseDIsNotBase64Url_FailsSayingSoWithoutQuotingIt()
    {
        using var jwk = JsonDocument.Parse(TestKeys.EcP256().PrivateJwk);
        var members = jwk.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        members["d"] = "*secret*" + members["d"]![8..];

        Assert.False(JwkSigningKey.TryParse(JsonSerializer.Serialize(members), out _, out var error));
        Assert.Equal("has a member that is not base64url", error);
    }

    [Fact]
    public async Task Parse_EcAndRsaKeys_SignTokensTheirPublicKeysVerify()
    {
        foreach (var keys in new[] { TestKeys.EcP256(), TestKeys.Rsa() })
        {
            var key = JwkSigningKey.Parse(keys.PrivateJwk);
            var token = new JsonWebTokenHandler().CreateToken("""{"sub":"agent"}""", key.SigningCredentials);

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = keys.PublicKey, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }
    }

    [Fact]
    public void PublicJwk_HasNoPrivateMembers()
    {
        var key = JwkSigningKey.Parse(TestKeys.Rsa().PrivateJwk);

        using var jwk = JsonDocument.Parse(key.PublicJwk);
        var names = jwk.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.DoesNotContain("d", names);
        Assert.DoesNotContain("p", names);
        Assert.Equal("PS256", jwk.RootElement.GetProperty("alg").GetString());
    }

    [Fact]
    public void ToString_ShowsAlgorithmAndKidButNoKeyMaterial()
    {
        var keys = TestKeys.EcP256();
        var text = JwkSigningKey.Parse(keys.PrivateJwk).ToString();

        Assert.Contains("ES256", text, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.PrivateD, text, StringComparison.Ordinal);
    }
}
