namespace ShoeStore.Agent.Store;

/// <summary>A deal of GET /deals.</summary>
internal sealed record StoreDeal(
    string Id, string ProductId, string Brand, string Model, string Title, int PercentOff,
    StoreMoney ListPrice, StoreMoney DealPrice, DateTimeOffset EndsAt);
