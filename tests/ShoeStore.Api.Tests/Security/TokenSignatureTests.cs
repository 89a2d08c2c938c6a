using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Security;

/// <summary>Checklist 4.6, RS-06 … RS-15: token type, algorithm and key (RFC 9068 §4, RFC 8725 §2–3).</summary>
public abstract class TokenSignatureTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : TokenSignatureTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : TokenSignatureTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseTheory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("id_token+jwt")]
    [InlineData("at+jwt2")]
    [InlineData("application/jwt")]
    public async Task RS_06_TypNotAccessToken_Gets401InvalidToken(string? typ)
    {
        var token = api.Token().WithHeader("typ", typ);
        if (typ is null)
        {
            token.WithoutHeader("typ");
        }

        var challenge = await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));

        Assert.Contains("typ", challenge["error_description"], StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_06_IdTokenFromTheSameServer_Gets401InvalidToken()
    {
        // What a CIBA token response's id_token looks like: typ JWT, aud = the client, nonce-less, azp.
        var idToken = api.Token().WithHeader("typ", "JWT").WithClaim("aud", JwtBuilder.Agent).WithClaim("azp", JwtBuilder.Agent)
            .WithClaim("at_hash", "x4Xk0t3SJ-cIBAx2wwRdzg").WithoutClaim("scope");

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", idToken.Build()));
    }

    [DatabaseTheory]
    [InlineData("application/at+jwt")]
    [InlineData("AT+JWT")]
    [InlineData("at+JWT")]
    [InlineData("Application/AT+JWT")]
    public async Task RS_07_TypAccessTokenInAnyCaseOrWithApplicationPrefix_IsAccepted(string typ)
    {
        var response = await api.GetAsync("/deals", api.Token().WithHeader("typ", typ).Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [DatabaseTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RS_08_AlgNone_Gets401InvalidToken(bool withSignatureSegment)
    {
        var token = api.Token().WithHeader("alg", "none");
        token.SignedWith(withSignatureSegment ? JwtBuilder.EcSigner(api.Authority.EcKey, HashAlgorithmName.SHA256) : JwtBuilder.NoSignature);

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseTheory]
    [InlineData("noNE")]
    [InlineData("NONE")]
    [InlineData("None")]
    [InlineData("es256")]
    public async Task RS_09_AlgInAnotherCase_Gets401InvalidToken(string alg)
    {
        var token = api.Token().WithHeader("alg", alg);

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_10_HmacTokenSignedWithPublicKey_IsRejected()
    {
        // The classic confusion: HS256 keyed with the server's published RSA public key.
        var publicKeyPem = Encoding.ASCII.GetBytes(api.Authority.RsaKey.ExportSubjectPublicKeyInfoPem());
        var token = api.Token().WithHeader("alg", "HS256").WithHeader("kid", api.Authority.RsaKeyId)
            .SignedWith(JwtBuilder.HmacSigner(publicKeyPem));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_10_HmacTokenSignedWithModulusBytes_IsRejected()
    {
        var modulus = api.Authority.RsaKey.ExportParameters(false).Modulus!;
        var token = api.Token().WithHeader("alg", "HS256").WithHeader("kid", api.Authority.RsaKeyId)
            .SignedWith(JwtBuilder.HmacSigner(modulus));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_11_Rs256TokenUnderEcKeyId_Gets401InvalidToken()
    {
        // Signed with the server's own RSA key, but naming the ES256 key: the key decides, not the header.
        var token = api.Token().WithHeader("alg", "RS256").WithHeader("kid", api.Authority.EcKeyId)
            .SignedWith(JwtBuilder.RsaSigner(api.Authority.RsaKey));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_11_Es384TokenWithKeyPublishedForEs256_Gets401InvalidToken()
    {
        var token = api.Token().WithHeader("alg", "ES384")
            .SignedWith(JwtBuilder.EcSigner(api.Authority.EcKey, HashAlgorithmName.SHA384));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_11_Rs256TokenWithKeyPublishedForRs256_IsAccepted()
    {
        var token = api.Token().WithHeader("alg", "RS256").WithHeader("kid", api.Authority.RsaKeyId)
            .SignedWith(JwtBuilder.RsaSigner(api.Authority.RsaKey));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/deals", token.Build())).StatusCode);
    }

    [DatabaseTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RS_12_AttackerKeyInJwkJkuX5uHeaders_Gets401AndNothingIsFetched(bool reuseServerKeyId)
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(attacker));
        var attackerKeyId = reuseServerKeyId ? api.Authority.EcKeyId : "attacker-key";
        var token = api.Token()
            .WithHeader("kid", attackerKeyId)
            .WithHeader("jwk", new JsonObject { ["kty"] = "EC", ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = attackerKeyId })
            .WithHeader("jku", TestAuthority.AttackerJwksUrl)
            .WithHeader("x5u", TestAuthority.AttackerJwksUrl)
            .SignedWith(JwtBuilder.EcSigner(attacker, HashAlgorithmName.SHA256));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));

        Assert.Equal(0, api.Authority.AttackerRequests);
    }

    [DatabaseTheory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("' OR '1'='1' --")]
    [InlineData("kid\"; DROP TABLE Orders; --")]
    [InlineData("\u0000\u202e")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task RS_14_KidWithInjectionText_Gets401InvalidTokenNot500(string kid)
    {
        var token = api.Token().WithHeader("kid", kid);

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_14_KidOfTenThousandCharacters_Gets401InvalidToken()
    {
        var token = api.Token().WithHeader("kid", new string('k', 10_000));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_14_KidAsNumberOrObject_Gets401InvalidToken()
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithHeader("kid", 42).Build()));
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithHeader("kid", new JsonObject()).Build()));
    }

    [DatabaseFact]
    public async Task RS_15_SignatureBytesAltered_Gets401InvalidToken()
    {
        var parts = api.Token().Build().Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 0x01;

        var tampered = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", tampered));
    }

    [DatabaseFact]
    public async Task RS_15_PayloadChangedUnderOriginalSignature_Gets401InvalidToken()
    {
        var original = api.Token().Build().Split('.');
        var widened = api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build().Split('.');

        var spliced = $"{original[0]}.{widened[1]}.{original[2]}";

        await Expect.InvalidTokenAsync(await api.GetAsync("/orders", spliced));
    }
}
