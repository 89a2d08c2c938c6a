namespace ShoeStore.Agent.Store;

/// <summary>A product of GET /products.</summary>
internal sealed record StoreProduct(
    string Id, string Brand, string Model, string Category, string? Description, StoreMoney Price, IReadOnlyList<StoreSizeStock>? Sizes);
