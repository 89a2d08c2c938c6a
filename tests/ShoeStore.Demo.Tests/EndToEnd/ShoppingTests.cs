using System.Text.Json;
using Microsoft.Extensions.AI;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The whole system in one process, as the demo runs it: Mandate.Server and ShoeStore.Api on loopback, the assistant
/// with the offline planner calling them over real HTTP, and the customer deciding on the device JSON API.
/// </summary>
public sealed class ShoppingTests(ShoppingSystem shop) : IClassFixture<ShoppingSystem>
{
    private const string Search = "find running shoes in size 10";
    private const string AskForQuote = "what would it cost to ship one to me?";
    private const string Buy = "buy it";
    private const string ClientCredentials = "client_credentials";
    private const string Ciba = "urn:openid:params:grant-type:ciba";

    [Fact]
    public async Task SearchingProducts_NeedsNoTokenAndNoApproval()
    {
        await using var agent = shop.System.CreateAgent();

        var turn = agent.SendAsync(Search);
        var decisions = await shop.Device.DecideWhileAsync(turn, _ => true);

        Assert.StartsWith("I found ", await turn, StringComparison.Ordinal);
        Assert.Contains("running shoes in size 10", await turn, StringComparison.Ordinal);
        Assert.Empty(agent.Secrets.GrantTypes);
        Assert.Empty(decisions);
    }

    [Fact]
    public async Task Deals_UseTheAgentsOwnClientCredentialsToken_WithoutAskingTheCustomer()
    {
        await using var agent = shop.System.CreateAgent();

        var turn = agent.SendAsync("any deals?");
        var decisions = await shop.Device.DecideWhileAsync(turn, _ => true);

        Assert.StartsWith("Current deals:", await turn, StringComparison.Ordinal);
        Assert.Equal([ClientCredentials], agent.Secrets.GrantTypes);
        var token = Jwt.Payload(Assert.Single(agent.Secrets.AccessTokens));
        Assert.Equal(shop.System.Credentials.ClientId, token.GetProperty("sub").GetString());
        Assert.Equal("prices", token.GetProperty("scope").GetString());
        Assert.False(token.TryGetProperty("act", out _));
        Assert.Empty(decisions);
    }

    [Fact]
    public async Task Quote_WaitsForTheCustomersApprovalOfTheAddressScope()
    {
        await using var agent = shop.System.CreateAgent();
        await agent.SendAsync(Search);

        var turn = agent.SendAsync(AskForQuote);
        var decisions = await shop.Device.DecideWhileAsync(turn, _ => true);

        Assert.StartsWith("Quote ", await turn, StringComparison.Ordinal);
        var request = Assert.Single(decisions).Request;
        Assert.Contains("address", request.Scopes);
        Assert.Equal(shop.System.Credentials.ClientId, request.ClientId);
        Assert.StartsWith("Allow agent to quote ", request.BindingMessage, StringComparison.Ordinal);
        Assert.Equal([Ciba], agent.Secrets.GrantTypes);
    }

    [Fact]
    public async Task Purchase_ApprovedWithShoePurchaseDetails_PlacesExactlyOneOrderByTheAgentForEndUser()
    {
        await using var agent = shop.System.CreateAgent();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();

        var (reply, decisions) = await SearchQuoteAndBuyAsync(agent, approvePurchase: true);

        Assert.StartsWith("Order ", reply, StringComparison.Ordinal);
        var approved = Assert.Single(decisions).Request;
        Assert.Contains("payment", approved.Scopes);
        var detail = Assert.Single(approved.AuthorizationDetails!.Value.EnumerateArray());
        Assert.Equal("shoe_purchase", detail.GetProperty("type").GetString());
        Assert.Equal(10m, detail.GetProperty("size").GetDecimal());
        Assert.Equal(1, detail.GetProperty("quantity").GetInt32());

        var after = await orders.ListAsync();
        Assert.Equal(before.Count + 1, after.Count);
        var order = after.Single(o => before.All(b => b.GetProperty("id").GetString() != o.GetProperty("id").GetString()));
        Assert.Equal(shop.System.Credentials.ClientId, order.GetProperty("agent").GetString());
        Assert.Equal(EndUserSubject, order.GetProperty("customer").GetString());
        Assert.Equal(detail.GetProperty("product_id").GetString(), order.GetProperty("productId").GetString());
        var orderDetails = order.GetProperty("approval").GetProperty("authorizationDetails");
        Assert.True(JsonElement.DeepEquals(approved.AuthorizationDetails.Value, orderDetails), orderDetails.GetRawText());
    }

