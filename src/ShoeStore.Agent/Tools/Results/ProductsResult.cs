namespace ShoeStore.Agent.Tools.Results;

/// <summary>The result of getProducts: how many matched, and the first of them.</summary>
internal sealed record ProductsResult(int Count, string? Query, decimal? Size, IReadOnlyList<ProductItem> Products);
