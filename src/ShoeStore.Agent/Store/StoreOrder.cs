namespace ShoeStore.Agent.Store;

/// <summary>An order of POST /orders and GET /orders.</summary>
internal sealed record StoreOrder(
    string Id, string Status, string ProductId, string ProductName, decimal Size, int Quantity,
    StoreMoney Total, string? Payment, string? Agent, string? QuoteId, DateTimeOffset CreatedAt);