    [Fact]
    public async Task SearchThenDealsThenQuoteThenBuy_OrdersTheShoeThatWasFound_NotTheFirstDeal()
    {
        await using var agent = shop.System.CreateAgent();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();
        await agent.SendAsync(Search);
        Assert.StartsWith("Current deals:", await agent.SendAsync("any deals?"), StringComparison.Ordinal);
        var found = agent.LastResult("getProducts").GetProperty("products")[0].GetProperty("id").GetString();
        var firstDeal = agent.LastResult("getAvailableDeals").GetProperty("deals")[0].GetProperty("productId").GetString();
        Assert.NotEqual(found, firstDeal);     // else this conversation could not tell the two apart

        var quoteTurn = agent.SendAsync(AskForQuote);
        var quoteDecision = Assert.Single(await shop.Device.DecideWhileAsync(quoteTurn, _ => true));
        var buyTurn = agent.SendAsync(Buy);
        var buyDecision = Assert.Single(await shop.Device.DecideWhileAsync(buyTurn, _ => true));

        Assert.Equal(found, agent.LastResult("getTailoredQuote").GetProperty("productId").GetString());
        Assert.Contains("address", quoteDecision.Request.Scopes);
        Assert.StartsWith("Order ", await buyTurn, StringComparison.Ordinal);
        var detail = Assert.Single(buyDecision.Request.AuthorizationDetails!.Value.EnumerateArray());
        Assert.Equal(found, detail.GetProperty("product_id").GetString());
        var after = await orders.ListAsync();
        Assert.Equal(before.Count + 1, after.Count);
        var order = Assert.Single(after, o => before.All(b => b.GetProperty("id").GetString() != o.GetProperty("id").GetString()));
        Assert.Equal(found, order.GetProperty("productId").GetString());
        Assert.Equal(10m, order.GetProperty("size").GetDecimal());
        Assert.Equal(shop.System.Credentials.ClientId, order.GetProperty("agent").GetString());
        Assert.Equal(EndUserSubject, order.GetProperty("customer").GetString());
    }

    [Fact]
    public async Task Purchase_DeniedOnTheDevice_AssistantSaysTheCustomerDeclined_AndNoOrderExists()
    {
        await using var agent = shop.System.CreateAgent();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();

        var (reply, decisions) = await SearchQuoteAndBuyAsync(agent, approvePurchase: false);

        Assert.Contains("declined", reply, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("payment", Assert.Single(decisions).Request.Scopes);
        Assert.Equal(before.Count, (await orders.ListAsync()).Count);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("mcp")]
    public async Task WholeConversation_NoTokenSecretOrAuthReqIdIsEverSentToTheModel(string tools)
    {
        await using var agent = tools == "mcp" ? await shop.System.CreateMcpAgentAsync() : shop.System.CreateAgent();
        foreach (var message in new[] { "any deals?", Search, AskForQuote, Buy, "show my orders" })
        {
            var turn = agent.SendAsync(message);
            await shop.Device.DecideWhileAsync(turn, _ => true);
        }

        // deals (over MCP also the transport's own token: the same prices token for /mcp), quote, purchase, orders
        Assert.Equal(4, agent.Secrets.AccessTokens.Count);
        Assert.True(agent.Model.Requests >= 10, $"the model saw {agent.Model.Requests} requests");
        var seen = string.Join('\n', agent.Model.Seen);
        Assert.Contains("orderId", seen, StringComparison.Ordinal);     // tool results are in what was recorded
        foreach (var secret in agent.Secrets.Secrets)
        {
            Assert.DoesNotContain(secret, seen, StringComparison.Ordinal);

            // Nor a JWT's signature on its own.
            if (secret.Split('.') is [_, _, { Length: > 20 } signature])
            {
                Assert.DoesNotContain(signature, seen, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Search, a quote the customer approves, then "buy it" decided as <paramref name="approvePurchase"/> says.</summary>
    private async Task<(string Reply, IReadOnlyList<DeviceDecision> Decisions)> SearchQuoteAndBuyAsync(TestAgent agent, bool approvePurchase)
    {
        await agent.SendAsync(Search);
        var quoteTurn = agent.SendAsync(AskForQuote);
        await shop.Device.DecideWhileAsync(quoteTurn, _ => true);

        var buyTurn = agent.SendAsync(Buy);
        var decisions = await shop.Device.DecideWhileAsync(buyTurn, _ => approvePurchase);
        return (await buyTurn, decisions);
    }

    private const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";
}
