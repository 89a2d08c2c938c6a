namespace ShoeStore.Api.Storage;

/// <summary>One US size of a product and the pairs in stock. Stock never goes below zero (a CHECK constraint and a conditional UPDATE).</summary>
internal sealed class ProductSize
{
    public required string ProductId { get; init; }

    /// <summary>US size; halves allowed (stored as tenths).</summary>
    public decimal Size { get; init; }

    public int Stock { get; set; }
}
