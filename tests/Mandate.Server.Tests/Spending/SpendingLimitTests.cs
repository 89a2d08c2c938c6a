using System.Net.Http.Json;

namespace Mandate.Server.Tests.Spending;

/// <summary>
/// Spending limits (docs/device.md, "Spending limit"): a <c>payment</c> request without <c>authorization_details</c>
/// approves one purchase up to the person's limit, which they read and set on the device.
/// </summary>
public sealed class SpendingLimitTests : IAsyncLifetime
{
    private readonly TestSeed _seed = new();
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => _server = await MandateTestServer.StartAsync(_seed);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> AccessTokenAfterApprovalAsync(Dictionary<string, object> claims)
    {
        var id = await _server.StartCibaAsync(_seed.Agent, claims);
        await _server.ApproveAsync(_seed, id);
        var response = await _server.PollAsync(_seed.Agent, id);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return Jwt.Payload(body.GetProperty("access_token").GetString()!);
    }

    private Dictionary<string, object> Claims(string scope) => OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), scope);

    [Fact]
    public async Task PaymentWithoutAuthorizationDetails_IsBoundedToOnePairUpToTheDefaultLimit()
    {
        var access = await AccessTokenAfterApprovalAsync(Claims("openid payment"));

        var bound = Assert.Single(access.GetProperty("authorization_details").EnumerateArray());
        Assert.Equal("shoe_purchase", bound.GetProperty("type").GetString());
        Assert.Equal(1, bound.GetProperty("quantity").GetInt32());
        Assert.Equal("250.00", bound.GetProperty("max_amount").GetProperty("value").GetString());
        Assert.Equal("USD", bound.GetProperty("max_amount").GetProperty("currency").GetString());
        Assert.False(bound.TryGetProperty("product_id", out _));
    }

    [Fact]
    public async Task TheDeviceShowsTheBoundBeforeTheApproval()
    {
        await _server.StartCibaAsync(_seed.Agent, Claims("openid payment"));
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);

        var shown = (await device.PendingAsync()).EnumerateArray().Last().GetProperty("authorization_details");
        Assert.Equal("250.00", Assert.Single(shown.EnumerateArray()).GetProperty("max_amount").GetProperty("value").GetString());
    }

    [Fact]
    public async Task ThePersonsOwnLimit_BoundsTheirNextPaymentRequests()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var set = await device.PutAsJsonAsync("/device/api/spending-limit", new { amount = "80.50" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = await set.ReadJsonAsync();
        Assert.Equal("80.50", view.GetProperty("amount").GetString());
        Assert.False(view.GetProperty("is_default").GetBoolean());

        var access = await AccessTokenAfterApprovalAsync(Claims("openid payment"));
        Assert.Equal("80.50", access.GetProperty("authorization_details")[0].GetProperty("max_amount").GetProperty("value").GetString());

        var reset = await (await device.PutAsJsonAsync("/device/api/spending-limit", new { amount = (string?)null })).ReadJsonAsync();
        Assert.Equal("250.00", reset.GetProperty("amount").GetString());
        Assert.True(reset.GetProperty("is_default").GetBoolean());
    }

    [Fact]
    public async Task AuthorizationDetailsTheAgentSent_AreKeptAsSent()
    {
        var claims = Claims("openid payment");
        claims["authorization_details"] = JsonSerializer.Deserialize<JsonElement>(
            """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Pegasus 41","size":10.5,"quantity":2,"max_amount":{"currency":"USD","value":"280.00"}}]""");

        var detail = Assert.Single((await AccessTokenAfterApprovalAsync(claims)).GetProperty("authorization_details").EnumerateArray());
        Assert.Equal("Nike Pegasus 41", detail.GetProperty("product_name").GetString());
        Assert.Equal("280.00", detail.GetProperty("max_amount").GetProperty("value").GetString());
    }

    [Fact]
    public async Task ScopesThatSpendNothing_GetNoBound()
    {
        var access = await AccessTokenAfterApprovalAsync(Claims("openid address"));
        Assert.False(access.TryGetProperty("authorization_details", out _));
    }

    [Theory]
    [InlineData("""{"amount":"0"}""")]
    [InlineData("""{"amount":"-5"}""")]
    [InlineData("""{"amount":"12.345"}""")]
    [InlineData("""{"amount":"10000.01"}""")]
    [InlineData("""{"amount":"1e3"}""")]
    [InlineData("""{"amount":100}""")]
    [InlineData("""[]""")]
    public async Task ALimitThatCannotBe_IsA400Problem_AndTheLimitStays(string body)
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var response = await device.PutAsync("/device/api/spending-limit", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("250.00", (await (await device.GetAsync("/device/api/spending-limit")).ReadJsonAsync()).GetProperty("amount").GetString());
    }

    [Fact]
    public async Task WithoutASession_TheLimitIsNeitherReadNorSet()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/device/api/spending-limit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.PutAsJsonAsync("/device/api/spending-limit", new { amount = "1" })).StatusCode);
    }
}
