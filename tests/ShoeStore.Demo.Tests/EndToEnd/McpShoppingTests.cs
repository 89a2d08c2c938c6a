using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Client.ClientCredentials;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Tools.Mcp;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The assistant with <c>--tools mcp</c>, as the demo runs it: the offline planner, the store's tools from its MCP
/// server's <c>tools/list</c> over Streamable HTTP, every call's token issued by Mandate.Server for the MCP resource
/// (RFC 8707) and carried on the MCP transport, and the customer deciding on the device JSON API (docs/mcp.md).
/// </summary>
public sealed class McpShoppingTests(ShoppingSystem shop) : IClassFixture<ShoppingSystem>
{
    private const string Search = "find running shoes in size 10";
    private const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    [Fact]
    public async Task McpAgent_OffersTheServersFiveToolsWithTheirSchemas()
    {
        await using var agent = await shop.System.CreateMcpAgentAsync();

        var tools = agent.Services.GetRequiredService<McpStoreTools>().All;

        Assert.Equal(["getAvailableDeals", "getOrders", "getProducts", "getTailoredQuote", "purchaseItem"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.IsType<McpStoreTool>(t));
        var purchase = tools.Single(t => t.Name == "purchaseItem");
        Assert.True(purchase.JsonSchema.GetProperty("properties").TryGetProperty("quoteId", out _));
    }

    [Fact]
    public async Task McpAgent_SearchDealsQuoteBuy_WithTheApprovalOnTheDevice_PlacesExactlyOneOrder()
    {
        await using var agent = await shop.System.CreateMcpAgentAsync();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();
        var tokensBefore = agent.Secrets.AccessTokens.Count;

        var search = agent.SendAsync(Search);
        Assert.Empty(await shop.Device.DecideWhileAsync(search, _ => true));
        Assert.StartsWith("I found ", await search, StringComparison.Ordinal);

        var deals = agent.SendAsync("any deals?");
        Assert.Empty(await shop.Device.DecideWhileAsync(deals, _ => true));
        Assert.StartsWith("Current deals:", await deals, StringComparison.Ordinal);

        var quote = agent.SendAsync("what would it cost to ship one to me?");
        var quoteDecision = Assert.Single(await shop.Device.DecideWhileAsync(quote, _ => true));
        Assert.StartsWith("Quote ", await quote, StringComparison.Ordinal);
        Assert.Contains("address", quoteDecision.Request.Scopes);

        var buy = agent.SendAsync("buy it");
        var buyDecision = Assert.Single(await shop.Device.DecideWhileAsync(buy, _ => true));
        Assert.StartsWith("Order ", await buy, StringComparison.Ordinal);

        Assert.Contains("payment", buyDecision.Request.Scopes);
        var detail = Assert.Single(buyDecision.Request.AuthorizationDetails!.Value.EnumerateArray());
        Assert.Equal("shoe_purchase", detail.GetProperty("type").GetString());
        var after = await orders.ListAsync();
        var order = Assert.Single(after, o => before.All(b => b.GetProperty("id").GetString() != o.GetProperty("id").GetString()));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(detail.GetProperty("product_id").GetString(), order.GetProperty("productId").GetString());
        Assert.Equal(shop.System.Credentials.ClientId, order.GetProperty("agent").GetString());
        Assert.Equal(EndUserSubject, order.GetProperty("customer").GetString());

        // Every token the conversation used was issued for the MCP resource.
        var audiences = agent.Secrets.AccessTokens.Skip(tokensBefore).Select(t => Jwt.Payload(t).GetProperty("aud").ToString()).ToList();
        Assert.NotEmpty(audiences);
        Assert.All(audiences, aud => Assert.Contains(shop.System.Endpoints.McpResource, aud, StringComparison.Ordinal));
    }

    [Fact]
    public async Task McpAgent_PurchaseDeclinedOnTheDevice_SaysSo_AndPlacesNoOrder()
    {
        await using var agent = await shop.System.CreateMcpAgentAsync();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();
        await agent.SendAsync(Search);
        var quote = agent.SendAsync("what would it cost to ship one to me?");
        await shop.Device.DecideWhileAsync(quote, _ => true);

        var buy = agent.SendAsync("buy it");
        var decisions = await shop.Device.DecideWhileAsync(buy, _ => false);

        Assert.Contains("declined", await buy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("payment", Assert.Single(decisions).Request.Scopes);
        Assert.Equal(before.Count, (await orders.ListAsync()).Count);
    }

    [Fact]
    public async Task McpAgent_ToolResultsAreTheSameJsonAsTheLocalTools()
    {
        await using var mcpAgent = await shop.System.CreateMcpAgentAsync();
        await using var localAgent = shop.System.CreateAgent();

        await mcpAgent.SendAsync(Search);
        await localAgent.SendAsync(Search);

        var local = localAgent.LastResult("getProducts");
        var mcp = mcpAgent.LastResult("getProducts");
        Assert.True(JsonElement.DeepEquals(local, mcp), $"local {local.GetRawText()}\nmcp {mcp.GetRawText()}");
    }

    [Fact]
    public async Task TokenForTheRestAudience_IsRefusedAtMcp()
    {
        await using var agent = shop.System.CreateAgent();
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        var rest = await agent.Services.GetRequiredService<IClientCredentialsClient>().GetTokenAsync("prices", null, limit.Token);

        using var http = new HttpClient { BaseAddress = shop.System.Endpoints.StoreUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(shop.System.Endpoints.McpResource))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getAvailableDeals","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", rest.AccessToken);
        call.Headers.Accept.ParseAdd("application/json");
        call.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(call);

        Assert.Equal("shoestore-api", Jwt.Payload(rest.AccessToken).GetProperty("aud").ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
