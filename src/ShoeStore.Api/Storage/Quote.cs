namespace ShoeStore.Api.Storage;

/// <summary>A price for one purchase, to the customer's address, fixed for 15 minutes.</summary>
internal sealed class Quote : PricedPurchase
{
    public required string Id { get; init; }

    public required string Subject { get; init; }

    public string? DealId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
