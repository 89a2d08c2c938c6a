using System.Net.Http.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Interop;

/// <summary>npm openid-client v6 (tests/interop/rp.mjs) against Mandate.Server on a real loopback port.</summary>
public sealed class OpenIdClientInteropTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TestSeed _seed = new();
    private InteropServer _server = null!;

    public async Task InitializeAsync() => _server = await InteropServer.StartAsync(_seed);

    public async Task DisposeAsync()
    {
        foreach (var line in _server.Logs.Messages.Where(m => !m.Contains("EntityFramework", StringComparison.Ordinal)).TakeLast(60))
        {
            output.WriteLine(line.Length > 300 ? line[..300] : line);
        }

        await _server.DisposeAsync();
    }

    private Dictionary<string, string> Secrets(TestClient client)
    {
        var jwk = client.PublicJwk();
        jwk["d"] = Base64UrlEncoder.Encode(client.Key.ExportParameters(true).D!);
        return new() { ["RP_CLIENT_SECRET"] = client.Secret, ["RP_JWK"] = JsonSerializer.Serialize(jwk) };
    }

    private NodeRelyingParty Ciba(string scope, params string[] extra) => NodeRelyingParty.Start(
        ["ciba", "--issuer", _server.Issuer, "--client-id", _seed.Agent.ClientId, "--login-hint", "end.user", "--scope", scope, "--poll-timeout", "30", .. extra],
        Secrets(_seed.Agent));

    private async Task DecideAsync(bool approve)
    {
        using var device = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_server.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = _seed.EndUserPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve)).StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_OpenIdClientGetsAnAtJwtForPrices()
    {
        using var rp = NodeRelyingParty.Start(
            ["client-credentials", "--issuer", _server.Issuer, "--client-id", _seed.Agent.ClientId, "--scope", "prices"], Secrets(_seed.Agent));
        var line = await rp.NextLineAsync(Bound);
        Assert.Equal(0, await rp.ExitCodeAsync(Bound));
        var token = line.GetProperty("access_token").GetString()!;
        Assert.Equal("at+jwt", Jwt.Header(token).GetProperty("typ").GetString());
        Assert.Equal(_seed.Agent.ClientId, Jwt.Payload(token).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Ciba_SignedRequestApprovedOnTheDevice_OpenIdClientGetsTheUsersToken()
    {
        const string details = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";
        using var rp = Ciba("openid payment", "--binding-message", "Buy Pegasus 41", "--authorization-details", details, "--acr-values", "push");
        var requested = await rp.NextLineAsync(Bound);
        Assert.Equal("requested", requested.GetProperty("event").GetString());
        Assert.Equal(1, requested.GetProperty("interval").GetInt32());
        await DecideAsync(approve: true);
        var result = await rp.NextLineAsync(Bound);
        Assert.True(result.GetProperty("event").GetString() == "token", result.ToString());
        Assert.Equal(0, await rp.ExitCodeAsync(Bound));
        var claims = Jwt.Payload(result.GetProperty("access_token").GetString()!);
        Assert.Equal(TestSeed.EndUserSubject, claims.GetProperty("sub").GetString());
        Assert.Equal(_seed.Agent.ClientId, claims.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal("shoe_purchase", claims.GetProperty("authorization_details")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Ciba_DeniedOnTheDevice_OpenIdClientSeesAccessDenied()
    {
        using var rp = Ciba("openid address");
        Assert.Equal("requested", (await rp.NextLineAsync(Bound)).GetProperty("event").GetString());
        await DecideAsync(approve: false);
        var result = await rp.NextLineAsync(Bound);
        Assert.Equal("access_denied", result.GetProperty("error").GetString());
        Assert.Equal(1, await rp.ExitCodeAsync(Bound));
    }
}
