namespace ShoeStore.Agent.Tools;

/// <summary>The tools' names: the tutorial's, which the policy table in appsettings.json uses.</summary>
internal static class ToolNames
{
    public const string GetProducts = "getProducts";
    public const string GetAvailableDeals = "getAvailableDeals";
    public const string GetTailoredQuote = "getTailoredQuote";
    public const string PurchaseItem = "purchaseItem";
    public const string GetOrders = "getOrders";
}
