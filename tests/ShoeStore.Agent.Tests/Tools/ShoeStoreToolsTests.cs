using System.Net;
using System.Text.Json;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tests.Fakes;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Tools;

public sealed class ShoeStoreToolsTests
{
    private readonly FakeStoreHandler _store = new();
    private readonly QuoteBook _quotes = new();
    private readonly CatalogMemory _catalog = new();
    private readonly ShoeStoreTools _tools;
    private int _keys;

    public ShoeStoreToolsTests()
    {
        var http = new HttpClient(new ToolTokenHandler { InnerHandler = _store }) { BaseAddress = new Uri("http://store.test/") };
        var client = new StoreApiClient(http);
        _tools = new ShoeStoreTools(() => client, _quotes, _catalog, () => "key-" + Interlocked.Increment(ref _keys));
    }

    [Fact]
    public async Task GetProducts_SendsQueryAndSizeWithoutAToken_AndListsSizesInStock()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Products);

        var result = await Invoke(ToolNames.GetProducts, new() { ["query"] = "running nike", ["size"] = 10.5m });

        var request = Assert.Single(_store.Requests);
        Assert.Equal(("GET", "/products?query=running%20nike&size=10.5", (string?)null), (request.Method, request.PathAndQuery, request.Authorization));
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        var first = result.GetProperty("products")[0];
        Assert.Equal("nike-pegasus-41", first.GetProperty("id").GetString());
        Assert.Equal([10m, 10.5m], first.GetProperty("sizesInStock").EnumerateArray().Select(s => s.GetDecimal()));
        Assert.Equal("Nike Air Zoom Pegasus 41", _catalog.NameOf("nike-pegasus-41"));
    }

    [Fact]
    public async Task GetAvailableDeals_SendsTheCallsTokenAsBearer()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Deals);

        JsonElement result;
        using (ToolTokenAccessor.BeginScope(new ToolAccessToken("prices-token")))
        {
            result = await Invoke(ToolNames.GetAvailableDeals, []);
        }

        var request = Assert.Single(_store.Requests);
        Assert.Equal(("GET", "/deals", "Bearer prices-token"), (request.Method, request.PathAndQuery, request.Authorization));
        Assert.Equal("Pegasus week", result.GetProperty("deals")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetTailoredQuote_PostsTheItem_RemembersTheQuote_AndKeepsTheStreetFromTheModel()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Quote, HttpStatusCode.Created);

        var result = await Invoke(ToolNames.GetTailoredQuote, new() { ["productId"] = "nike-pegasus-41", ["size"] = 10m, ["quantity"] = 1 });

        var request = Assert.Single(_store.Requests);
        Assert.Equal(("POST", "/quotes", "application/json"), (request.Method, request.PathAndQuery, request.ContentType));
        Assert.Equal("""{"productId":"nike-pegasus-41","size":10,"quantity":1}""", request.Body);
        Assert.Equal("q_1", result.GetProperty("quoteId").GetString());
        Assert.Equal("Austin, TX, US", result.GetProperty("shipsTo").GetString());
        Assert.DoesNotContain("Secret Street", result.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("137.03", _quotes.Find("q_1")?.Total.Value);
    }

    [Fact]
    public async Task PurchaseItem_PostsTheQuoteWithAFreshIdempotencyKeyEachTime()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Order, HttpStatusCode.Created);

        var result = await Invoke(ToolNames.PurchaseItem, new() { ["quoteId"] = "q_1" });
        await Invoke(ToolNames.PurchaseItem, new() { ["quoteId"] = "q_1" });

        var requests = _store.Requests.ToList();
        Assert.Equal(("POST", "/orders", """{"quoteId":"q_1"}"""), (requests[0].Method, requests[0].PathAndQuery, requests[0].Body));
        Assert.Equal(["key-1", "key-2"], requests.Select(r => r.IdempotencyKey));
        Assert.Equal("o_1", result.GetProperty("orderId").GetString());
        Assert.Equal("ai-agent", result.GetProperty("placedBy").GetString());
    }

    [Fact]
    public async Task GetOrders_ListsTheCustomersOrders()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Orders);

        var result = await Invoke(ToolNames.GetOrders, []);

        Assert.Equal(("GET", "/orders"), (_store.Requests.Single().Method, _store.Requests.Single().PathAndQuery));
        Assert.Equal(1, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Problem_OutOfStock_BecomesAPoliteErrorNamedByItsType()
    {
        _store.Respond = _ => FakeStoreHandler.Problem(HttpStatusCode.Conflict,
            """{"type":"https://shoestore.example/problems/out-of-stock","title":"Out of stock","status":409,"detail":"Only 0 pair(s) of nike-pegasus-41 in US size 10 are in stock."}""");

        var result = await Invoke(ToolNames.GetTailoredQuote, new() { ["productId"] = "nike-pegasus-41", ["size"] = 10m });

        Assert.Equal("out_of_stock", result.GetProperty("error").GetString());
        Assert.Equal("The store could not do that: Only 0 pair(s) of nike-pegasus-41 in US size 10 are in stock.", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Problem_Validation_NamesTheFieldsToFix()
    {
        _store.Respond = _ => FakeStoreHandler.Problem(HttpStatusCode.BadRequest,
            """{"type":"https://shoestore.example/problems/validation","title":"The request is not valid","status":400,"detail":"See errors for the fields to fix.","errors":{"size":["nike-pegasus-41 does not come in US size 30."]}}""");

        var result = await Invoke(ToolNames.GetTailoredQuote, new() { ["productId"] = "nike-pegasus-41", ["size"] = 30m });

        Assert.Equal("validation", result.GetProperty("error").GetString());
        Assert.Contains("size: nike-pegasus-41 does not come in US size 30.", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_ApprovalAlreadyUsed_IsPassedOnWithTheStoresExplanation()
    {
        _store.Respond = _ =>
        {
            var response = FakeStoreHandler.Problem(HttpStatusCode.Forbidden,
                """{"type":"https://shoestore.example/problems/approval-already-used","title":"Approval already used","status":403,"detail":"This approval (access token) already placed an order; each approval buys once. Ask the customer to approve again."}""");
            response.Headers.WwwAuthenticate.ParseAdd("Bearer error=\"insufficient_scope\", scope=\"payment\"");
            return response;
        };

        var result = await Invoke(ToolNames.PurchaseItem, new() { ["quoteId"] = "q_1" });

        Assert.Equal("approval_already_used", result.GetProperty("error").GetString());
        Assert.Contains("Ask the customer to approve again.", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_WithoutABody_SaysTheCredentialsWereRefused()
    {
        _store.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ParseAdd("Bearer error=\"invalid_token\", error_description=\"The token expired\"");
            return response;
        };

        var result = await Invoke(ToolNames.GetOrders, []);

        Assert.Equal("invalid_token", result.GetProperty("error").GetString());
        Assert.Equal("The store did not accept the assistant's credentials (invalid_token).", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task StoreUnreachable_BecomesAnErrorResultNotAnException()
    {
        _store.Respond = _ => throw new HttpRequestException("Connection refused");

        var result = await Invoke(ToolNames.GetProducts, []);

        Assert.Equal("store_unavailable", result.GetProperty("error").GetString());
    }

    [Fact]
    public void Tools_HaveTheTutorialsNamesAndDescriptions()
    {
        Assert.Equal(
            [ToolNames.GetProducts, ToolNames.GetAvailableDeals, ToolNames.GetTailoredQuote, ToolNames.PurchaseItem, ToolNames.GetOrders],
            _tools.All.Select(t => t.Name));
        Assert.All(_tools.All, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        Assert.Contains("quoteId", _tools.All.Single(t => t.Name == ToolNames.PurchaseItem).JsonSchema.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Invoke(string name, Dictionary<string, object?> arguments)
    {
        var result = await _tools.All.Single(t => t.Name == name).InvokeAsync(new AIFunctionArguments(arguments));
        return Assert.IsType<JsonElement>(result);
    }
}
