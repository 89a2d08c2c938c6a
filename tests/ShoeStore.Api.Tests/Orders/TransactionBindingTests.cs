using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Orders;

/// <summary>
/// Orders under a token with <c>shoe_purchase</c> authorization details (RFC 9396): they must match what the
/// customer approved, and one approval places at most one order.
/// </summary>
public abstract class TransactionBindingTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : TransactionBindingTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : TransactionBindingTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    private const string Pegasus = """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""";

    [DatabaseFact]
    public async Task Order_MatchingTheApproval_IsPlacedAndRecordsTheApproval()
    {
        await api.SetStockAsync("nike-pegasus-41", 10.5m, 10);
        var token = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 1, "140.00");

        var order = await Expect.JsonAsync(await api.PostJsonAsync("/orders", Pegasus, token.Build()), HttpStatusCode.Created);

        var approved = order.GetProperty("approval").GetProperty("authorizationDetails")[0];
        Assert.Equal("shoe_purchase", approved.GetProperty("type").GetString());
        Assert.Equal("140.00", approved.GetProperty("max_amount").GetProperty("value").GetString());
    }

    [DatabaseFact]
    public async Task Order_FewerPairsThanApproved_IsPlaced()
    {
        await api.SetStockAsync("nike-pegasus-41", 10.5m, 10);
        var token = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 2, "300.00");

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/orders", Pegasus, token.Build())).StatusCode);
    }

    [DatabaseTheory]
    [InlineData("nike-vomero-18", 10.5, 1, "140.00", "USD", "product_id")]
    [InlineData("nike-pegasus-41", 11, 1, "140.00", "USD", "size")]
    [InlineData("nike-pegasus-41", 10.5, 1, "100.00", "USD", "max_amount")]
    [InlineData("nike-pegasus-41", 10.5, 1, "140.00", "EUR", "EUR")]
    public async Task Order_NotMatchingTheApproval_Gets403ApprovalMismatch(string productId, decimal size, int quantity, string max, string currency, string named)
    {
        await api.SetStockAsync("nike-pegasus-41", 10.5m, 10);
        var token = api.Token().WithPurchase(productId, size, quantity, max, currency);

        var response = await api.PostJsonAsync("/orders", Pegasus, token.Build());

        var problem = await Expect.InsufficientScopeAsync(response, "payment");
        Assert.EndsWith("/approval-mismatch", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Order_MorePairsThanApproved_Gets403()
    {
        var token = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 1, "999.00");

        var response = await api.PostJsonAsync("/orders", """{"productId":"nike-pegasus-41","size":10.5,"quantity":2}""", token.Build());

        await Expect.InsufficientScopeAsync(response, "payment");
    }

    [DatabaseTheory]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":"10.5","quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":140}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":0,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"payment_initiation","instructedAmount":{"currency":"USD","amount":"140.00"}}]""")]
    [InlineData("""["shoe_purchase"]""")]
    public async Task Order_UnderMalformedOrForeignAuthorizationDetails_Gets403(string details)
    {
        var token = api.Token().WithClaim("authorization_details", JsonNode.Parse(details));

        var response = await api.PostJsonAsync("/orders", Pegasus, token.Build());

        await Expect.InsufficientScopeAsync(response, "payment");
    }

    [DatabaseFact]
    public async Task Order_AuthorizationDetailsNotAnArray_Gets401InvalidToken()
    {
        var token = api.Token().WithClaim("authorization_details", new JsonObject { ["type"] = "shoe_purchase" });

        await Expect.InvalidTokenAsync(await api.PostJsonAsync("/orders", Pegasus, token.Build()));
    }

    [DatabaseFact]
    public async Task SecondOrder_WithTheSameApproval_Gets403ApprovalAlreadyUsed()
    {
        await api.SetStockAsync("nike-pegasus-41", 10.5m, 10);
        var token = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 1, "140.00").Build();
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/orders", Pegasus, token, "first")).StatusCode);

        var second = await api.PostJsonAsync("/orders", Pegasus, token, "second");

        var problem = await Expect.InsufficientScopeAsync(second, "payment");
        Assert.EndsWith("/approval-already-used", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task FiftyConcurrentOrders_WithOneApproval_PlaceExactlyOneOrder()
    {
        await api.SetStockAsync("nike-pegasus-41", 10.5m, 100);
        var token = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 1, "140.00");
        var jti = token.Payload["jti"]!.GetValue<string>();
        var built = token.Build();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.PostJsonAsync("/orders", Pegasus, built)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(1, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.ApprovalTokenId == jti)));
        Assert.Equal(99, await api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "nike-pegasus-41" && s.Size == 10.5m).Select(s => s.Stock).SingleAsync()));
    }
}
