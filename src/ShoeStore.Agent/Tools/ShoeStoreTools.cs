using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// The assistant's tools over the store API. They know nothing about OAuth: Mandate.AI decides per tool whether a
/// token is needed, and the store client's handler sends it. Every result is JSON; a refusal is
/// <c>{ error, message }</c>.
/// </summary>
internal sealed class ShoeStoreTools : IStoreTools
{
    private readonly Func<StoreApiClient> _store;
    private readonly StoreToolResults _results;
    private readonly Func<string> _newIdempotencyKey;

    public ShoeStoreTools(Func<StoreApiClient> store, QuoteBook quotes, CatalogMemory catalog, Func<string>? newIdempotencyKey = null)
    {
        _store = store;
        _results = new StoreToolResults(quotes, catalog);
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

    /// <inheritdoc />
    public IReadOnlyList<AIFunction> All { get; }

    public async Task<JsonElement> GetProductsAsync(
        [Description("Search words, e.g. \"running nike\" or \"trail\". Empty lists everything.")] string? query = null,
        [Description("A US size that must be in stock, e.g. 10 or 10.5.")] decimal? size = null,
        CancellationToken cancellationToken = default) =>
        _results.Products(await _store().GetProductsAsync(query, size, cancellationToken), query, size);

    public async Task<JsonElement> GetAvailableDealsAsync(CancellationToken cancellationToken = default) =>
        _results.Deals(await _store().GetDealsAsync(cancellationToken));

    public async Task<JsonElement> GetTailoredQuoteAsync(
        [Description("The product id from getProducts or getAvailableDeals, e.g. nike-pegasus-41.")] string productId,
        [Description("The US size, e.g. 10.5.")] decimal size,
        [Description("How many pairs (1 to 10).")] int quantity = 1,
        CancellationToken cancellationToken = default) =>
        _results.Quote(await _store().CreateQuoteAsync(productId, size, quantity, cancellationToken));

    public async Task<JsonElement> PurchaseItemAsync(
        [Description("The quoteId from getTailoredQuote.")] string quoteId,
        CancellationToken cancellationToken = default) =>
        _results.Order(await _store().PlaceOrderAsync(quoteId, IdempotencyKey(), cancellationToken));

    public async Task<JsonElement> GetOrdersAsync(CancellationToken cancellationToken = default) =>
        _results.Orders(await _store().GetOrdersAsync(cancellationToken));

    /// <summary>
    /// The call's idempotency key from Mandate.AI (the same on every run of a purchase kept across a restart), or a new
    /// one outside an authorized call.
    /// </summary>
    private string IdempotencyKey() => ToolTokenAccessor.CurrentIdempotencyKey ?? _newIdempotencyKey();

    private AIFunction Create(string method, string name, string description) =>
        AIFunctionFactory.Create(
            typeof(ShoeStoreTools).GetMethod(method) ?? throw new InvalidOperationException($"No method {method}."),
            this,
            new AIFunctionFactoryOptions { Name = name, Description = description });

    /// <summary>Formats a size for people: 10, 10.5.</summary>
    public static string FormatSize(decimal size) => size.ToString("0.##", CultureInfo.InvariantCulture);
}
