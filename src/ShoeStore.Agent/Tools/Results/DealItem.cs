using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>A deal as the model sees it.</summary>
internal sealed record DealItem(string DealId, string ProductId, string Product, string Title, int PercentOff, StoreMoney ListPrice, StoreMoney DealPrice, DateTimeOffset EndsAt);
