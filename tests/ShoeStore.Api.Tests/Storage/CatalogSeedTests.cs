using ShoeStore.Api.Storage.Seed;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>The seeded catalog, as data (no database).</summary>
public sealed class CatalogSeedTests
{
    [Fact]
    public void Catalog_HasFortyShoesAcrossCategoriesWithStockPerSize()
    {
        var products = CatalogSeed.Products();

        Assert.True(products.Count >= 40);
        Assert.Equal(products.Count, products.Select(p => p.Id).Distinct().Count());
        Assert.Superset(new HashSet<string> { "running", "trail", "casual", "formal", "kids" }, products.Select(p => p.Category).ToHashSet());
        Assert.All(products, p => Assert.NotEmpty(p.Sizes));
        Assert.Contains(products.Single(p => p.Id == "nike-pegasus-41").Sizes, s => s.Size == 10.5m && s.Stock > 0);
        Assert.Contains(products.SelectMany(p => p.Sizes), s => s.Stock == 0);
    }
}
