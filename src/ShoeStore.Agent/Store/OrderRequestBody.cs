namespace ShoeStore.Agent.Store;

/// <summary>The body of POST /orders for a quoted purchase.</summary>
internal sealed record OrderRequestBody(string QuoteId);
