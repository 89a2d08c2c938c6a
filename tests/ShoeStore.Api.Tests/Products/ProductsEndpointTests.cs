using System.Net;
using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Products;

/// <summary>GET /products: public, searchable, filterable by a size in stock.</summary>
public abstract class ProductsEndpointTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : ProductsEndpointTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : ProductsEndpointTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task Products_WithoutToken_ListsTheWholeCatalog()
    {
        var products = await Expect.JsonAsync(await api.GetAsync("/products"), HttpStatusCode.OK);

        Assert.True(products.GetArrayLength() >= 40);
        var categories = products.EnumerateArray().Select(p => p.GetProperty("category").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "running", "trail", "casual", "formal", "kids" }, categories);
    }

    [DatabaseFact]
    public async Task Products_QueryAndSize_FindPegasus41InSize10Point5WithPriceAndStock()
    {
        var products = await Expect.JsonAsync(await api.GetAsync("/products?query=pegasus%2041&size=10.5"), HttpStatusCode.OK);

        var pegasus = Assert.Single(products.EnumerateArray());
        Assert.Equal("nike-pegasus-41", pegasus.GetProperty("id").GetString());
        Assert.Equal("140.00", pegasus.GetProperty("price").GetProperty("value").GetString());
        Assert.Equal("USD", pegasus.GetProperty("price").GetProperty("currency").GetString());
        var size = pegasus.GetProperty("sizes").EnumerateArray().Single(s => s.GetProperty("size").GetDecimal() == 10.5m);
        Assert.True(size.GetProperty("inStock").GetInt32() > 0);
    }

    [DatabaseFact]
    public async Task Products_QueryMatchesCategoryAndBrandCaseInsensitively()
    {
        var products = await Expect.JsonAsync(await api.GetAsync("/products?query=HOKA%20trail"), HttpStatusCode.OK);

        Assert.Equal(["hoka-speedgoat-6"], products.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [DatabaseTheory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Products_LikeWildcardsInQuery_AreMatchedLiterally(string query)
    {
        var products = await Expect.JsonAsync(await api.GetAsync("/products?query=" + Uri.EscapeDataString(query)), HttpStatusCode.OK);

        Assert.Equal(0, products.GetArrayLength());
    }

    [DatabaseFact]
    public async Task Products_SizeFilter_LeavesOutProductsSoldOutInThatSize()
    {
        var soldOut = await api.WithDbAsync(db => db.ProductSizes.AsNoTracking().FirstAsync(s => s.Stock == 0));

        var products = await Expect.JsonAsync(await api.GetAsync($"/products?size={soldOut.Size}"), HttpStatusCode.OK);

        Assert.DoesNotContain(products.EnumerateArray(), p => p.GetProperty("id").GetString() == soldOut.ProductId);
    }

    [DatabaseTheory]
    [InlineData("size=abc", "size")]
    [InlineData("size=10.25", "size")]
    [InlineData("size=-3", "size")]
    [InlineData("size=1e400", "size")]
    [InlineData("size=99", "size")]
    public async Task Products_BadSize_Gets400NamingSize(string queryString, string field)
    {
        await Expect.ValidationErrorAsync(await api.GetAsync("/products?" + queryString), field);
    }

    [DatabaseFact]
    public async Task Products_QueryTooLong_Gets400NamingQuery()
    {
        await Expect.ValidationErrorAsync(await api.GetAsync("/products?query=" + new string('a', 101)), "query");
    }
}
