using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Products;

/// <summary>A product as GET /products shows it: list price (deals need the <c>prices</c> scope) and stock per size.</summary>
internal sealed record ProductView(
    string Id, string Brand, string Model, string Category, string Description, Money Price, IReadOnlyList<SizeStockView> Sizes)
{
    public static ProductView From(Product product) => new(
        product.Id, product.Brand, product.Model, product.Category, product.Description,
        new Money(product.Currency, product.Price),
        [.. product.Sizes.OrderBy(s => s.Size).Select(s => new SizeStockView(s.Size, s.Stock))]);
}
