namespace ShoeStore.Agent.Tools.Results;

/// <summary>The result of getOrders.</summary>
internal sealed record OrdersResult(int Count, IReadOnlyList<OrderResult> Orders);
