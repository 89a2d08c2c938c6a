namespace ShoeStore.Agent.Store;

/// <summary>The body of POST /quotes.</summary>
internal sealed record QuoteRequestBody(string ProductId, decimal Size, int Quantity);
