namespace ShoeStore.Agent.Tools.Results;

/// <summary>The result of getAvailableDeals.</summary>
internal sealed record DealsResult(int Count, IReadOnlyList<DealItem> Deals);
