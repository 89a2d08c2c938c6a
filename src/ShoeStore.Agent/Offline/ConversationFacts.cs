using System.Text.Json;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Offline;

/// <summary>
/// What the conversation so far establishes, read from its tool calls and results: the products seen, the last
/// list shown, the product in focus, the last size mentioned, the latest quote and whether it was bought.
/// </summary>
/// <remarks>
/// The focus is the product the customer is looking at: the first result of their latest search, or the product of
/// their latest quote. A list of deals does not move it — asking "any deals?" in passing must not turn "ship one to
/// me" into a quote for a shoe the customer never picked; they pick a deal by naming it or by its place in the list
/// ("the first one"), which the planner reads from <see cref="LastList"/>.
/// </remarks>
internal sealed class ConversationFacts
{
    private readonly Dictionary<string, KnownProduct> _products = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, KnownProduct> Products => _products;

    /// <summary>The product ids of the latest list shown (search results or deals), in order.</summary>
    public IReadOnlyList<string> LastList { get; private set; } = [];

    public string? FocusProductId { get; private set; }

    public decimal? LastSize { get; private set; }

    public KnownQuote? LastQuote { get; private set; }

    public bool LastQuoteBought { get; private set; }

    public static ConversationFacts From(IEnumerable<ChatMessage> messages)
    {
        var facts = new ConversationFacts();
        var calls = new Dictionary<string, FunctionCallContent>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text when message.Role == ChatRole.User:
                        facts.LastSize = RequestParser.Parse(text.Text).Size ?? facts.LastSize;
                        break;
                    case FunctionCallContent call:
                        calls[call.CallId] = call;
                        break;
                    case FunctionResultContent result when calls.TryGetValue(result.CallId, out var call):
                        facts.Learn(call, ToolResultJson.Read(result.Result));
                        break;
                    default:
                        break;
                }
            }
        }

        return facts;
    }

    private void Learn(FunctionCallContent call, JsonElement result)
    {
        if (ToolResultJson.IsError(result))
        {
            return;
        }

        switch (call.Name)
        {
            case ToolNames.GetProducts:
                var ids = new List<string>();
                foreach (var product in ToolResultJson.Array(result, "products"))
                {
                    var id = ToolResultJson.String(product, "id");
                    if (id is null)
                    {
                        continue;
                    }

                    var sizes = ToolResultJson.Array(product, "sizesInStock").Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDecimal()).ToList();
                    var price = product.TryGetProperty("price", out var money) ? decimal.TryParse(ToolResultJson.String(money, "value"), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0m : 0m;
                    _products[id] = new KnownProduct(id, $"{ToolResultJson.String(product, "brand")} {ToolResultJson.String(product, "model")}", price, sizes);
                    ids.Add(id);
                }

                Show(ids, moveFocus: true);
                LastSize = ToolResultJson.Number(result, "size") ?? LastSize;
                break;
            case ToolNames.GetAvailableDeals:
                var dealIds = new List<string>();
                foreach (var deal in ToolResultJson.Array(result, "deals"))
                {
                    if (ToolResultJson.String(deal, "productId") is { } productId)
                    {
                        var price = deal.TryGetProperty("dealPrice", out var money) && decimal.TryParse(ToolResultJson.String(money, "value"), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0m;
                        _products.TryAdd(productId, new KnownProduct(productId, ToolResultJson.String(deal, "product") ?? productId, price, []));
                        dealIds.Add(productId);
                    }
                }

                Show(dealIds, moveFocus: false);
                break;
            case ToolNames.GetTailoredQuote when ToolResultJson.String(result, "quoteId") is { } quoteId:
                var quotedProduct = ToolResultJson.String(result, "productId") ?? "";
                var size = ToolResultJson.Number(result, "size") ?? 0m;
                LastQuote = new KnownQuote(quoteId, quotedProduct, size, (int)(ToolResultJson.Number(result, "quantity") ?? 1m));
                LastQuoteBought = false;
                FocusProductId = quotedProduct;
                LastSize = size;
                _products.TryAdd(quotedProduct, new KnownProduct(quotedProduct, ToolResultJson.String(result, "productName") ?? quotedProduct, 0m, []));
                break;
            case ToolNames.PurchaseItem when ToolResultJson.String(result, "orderId") is not null:
                LastQuoteBought = true;
                break;
            default:
                break;
        }
    }

    private void Show(List<string> ids, bool moveFocus)
    {
        if (ids.Count > 0)
        {
            LastList = ids;
            if (moveFocus)
            {
                FocusProductId = ids[0];
            }
        }
    }
}
