using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tools.Results;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// The assistant's tools over the store API. They know nothing about OAuth: Mandate.AI decides per tool whether a
/// token is needed, and the store client's handler sends it. Every result is JSON; a refusal is
/// <c>{ error, message }</c>.
/// </summary>
internal sealed class ShoeStoreTools
{
    private const int MaxProductsShown = 10;
    private const int MaxDescriptionLength = 200;

    private readonly Func<StoreApiClient> _store;
    private readonly QuoteBook _quotes;
    private readonly CatalogMemory _catalog;
    private readonly Func<string> _newIdempotencyKey;

    public ShoeStoreTools(Func<StoreApiClient> store, QuoteBook quotes, CatalogMemory catalog, Func<string>? newIdempotencyKey = null)
    {
        _store = store;
        _quotes = quotes;
        _catalog = catalog;
        _newIdempotencyKey = newIdempotencyKey ?? (() => Guid.NewGuid().ToString("D"));
        All =
        [
            Create(nameof(GetProductsAsync), ToolNames.GetProducts,
                "Searches the shoe catalog (public). Words in query must all match brand, model, category (running, trail, walking, casual, formal, kids) or description. Size filters to a US size in stock."),
            Create(nameof(GetAvailableDealsAsync), ToolNames.GetAvailableDeals,
                "Lists the store's current deals and their prices."),
            Create(nameof(GetTailoredQuoteAsync), ToolNames.GetTailoredQuote,
                "Prices a purchase shipped to the customer's address on file (the customer approves sharing it on their device). Returns a quoteId for purchaseItem."),
            Create(nameof(PurchaseItemAsync), ToolNames.PurchaseItem,
                "Buys a quoted item with the customer's saved card. Needs the quoteId from getTailoredQuote; the customer approves the exact purchase on their device."),
            Create(nameof(GetOrdersAsync), ToolNames.GetOrders,
                "Lists the customer's orders (the customer approves on their device)."),
        ];
    }

    /// <summary>The tools, for <see cref="ChatOptions.Tools"/>.</summary>
    public IReadOnlyList<AIFunction> All { get; }

    public async Task<JsonElement> GetProductsAsync(
        [Description("Search words, e.g. \"running nike\" or \"trail\". Empty lists everything.")] string? query = null,
        [Description("A US size that must be in stock, e.g. 10 or 10.5.")] decimal? size = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _store().GetProductsAsync(query, size, cancellationToken);
        if (response.Value is not { } products)
        {
            return Error(response.Problem!);
        }

        foreach (var product in products)
        {
            _catalog.Remember(product.Id, $"{product.Brand} {product.Model}");
        }

        var items = products.Take(MaxProductsShown).Select(p => new ProductItem(
            p.Id, p.Brand, p.Model, p.Category, p.Price,
            [.. (p.Sizes ?? []).Where(s => s.InStock > 0).Select(s => s.Size)],
            Shorten(p.Description))).ToList();
        return JsonSerializer.SerializeToElement(new ProductsResult(products.Count, query, size, items), ToolJsonContext.Default.ProductsResult);
    }

    public async Task<JsonElement> GetAvailableDealsAsync(CancellationToken cancellationToken = default)
    {
        var response = await _store().GetDealsAsync(cancellationToken);
        if (response.Value is not { } deals)
        {
            return Error(response.Problem!);
        }

        foreach (var deal in deals)
        {
            _catalog.Remember(deal.ProductId, $"{deal.Brand} {deal.Model}");
        }

        var items = deals.Select(d => new DealItem(d.Id, d.ProductId, $"{d.Brand} {d.Model}", d.Title, d.PercentOff, d.ListPrice, d.DealPrice, d.EndsAt)).ToList();
        return JsonSerializer.SerializeToElement(new DealsResult(items.Count, items), ToolJsonContext.Default.DealsResult);
    }

    public async Task<JsonElement> GetTailoredQuoteAsync(
        [Description("The product id from getProducts or getAvailableDeals, e.g. nike-pegasus-41.")] string productId,
        [Description("The US size, e.g. 10.5.")] decimal size,
        [Description("How many pairs (1 to 10).")] int quantity = 1,
        CancellationToken cancellationToken = default)
    {
        var response = await _store().CreateQuoteAsync(productId, size, quantity, cancellationToken);
        if (response.Value is not { } quote)
        {
            return Error(response.Problem!);
        }

        _quotes.Add(quote);
        _catalog.Remember(quote.ProductId, quote.ProductName);
        var shipsTo = quote.ShipTo is { } to ? string.Join(", ", new[] { to.City, to.Region, to.Country }.Where(p => !string.IsNullOrEmpty(p))) : null;
        return JsonSerializer.SerializeToElement(new QuoteResult(
            quote.Id, quote.ProductId, quote.ProductName, quote.Size, quote.Quantity, quote.UnitPrice, quote.Discount, quote.Deal,
            quote.Subtotal, quote.Shipping, quote.Tax, quote.Total, shipsTo, quote.ExpiresAt), ToolJsonContext.Default.QuoteResult);
    }

    public async Task<JsonElement> PurchaseItemAsync(
        [Description("The quoteId from getTailoredQuote.")] string quoteId,
        CancellationToken cancellationToken = default)
    {
        var response = await _store().PlaceOrderAsync(quoteId, _newIdempotencyKey(), cancellationToken);
        return response.Value is { } order
            ? JsonSerializer.SerializeToElement(ToResult(order), ToolJsonContext.Default.OrderResult)
            : Error(response.Problem!);
    }

    public async Task<JsonElement> GetOrdersAsync(CancellationToken cancellationToken = default)
    {
        var response = await _store().GetOrdersAsync(cancellationToken);
        if (response.Value is not { } orders)
        {
            return Error(response.Problem!);
        }

        var items = orders.Select(ToResult).ToList();
        return JsonSerializer.SerializeToElement(new OrdersResult(items.Count, items), ToolJsonContext.Default.OrdersResult);
    }

    private static OrderResult ToResult(StoreOrder order) => new(
        order.Id, order.Status, order.ProductId, order.ProductName, order.Size, order.Quantity, order.Total, order.Payment, order.Agent, order.CreatedAt);

    private static JsonElement Error(StoreProblem problem) =>
        JsonSerializer.SerializeToElement(StoreProblemText.Describe(problem), ToolJsonContext.Default.ToolError);

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";

    private AIFunction Create(string method, string name, string description) =>
        AIFunctionFactory.Create(
            typeof(ShoeStoreTools).GetMethod(method) ?? throw new InvalidOperationException($"No method {method}."),
            this,
            new AIFunctionFactoryOptions { Name = name, Description = description });

    /// <summary>Formats a size for people: 10, 10.5.</summary>
    public static string FormatSize(decimal size) => size.ToString("0.##", CultureInfo.InvariantCulture);
}
