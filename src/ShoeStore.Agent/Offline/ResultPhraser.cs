using System.Globalization;
using System.Text;
using System.Text.Json;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Offline;

/// <summary>Puts a tool's JSON result into a few plain sentences, the way the offline planner answers.</summary>
internal static class ResultPhraser
{
    private const int MaxLines = 5;

    public static string Phrase(string toolName, JsonElement result)
    {
        if (ToolResultJson.IsError(result))
        {
            return ToolResultJson.String(result, "message") ?? "That did not work.";
        }

        return toolName switch
        {
            ToolNames.GetProducts => Products(result),
            ToolNames.GetAvailableDeals => Deals(result),
            ToolNames.GetTailoredQuote => Quote(result),
            ToolNames.PurchaseItem => Order(result),
            ToolNames.GetOrders => Orders(result),
            _ => "Done.",
        };
    }

    private static string Products(JsonElement result)
    {
        var count = (int)(ToolResultJson.Number(result, "count") ?? 0m);
        var query = ToolResultJson.String(result, "query");
        var size = ToolResultJson.Number(result, "size");
        var what = (query is null ? "shoes" : query + " shoes") + (size is { } s ? " in size " + Size(s) : "");
        if (count == 0)
        {
            return $"I found no {what}. Try other words or another size.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"I found {count} {what}:");
        foreach (var product in ToolResultJson.Array(result, "products").Take(MaxLines))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n- {ToolResultJson.String(product, "brand")} {ToolResultJson.String(product, "model")}, {ToolResultJson.Money(product, "price")} ({ToolResultJson.String(product, "id")})");
        }

        if (count > MaxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {count - MaxLines} more.");
        }

        return text.Append("\nAsk what one would cost shipped to you for a quote.").ToString();
    }

    private static string Deals(JsonElement result)
    {
        var deals = ToolResultJson.Array(result, "deals").ToList();
        if (deals.Count == 0)
        {
            return "There are no deals right now.";
        }

        var text = new StringBuilder("Current deals:");
        foreach (var deal in deals.Take(MaxLines))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n- {ToolResultJson.String(deal, "title")}: {ToolResultJson.String(deal, "product")}, {ToolResultJson.Number(deal, "percentOff")}% off, {ToolResultJson.Money(deal, "dealPrice")} instead of {ToolResultJson.Money(deal, "listPrice")}");
        }

        if (deals.Count > MaxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {deals.Count - MaxLines} more.");
        }

        return text.ToString();
    }

    private static string Quote(JsonElement result)
    {
        var deal = ToolResultJson.String(result, "deal") is { } title ? $" with the {title} deal" : "";
        var shipsTo = ToolResultJson.String(result, "shipsTo") is { } place ? $", shipped to {place}" : "";
        return $"Quote {ToolResultJson.String(result, "quoteId")}: {Quantity(result)} x {ToolResultJson.String(result, "productName")}, size {Size(ToolResultJson.Number(result, "size") ?? 0m)}{deal}: " +
            $"{ToolResultJson.Money(result, "subtotal")} + shipping {ToolResultJson.Money(result, "shipping")} + tax {ToolResultJson.Money(result, "tax")} = {ToolResultJson.Money(result, "total")}{shipsTo}. " +
            "Say \"buy it\" to order.";
    }

    private static string Order(JsonElement result) =>
        $"Order {ToolResultJson.String(result, "orderId")} placed: {Quantity(result)} x {ToolResultJson.String(result, "productName")}, size {Size(ToolResultJson.Number(result, "size") ?? 0m)}, " +
        $"total {ToolResultJson.Money(result, "total")}" + (ToolResultJson.String(result, "payment") is { } payment ? $", paid with {payment}" : "") +
        $". Status: {ToolResultJson.String(result, "status")}.";

    private static string Orders(JsonElement result)
    {
        var orders = ToolResultJson.Array(result, "orders").ToList();
        if (orders.Count == 0)
        {
            return "You have no orders yet.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"You have {orders.Count} order(s):");
        foreach (var order in orders.Take(MaxLines))
        {
            var when = order.TryGetProperty("createdAt", out var created) && created.TryGetDateTimeOffset(out var at)
                ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : "?";
            text.Append(CultureInfo.InvariantCulture,
                $"\n- {ToolResultJson.String(order, "orderId")}: {Quantity(order)} x {ToolResultJson.String(order, "productName")}, size {Size(ToolResultJson.Number(order, "size") ?? 0m)}, {ToolResultJson.Money(order, "total")}, {ToolResultJson.String(order, "status")}, placed by {ToolResultJson.String(order, "placedBy")} on {when}");
        }

        return text.ToString();
    }

    private static string Quantity(JsonElement element) => ((int)(ToolResultJson.Number(element, "quantity") ?? 1m)).ToString(CultureInfo.InvariantCulture);

    private static string Size(decimal size) => ShoeStoreTools.FormatSize(size);
}
