using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>A product as the model sees it.</summary>
internal sealed record ProductItem(string Id, string Brand, string Model, string Category, StoreMoney Price, IReadOnlyList<decimal> SizesInStock, string? Description);
