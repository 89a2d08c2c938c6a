using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Api.Storage;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// Adds test-only products to the running demo store through the store's own data layer (ShoeStore.Api has no API
/// for the catalog). The store reads the catalog from the database on every request, so the product is found at once.
/// </summary>
internal static class StoreCatalog
{
    private const int PairsPerSize = 10;

    public static async Task AddAsync(DemoSystem system, TestProduct product)
    {
        await using var scope = system.Servers.StoreServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShoeStoreDbContext>();
        db.Products.Add(new Product
        {
            Id = product.Id,
            Brand = product.Brand,
            Model = product.Model,
            Category = product.Category,
            Description = product.Description,
            Price = product.Price,
            Currency = "USD",
            Sizes = [.. product.Sizes.Select(size => new ProductSize { ProductId = product.Id, Size = size, Stock = PairsPerSize })],
        });
        Assert.Equal(1 + product.Sizes.Count, await db.SaveChangesAsync());
    }
}
