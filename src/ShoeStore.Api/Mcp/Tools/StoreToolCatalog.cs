namespace ShoeStore.Api.Mcp.Tools;

/// <summary>The store's MCP tools, named as in the tutorial and the agent, found by name.</summary>
internal sealed class StoreToolCatalog
{
    private readonly Dictionary<string, StoreTool> _byName;

    public StoreToolCatalog()
    {
        Tools = [new GetProductsTool(), new GetAvailableDealsTool(), new GetTailoredQuoteTool(), new PurchaseItemTool(), new GetOrdersTool()];
        _byName = Tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<StoreTool> Tools { get; }

    /// <summary>The tool named <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    public StoreTool? Find(string name) => _byName.GetValueOrDefault(name);
}
