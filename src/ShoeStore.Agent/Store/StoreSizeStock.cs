namespace ShoeStore.Agent.Store;

/// <summary>A US size and the pairs in stock.</summary>
internal sealed record StoreSizeStock(decimal Size, int InStock);
