using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>An order as the model sees it (purchaseItem's result, and each of getOrders').</summary>
internal sealed record OrderResult(
    string OrderId, string Status, string ProductId, string ProductName, decimal Size, int Quantity, StoreMoney Total,
    string? Payment, string? PlacedBy, DateTimeOffset CreatedAt);
