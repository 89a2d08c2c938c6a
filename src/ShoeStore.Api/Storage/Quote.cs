namespace ShoeStore.Api.Storage;

/// <summary>A price for one purchase, to the customer's address, fixed for 15 minutes.</summary>
internal sealed class Quote
{
    public required string Id { get; init; }

    public required string Subject { get; init; }

    public required string ProductId { get; init; }

    public decimal Size { get; init; }

    public int Quantity { get; init; }

    public required string Currency { get; init; }

    public decimal UnitPrice { get; init; }

    public decimal Discount { get; init; }

    public decimal Subtotal { get; init; }

    public decimal Shipping { get; init; }

    public decimal Tax { get; init; }

    public decimal Total { get; init; }

    public string? DealId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
