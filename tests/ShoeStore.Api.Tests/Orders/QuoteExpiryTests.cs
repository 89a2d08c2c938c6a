using System.Net;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Orders;

/// <summary>A quote holds its price for 15 minutes, then an order from it is refused with 410.</summary>
public abstract class QuoteExpiryTests(StoreApiFactory api) : IAsyncLifetime
{
    private readonly StoreApiFactory _api = api;

    public sealed class OnSqlite() : QuoteExpiryTests(new SqliteStoreApiFactory());

    [RequiresPostgreSql]
    public sealed class OnPostgreSql() : QuoteExpiryTests(new PostgreSqlStoreApiFactory());

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_api).DisposeAsync();

    [DatabaseTheory]
    [InlineData(14, HttpStatusCode.Created)]
    [InlineData(15, HttpStatusCode.Gone)]
    [InlineData(16, HttpStatusCode.Gone)]
    public async Task Order_FromQuote_IsPlacedWithinFifteenMinutes_ThenGone(int minutesLater, HttpStatusCode expected)
    {
        var quote = await Expect.JsonAsync(
            await _api.PostJsonAsync("/quotes", """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""", _api.Token().Build()), HttpStatusCode.Created);

        _api.Time.Advance(TimeSpan.FromMinutes(minutesLater));
        var response = await _api.PostJsonAsync("/orders", $$"""{"quoteId":"{{quote.GetProperty("id").GetString()}}"}""", _api.Token().Build());

        Assert.Equal(expected, response.StatusCode);
    }
}
