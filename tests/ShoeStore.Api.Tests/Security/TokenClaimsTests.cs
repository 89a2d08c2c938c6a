using System.Net;
using System.Text.Json.Nodes;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Security;

/// <summary>Checklist 4.6, RS-16 … RS-23: issuer, audience, lifetime, required claims, JWE (RFC 9068 §2.2, §4).</summary>
public abstract class TokenClaimsTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : TokenClaimsTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : TokenClaimsTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseTheory]
    [InlineData(TestAuthority.Issuer + "/")]
    [InlineData("https://MANDATE.test/am/oauth2/realms/root/realms/alpha")]
    [InlineData("https://mandate.test/am/oauth2/realms/root/realms/ALPHA")]
    [InlineData("https://mandate.test/am/oauth2/realms/root/realms/beta")]
    [InlineData("https://evil.example/am/oauth2/realms/root/realms/alpha")]
    public async Task RS_16_IssuerNotExactMatch_Gets401InvalidToken(string issuer)
    {
        var challenge = await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithClaim("iss", issuer).Build()));

        Assert.Contains("iss", challenge["error_description"], StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_16_IssuerMissing_Gets401InvalidToken()
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithoutClaim("iss").Build()));
    }

    [DatabaseFact]
    public async Task RS_17_AudienceMissing_Gets401InvalidToken()
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithoutClaim("aud").Build()));
    }

    [DatabaseTheory]
    [InlineData("\"another-api\"")]
    [InlineData("\"shoestore-api/\"")]
    [InlineData("\"SHOESTORE-API\"")]
    [InlineData("[\"another-api\", \"ai-agent\"]")]
    [InlineData("[]")]
    public async Task RS_18_AudienceNotThisApi_Gets401InvalidToken(string audienceJson)
    {
        var token = api.Token().WithClaim("aud", JsonNode.Parse(audienceJson));

        var challenge = await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));

        Assert.Contains("aud", challenge["error_description"], StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_18_AudienceArrayContainingThisApi_IsAccepted()
    {
        var token = api.Token().WithClaim("aud", new JsonArray("another-api", JwtBuilder.Audience));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/deals", token.Build())).StatusCode);
    }

    [DatabaseFact]
    public async Task RS_19_ExpiredBeyondLeeway_Gets401WithExpiredDescription()
    {
        var now = api.Time.GetUtcNow();
        var token = api.Token().WithClaim("iat", now.AddMinutes(-10).ToUnixTimeSeconds()).WithClaim("exp", now.AddMinutes(-5).ToUnixTimeSeconds());

        var challenge = await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));

        Assert.Equal("The access token expired", challenge["error_description"]);
    }

    [DatabaseTheory]
    [InlineData(29, HttpStatusCode.OK)]
    [InlineData(30, HttpStatusCode.Unauthorized)]
    [InlineData(31, HttpStatusCode.Unauthorized)]
    public async Task RS_20_ExpiredWithinLeeway_IsAccepted_PastLeeway_IsRefused(int secondsPastExp, HttpStatusCode expected)
    {
        var now = api.Time.GetUtcNow();
        var token = api.Token().WithClaim("iat", now.AddMinutes(-5).ToUnixTimeSeconds())
            .WithClaim("exp", now.AddSeconds(-secondsPastExp).ToUnixTimeSeconds());

        Assert.Equal(expected, (await api.GetAsync("/deals", token.Build())).StatusCode);
    }

    [DatabaseTheory]
    [InlineData("exp")]
    [InlineData("iat")]
    [InlineData("jti")]
    [InlineData("client_id")]
    [InlineData("sub")]
    public async Task RS_21_RequiredClaimMissing_Gets401InvalidToken(string claim)
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithoutClaim(claim).Build()));
    }

    [DatabaseTheory]
    [InlineData("sub", "")]
    [InlineData("client_id", "")]
    [InlineData("jti", "")]
    public async Task RS_21_RequiredClaimEmpty_Gets401InvalidToken(string claim, string value)
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithClaim(claim, value).Build()));
    }

    [DatabaseFact]
    public async Task RS_21_SubAsNumber_Gets401InvalidToken()
    {
        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", api.Token().WithClaim("sub", 42).Build()));
    }

    [DatabaseTheory]
    [InlineData(31, HttpStatusCode.Unauthorized)]
    [InlineData(29, HttpStatusCode.OK)]
    public async Task RS_22_NotBeforeInTheFuture_IsRefusedBeyondLeewayOnly(int secondsAhead, HttpStatusCode expected)
    {
        var token = api.Token().WithClaim("nbf", api.Time.GetUtcNow().AddSeconds(secondsAhead).ToUnixTimeSeconds());

        var response = await api.GetAsync("/deals", token.Build());

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await Expect.InvalidTokenAsync(response);
        }
    }

    [DatabaseFact]
    public async Task RS_23_JweInsteadOfJws_Gets401InvalidToken()
    {
        // Compact JWE: header.encrypted_key.iv.ciphertext.tag (RFC 7516 §7.1).
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"RSA-OAEP-256","enc":"A256GCM","typ":"at+jwt"}""");
        var jwe = $"{header}.AAAA.BBBBBBBBBBBBBBBB.CCCCCCCC.DDDDDDDDDDDDDDDDDDDDDD";

        var challenge = await Expect.InvalidTokenAsync(await api.GetAsync("/deals", jwe));

        Assert.Contains("encrypted", challenge["error_description"], StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_23_JwsWithEncryptionHeader_Gets401InvalidToken()
    {
        var token = api.Token().WithHeader("enc", "A256GCM");

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }

    [DatabaseFact]
    public async Task RS_23_JwsWithUnknownCriticalHeader_Gets401InvalidToken()
    {
        var token = api.Token().WithHeader("b64", false).WithHeader("crit", new JsonArray("b64"));

        await Expect.InvalidTokenAsync(await api.GetAsync("/deals", token.Build()));
    }
}
