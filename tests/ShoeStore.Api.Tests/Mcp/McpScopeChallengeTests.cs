using System.Net;
using System.Text.Json.Nodes;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>
/// MCP 2025-11-25, Authorization, "Scope Challenge Handling": a <c>tools/call</c> whose token lacks the tool's scope
/// is HTTP 403 <c>insufficient_scope</c> naming the scope, before the tool runs (RFC 6750 §3.1, RFC 9728 §5.1).
/// </summary>
public sealed class McpScopeChallengeTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>
{
    private readonly McpSession _mcp = new(api);

    [Theory]
    [InlineData("getAvailableDeals", "address payment", "prices")]
    [InlineData("getTailoredQuote", "prices payment", "address")]
    [InlineData("purchaseItem", "prices address", "payment")]
    [InlineData("getOrders", "prices address", "payment")]
    public async Task ToolCall_WithoutTheToolsScope_Gets403NamingIt(string tool, string granted, string needed)
    {
        var response = await _mcp.CallToolAsync(tool, null, _mcp.Token().WithScope(granted).Build());

        var problem = await Expect.InsufficientScopeAsync(response, needed);
        var challenge = BearerChallengeHeader.From(response);
        Assert.Equal(McpSession.MetadataUrl, challenge["resource_metadata"]);
        Assert.Contains(needed, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("getTailoredQuote", "address")]
    [InlineData("purchaseItem", "payment")]
    [InlineData("getOrders", "payment")]
    public async Task CustomerTool_WithClientCredentialsToken_Gets403_EvenWithTheScope(string tool, string scope)
    {
        var token = _mcp.Token().AsClientCredentials(scope).Build();

        var response = await _mcp.CallToolAsync(tool, null, token);

        var problem = await Expect.InsufficientScopeAsync(response, scope);
        Assert.Contains("CIBA", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAvailableDeals_WithClientCredentialsToken_Runs()
    {
        var result = await _mcp.ToolResultAsync("getAvailableDeals", null, _mcp.Token().AsClientCredentials("prices").Build());

        Assert.False(McpSession.IsError(result));
    }

    [Fact]
    public async Task GetProducts_WithATokenWithoutScopes_Runs()
    {
        var result = await _mcp.ToolResultAsync("getProducts", null, _mcp.Token().AsClientCredentials("").Build());

        Assert.False(McpSession.IsError(result));
    }

    [Fact]
    public async Task ToolsList_NeedsNoScope()
    {
        var response = await _mcp.PostAsync("tools/list", null, _mcp.Token().WithoutClaim("scope").Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Batch_WithACallLackingItsScope_Gets403()
    {
        var batch = new JsonArray(
            new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = "getProducts" } },
            new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 2, ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = "purchaseItem" } });

        var response = await _mcp.PostRawAsync(batch.ToJsonString(), _mcp.Token().WithScope("prices").Build());

        await Expect.InsufficientScopeAsync(response, "payment");
    }

    [Fact]
    public async Task UnknownTool_IsLeftToTheMcpHandler_AsAJsonRpcError()
    {
        var response = await _mcp.CallToolAsync("deleteEverything", null, _mcp.Token().WithScope("").Build());

        var message = await McpSession.MessageAsync(response);
        Assert.True(message.TryGetProperty("error", out var error) || McpSession.IsError(message.GetProperty("result")), message.ToString());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getProducts","arguments":{}},"params":{"name":"getOrders","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getOrders","arguments":{}},"params":{"name":"getProducts","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getProducts","name":"getOrders","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getOrders","name":"getProducts","arguments":{}}}""")]
    public async Task DuplicateMembers_NeverRunAToolBeyondTheTokensScope(string body)
    {
        var response = await _mcp.PostRawAsync(body, _mcp.Token().WithScope("prices").Build());

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var message = await McpSession.MessageAsync(response);
            var ranGetOrders = message.TryGetProperty("result", out var result) && !McpSession.IsError(result) &&
                result.TryGetProperty("structuredContent", out var content) && content.TryGetProperty("orders", out _);
            Assert.False(ranGetOrders, message.ToString());
        }
        else
        {
            Assert.InRange((int)response.StatusCode, 400, 403);
        }
    }
}
