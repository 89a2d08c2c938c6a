namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.7 (DS-01 … DS-04): discovery and JWKS.</summary>
public sealed class DiscoveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;

    private async Task<JsonElement> DiscoveryAsync() =>
        await (await _server.Client.GetAsync(MandateTestServer.Issuer + "/.well-known/openid-configuration")).ReadJsonAsync();

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task DS_01_CibaModesEndpointAndGrantTypes_AreAdvertised()
    {
        var d = await DiscoveryAsync();
        Assert.Equal(["poll", "ping"], Strings(d.GetProperty("backchannel_token_delivery_modes_supported")));
        Assert.Equal(MandateTestServer.BcEndpoint, d.GetProperty("backchannel_authentication_endpoint").GetString());
        Assert.Contains("urn:openid:params:grant-type:ciba", Strings(d.GetProperty("grant_types_supported")));
        Assert.Contains("client_credentials", Strings(d.GetProperty("grant_types_supported")));
        Assert.DoesNotContain("password", Strings(d.GetProperty("grant_types_supported")));
        Assert.Equal(MandateTestServer.TokenEndpoint, d.GetProperty("token_endpoint").GetString());
        Assert.Equal(["shoe_purchase"], Strings(d.GetProperty("authorization_details_types_supported")));
    }

    [Fact]
    public async Task DS_02_RequestSigningAlgorithms_AreAsymmetricOnly()
    {
        var algs = Strings((await DiscoveryAsync()).GetProperty("backchannel_authentication_request_signing_alg_values_supported")).ToList();
        Assert.NotEmpty(algs);
        Assert.All(algs, a => Assert.True(a is "ES256" or "PS256", a));
    }

    [Fact]
    public async Task DS_03_UserCodeSupport_IsABoolean() =>
        Assert.Equal(JsonValueKind.True, (await DiscoveryAsync()).GetProperty("backchannel_user_code_parameter_supported").ValueKind);

    [Fact]
    public async Task DS_04_EveryJwksKeyHasKidAndIssuerMatchesTokens()
    {
        var d = await DiscoveryAsync();
        Assert.Equal(MandateTestServer.Issuer, d.GetProperty("issuer").GetString());
        var jwks = await (await _server.Client.GetAsync(d.GetProperty("jwks_uri").GetString())).ReadJsonAsync();
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.False(string.IsNullOrEmpty(k.GetProperty("kid").GetString())));
        Assert.All(keys, k => Assert.False(k.TryGetProperty("d", out _)));
        var token = (await (await _server.TokenAsync(fixture.Seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"))).ReadJsonAsync())
            .GetProperty("access_token").GetString()!;
        Assert.Equal(d.GetProperty("issuer").GetString(), Jwt.Payload(token).GetProperty("iss").GetString());
        Assert.Contains(keys, k => k.GetProperty("kid").GetString() == Jwt.Header(token).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task DS_04_DiscoveryThroughAnotherHost_StillNamesTheIssuersEndpoints()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://internal-host:8080/am/oauth2/realms/root/realms/alpha/.well-known/openid-configuration");
        var d = await (await _server.Client.SendAsync(request)).ReadJsonAsync();
        Assert.Equal(MandateTestServer.TokenEndpoint, d.GetProperty("token_endpoint").GetString());
        Assert.Equal(MandateTestServer.Issuer + "/connect/jwk_uri", d.GetProperty("jwks_uri").GetString());
        Assert.Equal(MandateTestServer.BcEndpoint, d.GetProperty("backchannel_authentication_endpoint").GetString());
    }

    [Fact]
    public async Task RevocationEndpoint_IsAdvertisedWithTheTokenEndpointsAuthenticationMethods()
    {
        var d = await DiscoveryAsync();
        Assert.Equal(MandateTestServer.Issuer + "/token/revoke", d.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(
            Strings(d.GetProperty("token_endpoint_auth_methods_supported")).Order(),
            Strings(d.GetProperty("revocation_endpoint_auth_methods_supported")).Order());
    }

    [Fact]
    public async Task PromptValues_AreNotAdvertised_ThereIsNoAuthorizationEndpoint()
    {
        var d = await DiscoveryAsync();
        Assert.False(d.TryGetProperty("prompt_values_supported", out _));
        Assert.False(d.TryGetProperty("authorization_endpoint", out _));
    }

    [Fact]
    public async Task EveryAdvertisedEndpoint_AnswersSomethingOtherThan404()
    {
        var d = await DiscoveryAsync();
        var urls = d.EnumerateObject()
            .Where(p => (p.Name.EndsWith("_endpoint", StringComparison.Ordinal) || p.Name == "jwks_uri") && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => (p.Name, Url: p.Value.GetString()!))
            .ToList();
        Assert.Contains(urls, u => u.Name == "revocation_endpoint");
        foreach (var (name, url) in urls)
        {
            var get = await _server.Client.GetAsync(url);
            var post = await _server.Client.PostAsync(url, new FormUrlEncodedContent([]));
            Assert.True(get.StatusCode != HttpStatusCode.NotFound && post.StatusCode != HttpStatusCode.NotFound,
                $"{name} {url}: GET {(int)get.StatusCode}, POST {(int)post.StatusCode}");
        }
    }
}
