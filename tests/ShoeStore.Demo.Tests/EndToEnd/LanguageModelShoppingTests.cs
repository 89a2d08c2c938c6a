using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Demo.Tests.Infrastructure;
using ShoeStore.Demo.Tests.LanguageModel;
using static ShoeStore.Demo.Tests.LanguageModel.ScriptStep;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The assistant with an OpenAI-compatible model — the agent's own Microsoft.Extensions.AI.OpenAI client, configured by
/// <c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>, <c>OPENAI_MODEL</c> — talking to a fake chat-completions server that
/// answers with <c>tool_calls</c> from a script, against the real authorization server and store, the customer
/// deciding on the device JSON API.
/// </summary>
public sealed class LanguageModelShoppingTests(ShoppingSystem shop) : IClassFixture<ShoppingSystem>
{
    private const string ModelName = "fake-tool-model";
    private const string Search = "find running shoes in size 10";
    private const string AskForQuote = "what would it cost to ship one to me?";
    private const string Buy = "buy it";
    private const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    private static readonly string[] AgentTools = ["getProducts", "getAvailableDeals", "getTailoredQuote", "purchaseItem", "getOrders"];

    [Fact]
    public async Task ApprovedPurchase_PlacesExactlyOneOrderForEndUserByTheAgent_WithTheApprovedDetails()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync(Script(purchased: r =>
            ScriptedReply.Say($"Order {r.ToolResult("purchaseItem").GetProperty("orderId").GetString()} is placed.")));
        var apiKey = "test-key-" + Guid.NewGuid().ToString("N");
        await using var agent = shop.System.CreateAgentWithLanguageModel(model.BaseUrl, apiKey, ModelName);
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();

        var (_, decisions) = await ConverseAsync(agent, approve: true);

        Assert.Empty(model.Unexpected);
        Assert.Equal(0, model.StepsLeft);
        var purchase = decisions.Single(d => d.Request.Scopes.Contains("payment")).Request;
        var detail = Assert.Single(purchase.AuthorizationDetails!.Value.EnumerateArray());
        var after = await orders.ListAsync();
        var order = Assert.Single(after, o => before.All(b => b.GetProperty("id").GetString() != o.GetProperty("id").GetString()));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(shop.System.Credentials.ClientId, order.GetProperty("agent").GetString());
        Assert.Equal(EndUserSubject, order.GetProperty("customer").GetString());
        Assert.Equal(FirstFound(model), order.GetProperty("productId").GetString());
        Assert.Equal(FirstFound(model), detail.GetProperty("product_id").GetString());
        Assert.Equal(10m, detail.GetProperty("size").GetDecimal());
        var approved = order.GetProperty("approval").GetProperty("authorizationDetails");
        Assert.True(JsonElement.DeepEquals(purchase.AuthorizationDetails.Value, approved), approved.GetRawText());
    }

    [Fact]
    public async Task DeniedPurchase_NoOrder_AndTheToolResultTheModelReceivesSaysTheCustomerDeclined()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync(Script(purchased: r =>
            ScriptedReply.Say(r.ToolResult("purchaseItem").GetProperty("message").GetString()!)));
        await using var agent = shop.System.CreateAgentWithLanguageModel(model.BaseUrl, "test-key-" + Guid.NewGuid().ToString("N"), ModelName);
        using var orders = await OrderReader.ApproveAsync(agent, shop.Device, shop.System.Endpoints, shop.System.Credentials.EndUser);
        var before = await orders.ListAsync();

        var (reply, decisions) = await ConverseAsync(agent, approve: false);

        Assert.Empty(model.Unexpected);
        Assert.Contains("payment", Assert.Single(decisions, d => !d.Approved).Request.Scopes);
        var result = model.Requests[^1].ToolResult("purchaseItem");
        Assert.Equal("access_denied", result.GetProperty("error").GetString());
        Assert.Contains("declined", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("declined", reply, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await orders.ListAsync()).Count);
    }

    [Fact]
    public async Task EveryRequest_ReachesTheConfiguredEndpointWithTheKeyModelAndTheAgentsTools_WithoutStreaming()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync(
            AfterUser(Search, _ => ScriptedReply.Call("getProducts", new { query = "running", size = 10 })),
            AfterTool(r => ScriptedReply.Say($"I found {r.ToolResult("getProducts").GetProperty("count").GetInt32()} pairs.")));
        var apiKey = "test-key-" + Guid.NewGuid().ToString("N");
        await using var agent = shop.System.CreateAgentWithLanguageModel(model.BaseUrl, apiKey, ModelName);

        var reply = await agent.SendAsync(Search);

        Assert.Empty(model.Unexpected);
        Assert.StartsWith("I found ", reply, StringComparison.Ordinal);
        Assert.Equal("openai", agent.Services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()?.ProviderName);
        Assert.Equal(2, model.Requests.Count);
        Assert.All(model.Requests, r => Assert.Equal(ModelName, r.Model));
        Assert.All(model.Requests, r => Assert.Equal(AgentTools.Order(), r.ToolNames.Order()));
        Assert.All(model.Authorizations, a => Assert.Equal("Bearer " + apiKey, a));
        Assert.Equal("system", model.Requests[0].Messages[0].GetProperty("role").GetString());
        Assert.Empty(agent.Secrets.GrantTypes);
    }

    /// <summary>Search, quote, buy: the model calls the tools with what the tools returned before.</summary>
    private static Func<ChatCompletionRequest, ScriptedReply>[] Script(Func<ChatCompletionRequest, ScriptedReply> purchased) =>
    [
        AfterUser(Search, _ => ScriptedReply.Call("getProducts", new { query = "running", size = 10 })),
        AfterTool(r => ScriptedReply.Say($"I found {r.ToolResult("getProducts").GetProperty("count").GetInt32()} running shoes in size 10.")),
        AfterUser(AskForQuote, r => ScriptedReply.Call("getTailoredQuote", new { productId = FirstFound(r), size = 10, quantity = 1 })),
        AfterTool(r => ScriptedReply.Say($"That comes to {r.ToolResult("getTailoredQuote").GetProperty("total").GetProperty("value").GetString()} USD.")),
        AfterUser(Buy, r => ScriptedReply.Call("purchaseItem", new { quoteId = r.ToolResult("getTailoredQuote").GetProperty("quoteId").GetString() })),
        AfterTool(purchased),
    ];

    /// <summary>Runs the scripted conversation; the last reply and every decision on the device.</summary>
    private async Task<(string Reply, List<DeviceDecision> Decisions)> ConverseAsync(TestAgent agent, bool approve)
    {
        var decisions = new List<DeviceDecision>();
        var reply = "";
        foreach (var message in new[] { Search, AskForQuote, Buy })
        {
            var turn = agent.SendAsync(message);
            decisions.AddRange(await shop.Device.DecideWhileAsync(turn, request => approve || !request.Scopes.Contains("payment")));
            reply = await turn;
        }

        return (reply, decisions);
    }

    private static string FirstFound(FakeChatCompletionsServer model) => FirstFound(model.Requests[^1]);

    private static string FirstFound(ChatCompletionRequest request) =>
        request.ToolResult("getProducts").GetProperty("products")[0].GetProperty("id").GetString()!;
}
