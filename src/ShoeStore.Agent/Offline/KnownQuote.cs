namespace ShoeStore.Agent.Offline;

/// <summary>The latest quote seen in a tool result.</summary>
internal sealed record KnownQuote(string QuoteId, string ProductId, decimal Size, int Quantity);
