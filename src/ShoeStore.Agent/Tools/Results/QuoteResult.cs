using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>The result of getTailoredQuote. The street address stays out: the model sees city, region and country only.</summary>
internal sealed record QuoteResult(
    string QuoteId, string ProductId, string ProductName, decimal Size, int Quantity,
    StoreMoney UnitPrice, StoreMoney Discount, string? Deal, StoreMoney Subtotal, StoreMoney Shipping, StoreMoney Tax, StoreMoney Total,
    string? ShipsTo, DateTimeOffset ExpiresAt);
