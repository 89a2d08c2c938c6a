using System.Net;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Orders;

/// <summary>POST /orders, GET /orders, GET /orders/{id}: scope <c>payment</c>, for the customer, placed by the agent.</summary>
public abstract class OrdersEndpointTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : OrdersEndpointTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : OrdersEndpointTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task Order_FromQuote_IsConfirmedWithAgentCustomerMaskedCardAndApproval()
    {
        await api.SetStockAsync("hoka-clifton-9", 9.5m, 5);
        var quote = await Expect.JsonAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"hoka-clifton-9","size":9.5,"quantity":1}""", api.Token().Build()), HttpStatusCode.Created);
        var token = api.Token();
        var quoteId = quote.GetProperty("id").GetString();

        var response = await api.PostJsonAsync("/orders", $$"""{"quoteId":"{{quoteId}}"}""", token.Build(), "order-from-quote");

        var order = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/orders/{order.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        Assert.Equal("confirmed", order.GetProperty("status").GetString());
        Assert.Equal("ai-agent", order.GetProperty("agent").GetString());
        Assert.Equal(JwtBuilder.EndUser, order.GetProperty("customer").GetString());
        Assert.Equal("Visa •••• 4242", order.GetProperty("payment").GetString());
        Assert.Equal(token.Payload["jti"]!.GetValue<string>(), order.GetProperty("approval").GetProperty("tokenId").GetString());
        Assert.Equal(quoteId, order.GetProperty("quoteId").GetString());
        Assert.Equal(quote.GetProperty("total").GetProperty("value").GetString(), order.GetProperty("total").GetProperty("value").GetString());
    }

    [DatabaseFact]
    public async Task Order_RecordsHowTheCustomerApproved_TheTokensAmr()
    {
        await api.SetStockAsync("hoka-clifton-9", 10m, 5);
        var token = api.Token().WithClaim("amr", new System.Text.Json.Nodes.JsonArray("pop", "user")).Build();
        var order = await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", """{"productId":"hoka-clifton-9","size":10,"quantity":1}""", token), HttpStatusCode.Created);
        Assert.Equal(["pop", "user"], order.GetProperty("approval").GetProperty("amr").EnumerateArray().Select(a => a.GetString()));

        var listed = (await Expect.JsonAsync(await api.GetAsync("/orders", api.Token().Build()), HttpStatusCode.OK)).EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == order.GetProperty("id").GetString());
        Assert.Equal(["pop", "user"], listed.GetProperty("approval").GetProperty("amr").EnumerateArray().Select(a => a.GetString()));

        var withoutAmr = await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", """{"productId":"hoka-clifton-9","size":10,"quantity":1}""", api.Token().Build()), HttpStatusCode.Created);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, withoutAmr.GetProperty("approval").GetProperty("amr").ValueKind);
    }

    [DatabaseFact]
    public async Task Order_WithAMalformedAmr_IsRefused()
    {
        await api.SetStockAsync("hoka-clifton-9", 10m, 5);
        var token = api.Token().WithClaim("amr", "pwd").Build();
        var response = await api.PostJsonAsync("/orders", """{"productId":"hoka-clifton-9","size":10,"quantity":1}""", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [DatabaseFact]
    public async Task Order_TakesTheQuantityFromStock()
    {
        await api.SetStockAsync("adidas-ultraboost-5", 11m, 5);

        await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", """{"productId":"adidas-ultraboost-5","size":11,"quantity":2}""", api.Token().Build()),
            HttpStatusCode.Created);

        Assert.Equal(3, await StockAsync("adidas-ultraboost-5", 11m));
    }

    [DatabaseFact]
    public async Task Orders_List_ShowsTheCustomersOrdersWithTheAgent_NotOtherCustomers()
    {
        await api.SetStockAsync("vans-old-skool", 10m, 5);
        var placed = await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", """{"productId":"vans-old-skool","size":10,"quantity":1}""", api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build()),
            HttpStatusCode.Created);
        var id = placed.GetProperty("id").GetString();

        var ownerOrders = await Expect.JsonAsync(await api.GetAsync("/orders", api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build()), HttpStatusCode.OK);
        var endUserOrders = await Expect.JsonAsync(await api.GetAsync("/orders", api.Token().Build()), HttpStatusCode.OK);

        var listed = ownerOrders.EnumerateArray().Single(o => o.GetProperty("id").GetString() == id);
        Assert.Equal("ai-agent", listed.GetProperty("agent").GetString());
        Assert.Equal("Mastercard •••• 4444", listed.GetProperty("payment").GetString());
        Assert.DoesNotContain(endUserOrders.EnumerateArray(), o => o.GetProperty("id").GetString() == id);
    }

    [DatabaseFact]
    public async Task Order_GetById_OwnIsShown_AnotherCustomersIs404()
    {
        await api.SetStockAsync("new-balance-574", 8m, 5);
        var placed = await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", """{"productId":"new-balance-574","size":8,"quantity":1}""", api.Token().Build()), HttpStatusCode.Created);
        var path = $"/orders/{placed.GetProperty("id").GetString()}";

        await Expect.JsonAsync(await api.GetAsync(path, api.Token().Build()), HttpStatusCode.OK);
        await Expect.ProblemAsync(await api.GetAsync(path, api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build()), 404);
    }

    [DatabaseFact]
    public async Task Order_AnotherCustomersQuote_Gets404()
    {
        await api.SetStockAsync("hoka-clifton-9", 10m, 5);
        var quote = await Expect.JsonAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"hoka-clifton-9","size":10,"quantity":1}""", api.Token().Build()), HttpStatusCode.Created);

        var response = await api.PostJsonAsync("/orders", $$"""{"quoteId":"{{quote.GetProperty("id").GetString()}}"}""",
            api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build());

        await Expect.ProblemAsync(response, 404);
    }

    [DatabaseTheory]
    [InlineData("""{"quoteId":"q_1","productId":"nike-pegasus-41"}""", "quoteId")]
    [InlineData("""{"quoteId":""}""", "quoteId")]
    [InlineData("""{}""", "productId")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5,"quantity":-1}""", "quantity")]
    public async Task Order_InvalidBody_Gets400NamingTheField(string body, string field)
    {
        await Expect.ValidationErrorAsync(await api.PostJsonAsync("/orders", body, api.Token().Build()), field);
    }

    [DatabaseFact]
    public async Task Order_ForCustomerTheStoreNeverSaw_Gets409()
    {
        var token = api.Token().WithClaim("sub", "someone-new");

        await Expect.ProblemAsync(await api.PostJsonAsync("/orders", """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""", token.Build()), 409);
        Assert.Equal(0, (await Expect.JsonAsync(await api.GetAsync("/orders", token.Build()), HttpStatusCode.OK)).GetArrayLength());
    }

    private Task<int> StockAsync(string productId, decimal size) =>
        api.WithDbAsync(db => db.ProductSizes.AsNoTracking().Where(s => s.ProductId == productId && s.Size == size).Select(s => s.Stock).SingleAsync());
}
