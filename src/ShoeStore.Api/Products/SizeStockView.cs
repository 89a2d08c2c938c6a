namespace ShoeStore.Api.Products;

/// <summary>One US size and the pairs in stock.</summary>
internal sealed record SizeStockView(decimal Size, int InStock);
