using System.Text.Json;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tools.Results;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// What the model sees of the store's answers, whichever way the tools reach the store (its REST API, or its MCP
/// server, which answers with the same JSON): short product lists, deals, quotes without the street address, orders;
/// a refusal as <c>{ error, message }</c>. Remembers product names (binding messages) and quotes (purchase approvals).
/// </summary>
internal sealed class StoreToolResults(QuoteBook quotes, CatalogMemory catalog)
{
    private const int MaxProductsShown = 10;
    private const int MaxDescriptionLength = 200;

    public JsonElement Products(StoreResponse<List<StoreProduct>> response, string? query, decimal? size)
    {
        if (response.Value is not { } products)
        {
            return Error(response.Problem!);
        }

        foreach (var product in products)
        {
            catalog.Remember(product.Id, $"{product.Brand} {product.Model}");
        }

        var items = products.Take(MaxProductsShown).Select(p => new ProductItem(
            p.Id, p.Brand, p.Model, p.Category, p.Price,
            [.. (p.Sizes ?? []).Where(s => s.InStock > 0).Select(s => s.Size)],
            Shorten(p.Description))).ToList();
        return JsonSerializer.SerializeToElement(new ProductsResult(products.Count, query, size, items), ToolJsonContext.Default.ProductsResult);
    }

    public JsonElement Deals(StoreResponse<List<StoreDeal>> response)
    {
        if (response.Value is not { } deals)
        {
            return Error(response.Problem!);
        }

        foreach (var deal in deals)
        {
            catalog.Remember(deal.ProductId, $"{deal.Brand} {deal.Model}");
        }

        var items = deals.Select(d => new DealItem(d.Id, d.ProductId, $"{d.Brand} {d.Model}", d.Title, d.PercentOff, d.ListPrice, d.DealPrice, d.EndsAt)).ToList();
        return JsonSerializer.SerializeToElement(new DealsResult(items.Count, items), ToolJsonContext.Default.DealsResult);
    }

    public JsonElement Quote(StoreResponse<StoreQuote> response)
    {
        if (response.Value is not { } quote)
        {
            return Error(response.Problem!);
        }

        quotes.Add(quote);
        catalog.Remember(quote.ProductId, quote.ProductName);
        var shipsTo = quote.ShipTo is { } to ? string.Join(", ", new[] { to.City, to.Region, to.Country }.Where(p => !string.IsNullOrEmpty(p))) : null;
        return JsonSerializer.SerializeToElement(new QuoteResult(
            quote.Id, quote.ProductId, quote.ProductName, quote.Size, quote.Quantity, quote.UnitPrice, quote.Discount, quote.Deal,
            quote.Subtotal, quote.Shipping, quote.Tax, quote.Total, shipsTo, quote.ExpiresAt), ToolJsonContext.Default.QuoteResult);
    }

    public JsonElement Order(StoreResponse<StoreOrder> response) => response.Value is { } order
        ? JsonSerializer.SerializeToElement(ToResult(order), ToolJsonContext.Default.OrderResult)
        : Error(response.Problem!);

    public JsonElement Orders(StoreResponse<List<StoreOrder>> response)
    {
        if (response.Value is not { } orders)
        {
            return Error(response.Problem!);
        }

        var items = orders.Select(ToResult).ToList();
        return JsonSerializer.SerializeToElement(new OrdersResult(items.Count, items), ToolJsonContext.Default.OrdersResult);
    }

    public static JsonElement Error(StoreProblem problem) =>
        JsonSerializer.SerializeToElement(StoreProblemText.Describe(problem), ToolJsonContext.Default.ToolError);

    private static OrderResult ToResult(StoreOrder order) => new(
        order.Id, order.Status, order.ProductId, order.ProductName, order.Size, order.Quantity, order.Total, order.Payment, order.Agent, order.CreatedAt);

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";
}
