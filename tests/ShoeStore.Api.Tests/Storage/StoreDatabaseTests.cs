using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage.Seed;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>The migrations, the constraints and the seeded data.</summary>
public sealed class StoreDatabaseTests(StoreApiFactory api) : IClassFixture<StoreApiFactory>
{
    [Fact]
    public async Task Migrations_CoverTheModel()
    {
        await api.GetAsync("/products");

        Assert.False(await api.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
        Assert.Empty(await api.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task Stock_CannotBeSetBelowZero()
    {
        await api.GetAsync("/products");

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "nike-pegasus-41").ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, -1))));
    }

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

    [Fact]
    public async Task EndUser_HasAnAddressAndOnlyAMaskedCard()
    {
        await api.GetAsync("/products");

        var customer = await api.WithDbAsync(db => db.Customers.SingleAsync(c => c.Subject == CustomerSeed.EndUserSubject));

        Assert.Equal("Visa •••• 4242", customer.Card.Masked);
        Assert.Equal("OR", customer.ShippingAddress.Region);
        Assert.Equal(4, customer.Card.Last4.Length);
    }
}
