using System.Net;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Orders;

/// <summary>POST /orders with <c>Idempotency-Key</c>: a retry gets the first result; a different request under the key is 422.</summary>
public abstract class IdempotencyTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : IdempotencyTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : IdempotencyTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    private const string Item = """{"productId":"asics-gel-kayano-31","size":9,"quantity":1}""";

    [DatabaseFact]
    public async Task Retry_WithSameKeyAndBody_ReturnsTheFirstResult()
    {
        await api.SetStockAsync("asics-gel-kayano-31", 9m, 10);
        var token = api.Token().Build();
        var first = await api.PostJsonAsync("/orders", Item, token, "retry-1");
        var firstBody = await first.Content.ReadAsStringAsync();

        // The same meaning in other bytes is the same request.
        var retry = await api.PostJsonAsync("/orders", """{ "quantity": 1, "size": 9.0, "productId": "asics-gel-kayano-31" }""", token, "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(9, await StockAsync());
    }

    [DatabaseFact]
    public async Task SameKey_WithDifferentBody_Gets422()
    {
        await api.SetStockAsync("asics-gel-kayano-31", 9m, 10);
        var token = api.Token().Build();
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/orders", Item, token, "reused-key")).StatusCode);

        var response = await api.PostJsonAsync("/orders", """{"productId":"asics-gel-kayano-31","size":9,"quantity":2}""", token, "reused-key");

        await Expect.ProblemAsync(response, 422);
    }

    [DatabaseFact]
    public async Task SameKey_FromAnotherCustomer_IsANewOrder()
    {
        await api.SetStockAsync("asics-gel-kayano-31", 9m, 10);
        var endUser = await Expect.JsonAsync(await api.PostJsonAsync("/orders", Item, api.Token().Build(), "shared-key"), HttpStatusCode.Created);

        var owner = await Expect.JsonAsync(
            await api.PostJsonAsync("/orders", Item, api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build(), "shared-key"), HttpStatusCode.Created);

        Assert.NotEqual(endUser.GetProperty("id").GetString(), owner.GetProperty("id").GetString());
    }

    [DatabaseFact]
    public async Task FiftyConcurrentIdenticalRequests_PlaceOneOrder_AndAllGetIt()
    {
        await api.SetStockAsync("asics-gel-kayano-31", 9m, 10);
        var builder = api.Token();
        var jti = builder.Payload["jti"]!.GetValue<string>();
        var token = builder.Build();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.PostJsonAsync("/orders", Item, token, "concurrent-key")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.ApprovalTokenId == jti)));
        Assert.Equal(9, await StockAsync());
    }

    [DatabaseTheory]
    [InlineData("\"\"")]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task BadKey_Gets400NamingTheHeader(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(Item, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await Expect.ValidationErrorAsync(await api.SendAsync(request, api.Token().Build()), "Idempotency-Key");
    }

    [DatabaseFact]
    public async Task KeyLongerThan255_Gets400NamingTheHeader()
    {
        await Expect.ValidationErrorAsync(await api.PostJsonAsync("/orders", Item, api.Token().Build(), new string('k', 256)), "Idempotency-Key");
    }

    private Task<int> StockAsync() =>
        api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "asics-gel-kayano-31" && s.Size == 9m).Select(s => s.Stock).SingleAsync());
}
