using System.Net;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Quotes;

/// <summary>POST /quotes and GET /quotes/{id}: price after deals, shipping and tax to the address on file.</summary>
public abstract class QuotesEndpointTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : QuotesEndpointTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : QuotesEndpointTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task Quote_ForEndUserInOregon_AppliesDealNoTaxFreeShipping_ValidFifteenMinutes()
    {
        var response = await api.PostJsonAsync("/quotes", """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""", api.Token().Build());

        var quote = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("140.00", quote.GetProperty("unitPrice").GetProperty("value").GetString());
        Assert.Equal("14.00", quote.GetProperty("discount").GetProperty("value").GetString());
        Assert.Equal("Pegasus week", quote.GetProperty("deal").GetString());
        Assert.Equal("126.00", quote.GetProperty("subtotal").GetProperty("value").GetString());
        Assert.Equal("0.00", quote.GetProperty("shipping").GetProperty("value").GetString());
        Assert.Equal("0.00", quote.GetProperty("tax").GetProperty("value").GetString());
        Assert.Equal("126.00", quote.GetProperty("total").GetProperty("value").GetString());
        Assert.Equal("Portland", quote.GetProperty("shipTo").GetProperty("city").GetString());
        Assert.Equal(TimeSpan.FromMinutes(15), quote.GetProperty("expiresAt").GetDateTimeOffset() - quote.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal($"/quotes/{quote.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
    }

    [DatabaseFact]
    public async Task Quote_ForAppOwnerInWashington_AddsShippingUnder100AndStateTax()
    {
        await api.SetStockAsync("converse-chuck-taylor-all-star", 9m, 5);
        var token = api.Token().WithClaim("sub", JwtBuilder.AppOwner);

        var quote = await Expect.JsonAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"converse-chuck-taylor-all-star","size":9,"quantity":1}""", token.Build()),
            HttpStatusCode.Created);

        Assert.Equal("7.95", quote.GetProperty("shipping").GetProperty("value").GetString());
        Assert.Equal("4.23", quote.GetProperty("tax").GetProperty("value").GetString());
        Assert.Equal("77.18", quote.GetProperty("total").GetProperty("value").GetString());
    }

    [DatabaseFact]
    public async Task Quote_GetById_ShowsOwnQuote_AndHidesItFromAnotherCustomer()
    {
        await api.SetStockAsync("brooks-ghost-16", 9m, 5);
        var created = await Expect.JsonAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"brooks-ghost-16","size":9,"quantity":2}""", api.Token().Build()), HttpStatusCode.Created);
        var path = $"/quotes/{created.GetProperty("id").GetString()}";

        var own = await Expect.JsonAsync(await api.GetAsync(path, api.Token().Build()), HttpStatusCode.OK);
        var other = await api.GetAsync(path, api.Token().WithClaim("sub", JwtBuilder.AppOwner).Build());

        Assert.Equal(created.GetProperty("total").GetProperty("value").GetString(), own.GetProperty("total").GetProperty("value").GetString());
        await Expect.ProblemAsync(other, 404);
    }

    [DatabaseFact]
    public async Task Quote_ForCustomerTheStoreNeverSaw_Gets409CustomerNotFound()
    {
        var token = api.Token().WithClaim("sub", "0b7f3a1e-unknown-person");

        var problem = await Expect.ProblemAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""", token.Build()), 409);

        Assert.EndsWith("/customer-not-found", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Quote_UnknownProduct_Gets404()
    {
        await Expect.ProblemAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"nike-pegasus-99","size":10.5,"quantity":1}""", api.Token().Build()), 404);
    }

    [DatabaseFact]
    public async Task Quote_SizeNotOffered_Gets400NamingSize()
    {
        await Expect.ValidationErrorAsync(
            await api.PostJsonAsync("/quotes", """{"productId":"nike-pegasus-41","size":3,"quantity":1}""", api.Token().Build()), "size");
    }

    [DatabaseFact]
    public async Task Quote_SoldOutSize_Gets409OutOfStock()
    {
        var soldOut = await api.WithDbAsync(db => db.ProductSizes.AsNoTracking().FirstAsync(s => s.Stock == 0));
        var body = $$"""{"productId":"{{soldOut.ProductId}}","size":{{soldOut.Size}},"quantity":1}""";

        var problem = await Expect.ProblemAsync(await api.PostJsonAsync("/quotes", body, api.Token().Build()), 409);

        Assert.EndsWith("/out-of-stock", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [DatabaseTheory]
    [InlineData("""{"size":10.5,"quantity":1}""", "productId")]
    [InlineData("""{"productId":"nike-pegasus-41","quantity":1}""", "size")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5}""", "quantity")]
    [InlineData("""{"productId":"Nike Pegasus","size":10.5,"quantity":1}""", "productId")]
    [InlineData("""{"productId":"nike-pegasus-41","size":"big","quantity":1}""", "size")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5,"quantity":1.5}""", "quantity")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5,"quantity":0}""", "quantity")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5,"quantity":11}""", "quantity")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.5,"quantity":99999999999}""", "quantity")]
    [InlineData("""{"productId":42,"size":10.5,"quantity":1}""", "productId")]
    [InlineData("""{"productId":"nike-pegasus-41","size":10.3,"quantity":1}""", "size")]
    public async Task Quote_InvalidField_Gets400NamingTheField(string body, string field)
    {
        await Expect.ValidationErrorAsync(await api.PostJsonAsync("/quotes", body, api.Token().Build()), field);
    }
}
