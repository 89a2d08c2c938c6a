namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>A product a test adds to the store's catalog: list price in USD, the US sizes in stock (10 pairs each).</summary>
internal sealed record TestProduct(string Id, string Brand, string Model, string Category, string Description, decimal Price, IReadOnlyList<decimal> Sizes);
