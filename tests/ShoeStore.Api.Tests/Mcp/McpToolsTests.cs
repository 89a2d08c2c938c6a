using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>
/// The five tools over MCP: listed with schemas and the scopes they need, and answering with the REST API's data
/// (the same services, no HTTP hop).
/// </summary>
public sealed class McpToolsTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>
{
    private readonly McpSession _mcp = new(api);

    [Fact]
    public async Task ToolsList_ShowsTheFiveToolsWithSchemasAndTheirScopesInMeta()
    {
        var message = await McpSession.MessageAsync(await _mcp.PostAsync("tools/list", null, _mcp.Token().Build()));

        var tools = message.GetProperty("result").GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["getAvailableDeals", "getOrders", "getProducts", "getTailoredQuote", "purchaseItem"], tools.Keys.Order(StringComparer.Ordinal));
        var expected = new Dictionary<string, (string[] Scopes, bool Customer)>
        {
            ["getProducts"] = ([], false),
            ["getAvailableDeals"] = (["prices"], false),
            ["getTailoredQuote"] = (["address"], true),
            ["purchaseItem"] = (["payment"], true),
            ["getOrders"] = (["payment"], true),
        };
        foreach (var (name, (scopes, customer)) in expected)
        {
            var tool = tools[name];
            Assert.False(string.IsNullOrWhiteSpace(tool.GetProperty("description").GetString()));
            Assert.Equal("object", tool.GetProperty("inputSchema").GetProperty("type").GetString());
            var meta = tool.GetProperty("_meta");
            Assert.Equal(scopes, meta.GetProperty("mandate/scopes").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(customer, meta.GetProperty("mandate/customer_approval").GetBoolean());
        }

        Assert.Equal(["productId", "size"], tools["getTailoredQuote"].GetProperty("inputSchema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(tools["purchaseItem"].GetProperty("inputSchema").GetProperty("properties").TryGetProperty("idempotencyKey", out _));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("running nike", null)]
    [InlineData("trail", 10.5)]
    public async Task GetProducts_AnswersWhatGetProductsAnswers(string? query, double? size)
    {
        var arguments = new JsonObject();
        var path = "/products?";
        if (query is not null)
        {
            arguments["query"] = query;
            path += "query=" + Uri.EscapeDataString(query) + "&";
        }

        if (size is not null)
        {
            arguments["size"] = size;
            path += "size=" + size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var result = await _mcp.ToolResultAsync("getProducts", arguments, _mcp.Token().Build());
        var rest = await Expect.JsonAsync(await api.GetAsync(path), HttpStatusCode.OK);

        Assert.False(McpSession.IsError(result));
        Assert.True(rest.GetArrayLength() > 0);
        AssertSameJson(rest, McpSession.Text(result));
        AssertSameJson(rest, result.GetProperty("structuredContent").GetProperty("products"));
    }

    [Fact]
    public async Task GetAvailableDeals_AnswersWhatGetDealsAnswers()
    {
        var result = await _mcp.ToolResultAsync("getAvailableDeals", null, _mcp.Token().Build());
        var rest = await Expect.JsonAsync(await api.GetAsync("/deals", api.Token().Build()), HttpStatusCode.OK);

        Assert.True(rest.GetArrayLength() > 0);
        AssertSameJson(rest, McpSession.Text(result));
    }

    [Fact]
    public async Task GetTailoredQuote_MakesTheQuoteThatGetQuotesShows()
    {
        await api.SetStockAsync("brooks-ghost-16", 9m, 5);

        var result = await _mcp.ToolResultAsync("getTailoredQuote",
            new JsonObject { ["productId"] = "brooks-ghost-16", ["size"] = 9, ["quantity"] = 2 }, _mcp.Token().Build());

        Assert.False(McpSession.IsError(result), result.ToString());
        var quote = McpSession.Text(result);
        var rest = await Expect.JsonAsync(await api.GetAsync("/quotes/" + quote.GetProperty("id").GetString(), api.Token().Build()), HttpStatusCode.OK);
        AssertSameJson(rest, quote);
        Assert.Equal(2, quote.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task GetTailoredQuote_WithBadArguments_IsAToolErrorNamingThem()
    {
        var result = await _mcp.ToolResultAsync("getTailoredQuote",
            new JsonObject { ["productId"] = "Not An Id", ["size"] = "huge", ["colour"] = "red" }, _mcp.Token().Build());

        Assert.True(McpSession.IsError(result));
        var errors = McpSession.Text(result).GetProperty("errors");
        Assert.True(errors.TryGetProperty("productId", out _));
        Assert.True(errors.TryGetProperty("size", out _));
        Assert.True(errors.TryGetProperty("colour", out _));
    }

    [Fact]
    public async Task GetOrders_AnswersWhatGetOrdersAnswers()
    {
        await api.SetStockAsync("asics-gel-kayano-31", 10m, 5);
        await Expect.JsonAsync(await api.PostJsonAsync("/orders", """{"productId":"asics-gel-kayano-31","size":10,"quantity":1}""", api.Token().Build()),
            HttpStatusCode.Created);

        var result = await _mcp.ToolResultAsync("getOrders", null, _mcp.Token().Build());
        var rest = await Expect.JsonAsync(await api.GetAsync("/orders", api.Token().Build()), HttpStatusCode.OK);

        Assert.True(rest.GetArrayLength() > 0);
        AssertSameJson(rest, McpSession.Text(result));
    }

    [Fact]
    public async Task PurchaseItem_WithAMatchingApproval_PlacesOneOrderThatGetOrdersShows()
    {
        await api.SetStockAsync("hoka-bondi-8", 11m, 5);
        var quote = await QuoteAsync("hoka-bondi-8", 11m);
        var token = _mcp.Token().WithPurchase("hoka-bondi-8", 11m, 1, quote.GetProperty("total").GetProperty("value").GetString()!);

        var result = await _mcp.ToolResultAsync("purchaseItem", new JsonObject { ["quoteId"] = quote.GetProperty("id").GetString() }, token.Build());

        Assert.False(McpSession.IsError(result), result.ToString());
        var order = McpSession.Text(result);
        Assert.Equal("confirmed", order.GetProperty("status").GetString());
        Assert.Equal(token.Payload["jti"]!.GetValue<string>(), order.GetProperty("approval").GetProperty("tokenId").GetString());
        var rest = await Expect.JsonAsync(await api.GetAsync("/orders/" + order.GetProperty("id").GetString(), api.Token().Build()), HttpStatusCode.OK);
        AssertSameJson(rest, order);
        Assert.Equal(1, await OrdersWithApprovalAsync(token));
        Assert.Equal(4, await api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "hoka-bondi-8" && s.Size == 11m).Select(s => s.Stock).SingleAsync()));
    }

    [Fact]
    public async Task PurchaseItem_WithAnApprovalForAnotherProduct_IsRefusedInTheResult_AndBuysNothing()
    {
        await api.SetStockAsync("on-cloudmonster-2", 9.5m, 5);
        var quote = await QuoteAsync("on-cloudmonster-2", 9.5m);
        var token = _mcp.Token().WithPurchase("nike-pegasus-41", 9.5m, 1, "999.00");

        var result = await _mcp.ToolResultAsync("purchaseItem", new JsonObject { ["quoteId"] = quote.GetProperty("id").GetString() }, token.Build());

        Assert.True(McpSession.IsError(result));
        var problem = McpSession.Text(result);
        Assert.Equal("https://shoestore.example/problems/approval-mismatch", problem.GetProperty("type").GetString());
        Assert.Contains("nike-pegasus-41", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await OrdersWithApprovalAsync(token));
    }

    [Fact]
    public async Task PurchaseItem_TwiceWithTheSameApproval_BuysOnce()
    {
        await api.SetStockAsync("new-balance-574", 8m, 5);
        var token = _mcp.Token().WithPurchase("new-balance-574", 8m, 1, "999.00");
        var item = new JsonObject { ["productId"] = "new-balance-574", ["size"] = 8, ["quantity"] = 1 };

        var first = await _mcp.ToolResultAsync("purchaseItem", item.DeepClone().AsObject(), token.Build());
        var second = await _mcp.ToolResultAsync("purchaseItem", item.DeepClone().AsObject(), token.Build());

        Assert.False(McpSession.IsError(first), first.ToString());
        Assert.True(McpSession.IsError(second));
        Assert.Equal("https://shoestore.example/problems/approval-already-used", McpSession.Text(second).GetProperty("type").GetString());
        Assert.Equal(1, await OrdersWithApprovalAsync(token));
    }

    [Fact]
    public async Task PurchaseItem_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstOrder()
    {
        await api.SetStockAsync("merrell-moab-3", 10m, 5);
        var token = _mcp.Token().Build();
        var item = new JsonObject { ["productId"] = "merrell-moab-3", ["size"] = 10, ["quantity"] = 1, ["idempotencyKey"] = "mcp-retry-1" };

        var first = McpSession.Text(await _mcp.ToolResultAsync("purchaseItem", item.DeepClone().AsObject(), token));
        var retry = McpSession.Text(await _mcp.ToolResultAsync("purchaseItem", item.DeepClone().AsObject(), token));

        Assert.Equal(first.GetProperty("id").GetString(), retry.GetProperty("id").GetString());
        Assert.Equal(4, await api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "merrell-moab-3" && s.Size == 10m).Select(s => s.Stock).SingleAsync()));
    }

    [Fact]
    public async Task MalformedJsonRpc_IsAJsonRpcError_NotAServerError()
    {
        var response = await _mcp.PostRawAsync("""{"jsonrpc":"2.0","id":1,"method":""", _mcp.Token().Build());

        // The SDK answers unparseable JSON with HTTP 400 and -32600 (JSON-RPC 2.0 §5.1 would say -32700).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.InRange(error.GetProperty("code").GetInt32(), -32700, -32600);
    }

    private async Task<JsonElement> QuoteAsync(string productId, decimal size)
    {
        var body = $$"""{"productId":"{{productId}}","size":{{size.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"quantity":1}""";
        return await Expect.JsonAsync(await api.PostJsonAsync("/quotes", body, api.Token().Build()), HttpStatusCode.Created);
    }

    private Task<int> OrdersWithApprovalAsync(JwtBuilder token)
    {
        var jti = token.Payload["jti"]!.GetValue<string>();
        return api.WithDbAsync(db => db.Orders.CountAsync(o => o.ApprovalTokenId == jti));
    }

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(actual.GetRawText())),
            $"expected {expected.GetRawText()}\nactual   {actual.GetRawText()}");
}
