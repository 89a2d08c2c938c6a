using System.Text;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.1 (CC-01 … CC-14): POST /access_token with grant_type=client_credentials.</summary>
public sealed class ClientCredentialsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private DateTimeOffset Now => _server.Time.GetUtcNow();

    private Task<HttpResponseMessage> WithAssertion(string assertion) =>
        _server.TokenAsync(null, Assertions.Form(assertion, ("grant_type", "client_credentials"), ("scope", "prices")));

    [Fact]
    public async Task CC_01_NoClientAuthentication_IsInvalidClient()
    {
        var response = await _server.TokenAsync(null, ("grant_type", "client_credentials"), ("scope", "prices"));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.True(await response.ErrorAsync() == "invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CC_02_BasicWithWrongSecret_Is401InvalidClient()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, MandateTestServer.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "prices")]),
        };
        message.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_seed.Plain.ClientId + ":wrong-secret-wrong-secret-wrong-secret")));
        var response = await _server.Client.SendAsync(message);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task CC_03_UnknownClientId_Is401InvalidClient()
    {
        var response = await _server.TokenAsync(null, ("grant_type", "client_credentials"), ("client_id", "nobody"), ("client_secret", "x".PadRight(40, 'x')));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_04_TwoAuthenticationMethods_IsInvalidRequest()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"), ("client_secret", _seed.Plain.Secret));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task CC_05_RepeatedParameter_IsInvalidRequest()
    {
        var response = await _server.TokenAsync(_seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"), ("scope", "prices"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task CC_06_AssertionWithAlgNone_IsInvalidClient()
    {
        var response = await WithAssertion(Jwt.Unsigned(Assertions.Claims(_seed.Plain, Now)));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_07_AssertionHs256KeyedWithThePublicKey_IsInvalidClient()
    {
        var publicKey = _seed.Plain.Key.ExportSubjectPublicKeyInfo();
        var response = await WithAssertion(Jwt.SignHs256(publicKey, Assertions.Claims(_seed.Plain, Now), _seed.Plain.Kid));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_08_AssertionSignedByAnotherClientsKey_IsInvalidClient()
    {
        var response = await WithAssertion(Jwt.SignEs256(_seed.Agent.Key, _seed.Plain.Kid, Assertions.Claims(_seed.Plain, Now)));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_09_AssertionWithAlteredSignature_IsInvalidClient()
    {
        var assertion = Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now));
        var flipped = assertion[..^4] + (assertion[^4] == 'A' ? 'B' : 'A') + assertion[^3..];
        var response = await WithAssertion(flipped);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_10_AssertionAudienceIsTheResourceServer_IsInvalidClient()
    {
        var response = await WithAssertion(Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now, "http://127.0.0.1:5200")));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_11_AssertionAudienceIsTheIssuer_IsAccepted()
    {
        var response = await WithAssertion(Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now, MandateTestServer.Issuer)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CC_12_AssertionSubjectIsAnotherClient_IsInvalidClient()
    {
        var claims = Assertions.Claims(_seed.Plain, Now);
        claims["sub"] = _seed.Agent.ClientId;
        var response = await WithAssertion(Assertions.Sign(_seed.Plain, claims));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CC_13_AssertionWithoutExpOrExpired_IsInvalidClient(bool expired)
    {
        var claims = Assertions.Claims(_seed.Plain, Now);
        if (expired)
        {
            claims["exp"] = Now.AddMinutes(-10).ToUnixTimeSeconds();
            claims["iat"] = Now.AddMinutes(-12).ToUnixTimeSeconds();
        }
        else
        {
            claims.Remove("exp");
        }

        var response = await WithAssertion(Assertions.Sign(_seed.Plain, claims));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task CC_14_AssertionExpiringInOneYear_IsInvalidClient()
    {
        var claims = Assertions.Claims(_seed.Plain, Now);
        claims["exp"] = Now.AddYears(1).ToUnixTimeSeconds();
        var response = await WithAssertion(Assertions.Sign(_seed.Plain, claims));
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }
}
