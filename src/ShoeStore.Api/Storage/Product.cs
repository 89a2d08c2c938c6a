namespace ShoeStore.Api.Storage;

/// <summary>A shoe model in the catalog.</summary>
internal sealed class Product
{
    /// <summary>Stable slug, e.g. <c>nike-pegasus-41</c>; the <c>product_id</c> of a <c>shoe_purchase</c> approval.</summary>
    public required string Id { get; init; }

    public required string Brand { get; set; }

    public required string Model { get; set; }

    /// <summary>The name customers see, "Brand Model": the <c>product_name</c> of a <c>shoe_purchase</c> approval.</summary>
    public string Name => $"{Brand} {Model}";

    /// <summary>running, trail, casual, formal, kids, walking.</summary>
    public required string Category { get; set; }

    public required string Description { get; set; }

    /// <summary>List price per pair.</summary>
    public decimal Price { get; set; }

    /// <summary>ISO 4217 code of <see cref="Price"/>.</summary>
    public required string Currency { get; set; }

    public List<ProductSize> Sizes { get; init; } = [];
}
