namespace ShoeStore.Agent.Offline;

/// <summary>A product seen in a tool result: id, display name, price as shown, sizes in stock (empty when unknown).</summary>
internal sealed record KnownProduct(string Id, string Name, decimal Price, IReadOnlyList<decimal> Sizes);
