using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using ShoeStore.Agent.Tools.Results;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// What the policy table in configuration cannot say: how each approval is worded on the customer's device (the
/// binding message, ≤ 100 visible characters) and, for a purchase, the RFC 9396 <c>shoe_purchase</c> detail taken
/// from the agent's own quote — product, size, quantity and the quoted total as <c>max_amount</c>.
/// </summary>
internal static class ShoeStoreToolPolicies
{
    public static void Apply(ToolAuthorizationOptions options, QuoteBook quotes, CatalogMemory catalog, TimeProvider time)
    {
        options.Tool(ToolNames.GetTailoredQuote)
            .SetBindingMessage(call =>
            {
                var productId = call.GetString("productId");
                return BindingMessage.Fit("Allow agent to quote ", catalog.NameOf(productId) ?? productId ?? "shoes", " to your address?");
            })
            .SetDeniedMessage("The customer declined sharing their address, so no quote was made.");

        options.Tool(ToolNames.PurchaseItem)
            .SetBindingMessage(call =>
            {
                var quote = FindQuote(call, quotes, time);
                return BindingMessage.Fit("Allow agent to buy ", quote.ProductName, $" for {quote.Total}?");
            })
            .SetAuthorizationDetails(call =>
            {
                var quote = FindQuote(call, quotes, time);
                var detail = new ShoePurchaseDetail(quote.ProductId, quote.ProductName, quote.Size, quote.Quantity, quote.Total);
                return [JsonSerializer.SerializeToElement(detail, ToolJsonContext.Default.ShoePurchaseDetail)];
            })
            .SetDeniedMessage("The customer declined the purchase on their device, so no order was placed.");

        options.Tool(ToolNames.GetOrders)
            .SetBindingMessage("Allow agent to view your orders?")
            .SetDeniedMessage("The customer declined showing their orders.");
    }

    /// <summary>The quote a purchase refers to; a missing or expired one refuses the call (the model is told why).</summary>
    private static Store.StoreQuote FindQuote(ToolCall call, QuoteBook quotes, TimeProvider time)
    {
        var quote = quotes.Find(call.GetString("quoteId"))
            ?? throw new ArgumentException("There is no such quote: get one with getTailoredQuote first, then buy with its quoteId.");
        return quote.ExpiresAt > time.GetUtcNow()
            ? quote
            : throw new ArgumentException("That quote has expired: get a new quote with getTailoredQuote first.");
    }
}
