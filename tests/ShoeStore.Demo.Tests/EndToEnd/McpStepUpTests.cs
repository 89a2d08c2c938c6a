using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Tools.Mcp;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// Scope step-up against the real store (MCP 2025-11-25 "Scope Challenge Handling"): the agent's policy for
/// <c>purchaseItem</c> says its own <c>prices</c> token will do, the store's <c>/mcp</c> answers 403
/// <c>insufficient_scope</c> with <c>scope="payment"</c>, Mandate.AI asks the customer (CIBA) for that scope and retries
/// the call once with the approved token.
/// </summary>
public sealed class McpStepUpTests(ShoppingSystem shop) : IClassFixture<ShoppingSystem>
{
    private const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    [Fact]
    public async Task PurchaseWithTooLittleScope_Is403InsufficientScope_ThenTheCustomersApproval_ThenOneRetryThatPlacesTheOrder()
    {
        await using var agent = await shop.System.CreateMcpAgentAsync();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();
        var productId = await FirstRunningShoeAsync(agent);
        var tokensBefore = agent.Secrets.AccessTokens.Count;

        var turn = BuyAsync(agent, productId);
        var decision = Assert.Single(await shop.Device.DecideWhileAsync(turn, _ => true));
        var reply = await turn;

        // The policy never asks the customer: only the store's 403 scope challenge can have led to this approval.
        Assert.Contains("payment", decision.Request.Scopes);     // the challenged scope
        Assert.Contains("prices", decision.Request.Scopes);      // the policy's own
        using var order = JsonDocument.Parse(reply);
        Assert.Equal(productId, order.RootElement.GetProperty("productId").GetString());
        var after = await orders.ListAsync();
        Assert.Equal(before.Count + 1, after.Count);
        // The first attempt carried the agent's own prices token for /mcp (already cached); the one retry, the approved one.
        var approved = Jwt.Payload(Assert.Single(agent.Secrets.AccessTokens.Skip(tokensBefore)));
        Assert.Contains("payment", approved.GetProperty("scope").GetString()!.Split(' '));
        Assert.Equal(EndUserSubject, approved.GetProperty("sub").GetString());
        Assert.Equal(shop.System.Endpoints.McpResource, approved.GetProperty("aud").ToString());
    }

    [Fact]
    public async Task StepUpDeclinedOnTheDevice_IsReportedAsAccessDenied_AndNoOrderIsPlaced()
    {
        await using var agent = await shop.System.CreateMcpAgentAsync();
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();
        var productId = await FirstRunningShoeAsync(agent);

        var turn = BuyAsync(agent, productId);
        Assert.Single(await shop.Device.DecideWhileAsync(turn, _ => false));
        var reply = await turn;

        using var refusal = JsonDocument.Parse(reply);
        Assert.Equal(ToolAuthorizationErrors.AccessDenied, refusal.RootElement.GetProperty("error").GetString());
        Assert.Equal("The customer declined the purchase.", refusal.RootElement.GetProperty("message").GetString());
        Assert.Equal(before.Count, (await orders.ListAsync()).Count);
    }

    private static async Task<string> FirstRunningShoeAsync(TestAgent agent)
    {
        await agent.SendAsync("find running shoes in size 10");
        return agent.LastResult("getProducts").GetProperty("products")[0].GetProperty("id").GetString()!;
    }

    /// <summary>Runs <c>purchaseItem</c> through the tool-authorization pipeline with a policy that asks too little.</summary>
    private async Task<string> BuyAsync(TestAgent agent, string productId)
    {
        var purchase = agent.Services.GetRequiredService<McpStoreTools>().All.Single(t => t.Name == "purchaseItem");
        var options = new ToolAuthorizationOptions { LoginHint = shop.System.Credentials.EndUser }.SetPolicy("purchaseItem",
            ToolPolicy.Autonomous("prices").SetResource(shop.System.Endpoints.McpResource).SetDeniedMessage("The customer declined the purchase."));
        var authorizer = new ToolAuthorizer(agent.Services.GetRequiredService<IToolTokenSource>(), options);
        using var chat = new ChatClientBuilder(new OneToolCallModel("purchaseItem", new Dictionary<string, object?>
        {
            ["productId"] = productId,
            ["size"] = 10,
            ["quantity"] = 1,
        })).UseToolAuthorization(authorizer).UseFunctionInvocation().Build();
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        var response = await chat.GetResponseAsync("buy it", new ChatOptions { Tools = [purchase] }, limit.Token);
        return response.Text;
    }
}
