namespace ShoeStore.Agent.Store;

/// <summary>A quote of POST /quotes.</summary>
internal sealed record StoreQuote(
    string Id, string ProductId, string ProductName, decimal Size, int Quantity,
    StoreMoney UnitPrice, StoreMoney Discount, string? Deal, StoreMoney Subtotal, StoreMoney Shipping, StoreMoney Tax, StoreMoney Total,
    StoreShipTo? ShipTo, DateTimeOffset ExpiresAt);
