using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ShoeStore.Api.Tests.EndToEnd;

/// <summary>
/// Issue 4's by-hand check, automated against the real authorization server: a client-credentials token reads
/// <c>/deals</c> and is refused at <c>/quotes</c>; a CIBA token with matching <c>authorization_details</c> buys once.
/// </summary>
public sealed class StoreWithMandateServerTests(MandateServerAndStore system) : IClassFixture<MandateServerAndStore>
{
    private static readonly Dictionary<string, object> Pegasus = new()
    {
        ["type"] = "shoe_purchase",
        ["product_id"] = "nike-pegasus-41",
        ["size"] = 10.5,
        ["quantity"] = 1,
        ["max_amount"] = new Dictionary<string, object> { ["currency"] = "USD", ["value"] = "140.00" },
    };

    [Fact]
    public async Task ClientCredentialsToken_ReadsDeals()
    {
        var token = await system.ClientCredentialsTokenAsync("prices");

        using var response = await SendAsync(HttpMethod.Get, "/deals", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    [Fact]
    public async Task ClientCredentialsToken_IsRefusedAtQuotes_With403SayingTheCustomersApprovalIsNeeded()
    {
        var token = await system.ClientCredentialsTokenAsync("address");

        using var response = await SendAsync(HttpMethod.Post, "/quotes", token, new { productId = "nike-pegasus-41", size = 10.5, quantity = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("needs the customer's approval", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CibaToken_QuotesToTheCustomersAddress()
    {
        var token = await system.CibaTokenAsync("openid address", "Allow agent to quote Pegasus 41?");

        using var response = await SendAsync(HttpMethod.Post, "/quotes", token, new { productId = "nike-pegasus-41", size = 10.5, quantity = 1 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CibaTokenWithMatchingAuthorizationDetails_PlacesExactlyOneOrder_ByTheAgentForEndUser()
    {
        var token = await system.CibaTokenAsync("openid payment", "Allow agent to buy Pegasus 41?", [Pegasus]);
        var order = new { productId = "nike-pegasus-41", size = 10.5, quantity = 1 };

        using var placed = await SendAsync(HttpMethod.Post, "/orders", token, order, idempotencyKey: "first");
        using var again = await SendAsync(HttpMethod.Post, "/orders", token, order, idempotencyKey: "second");
        using var list = await SendAsync(HttpMethod.Get, "/orders", token);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        var jti = new JsonWebToken(token).Id;
        var orders = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(o => o.GetProperty("approval").GetProperty("tokenId").GetString() == jti)
            .ToList();
        var only = Assert.Single(orders);
        Assert.Equal(system.ClientId, only.GetProperty("agent").GetString());
        Assert.Equal(system.EndUserSubject, only.GetProperty("customer").GetString());
        Assert.Equal("nike-pegasus-41", only.GetProperty("approval").GetProperty("authorizationDetails")[0].GetProperty("product_id").GetString());
        // Approved with a click in a password session: the order records the token's amr.
        Assert.Equal(["pwd"], only.GetProperty("approval").GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await system.Store.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
