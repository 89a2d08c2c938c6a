using System.Net;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Orders;

/// <summary>Stock never goes below zero: the last pair, wanted by 50 buyers at once, is sold once.</summary>
public abstract class OversellTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : OversellTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : OversellTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task LastPair_UnderFiftyConcurrentBuyers_IsSoldOnce()
    {
        await api.SetStockAsync("veja-v-10", 8.5m, 1);
        var buyers = Enumerable.Range(0, 50).Select(i => (Token: api.Token().Build(), Key: $"buyer-{i}")).ToList();

        var responses = await Task.WhenAll(buyers.Select(b =>
            api.PostJsonAsync("/orders", """{"productId":"veja-v-10","size":8.5,"quantity":1}""", b.Token, b.Key)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "veja-v-10" && s.Size == 8.5m).Select(s => s.Stock).SingleAsync()));
        Assert.Equal(1, await api.WithDbAsync(db => db.Orders.CountAsync(o => o.ProductId == "veja-v-10" && o.Size == 8.5m)));
    }
}
