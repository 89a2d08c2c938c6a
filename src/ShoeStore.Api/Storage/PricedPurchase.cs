namespace ShoeStore.Api.Storage;

/// <summary>
/// What is bought and what it costs, every amount in <see cref="Currency"/>: the columns a <see cref="Quote"/> and an
/// <see cref="Order"/> share. Not an entity type: EF Core maps these properties into each derived type's own table.
/// </summary>
internal abstract class PricedPurchase
{
    public required string ProductId { get; init; }

    public decimal Size { get; init; }

    public int Quantity { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }

    /// <summary>List price of one pair.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>Deal discount on one pair.</summary>
    public decimal Discount { get; init; }

    /// <summary>(unit price − discount) × quantity.</summary>
    public decimal Subtotal { get; init; }

    public decimal Shipping { get; init; }

    /// <summary>Sales tax on the subtotal.</summary>
    public decimal Tax { get; init; }

    /// <summary>Subtotal + shipping + tax: what the card is charged.</summary>
    public decimal Total { get; init; }
}
