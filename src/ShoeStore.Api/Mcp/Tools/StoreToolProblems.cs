using System.Globalization;
using ModelContextProtocol.Protocol;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Problems;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>The REST API's refusals (docs/store-api.md's problem types) as tool execution errors.</summary>
internal static class StoreToolProblems
{
    public static CallToolResult CustomerNotFound() => StoreToolResults.Problem(ProblemTypes.CustomerNotFound, "No customer profile",
        "The store has no shipping address or saved card for this customer; they must create a store account first.");

    public static CallToolResult NotPriced(PricingOutcome outcome, string productId, decimal size) => outcome switch
    {
        PricingOutcome.ProductNotFound => StoreToolResults.Problem(ProblemTypes.ProductNotFound, "Product not found",
            $"There is no product '{productId}' in the catalog. getProducts lists them."),
        PricingOutcome.SizeNotOffered notOffered => StoreToolResults.Invalid(new Dictionary<string, string[]>
        {
            ["size"] = [$"{productId} does not come in US size {Format(size)}. Sizes: {string.Join(", ", notOffered.Offered.Select(Format))}."],
        }),
        PricingOutcome.OutOfStock outOfStock => OutOfStock(productId, size, outOfStock.Available),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>Every refusal of <see cref="OrderService.PlaceAsync"/>; null for <see cref="OrderOutcome.Placed"/> and replays.</summary>
    public static CallToolResult? ForOrder(OrderOutcome outcome) => outcome switch
    {
        OrderOutcome.KeyReused => StoreToolResults.Problem(ProblemTypes.IdempotencyKeyReused, "Idempotency-Key reused",
            "This idempotencyKey was already used with a different purchase; use a new key for a new order."),
        OrderOutcome.KeyInProgress => StoreToolResults.Problem(ProblemTypes.IdempotencyKeyInProgress, "Request in progress",
            "A purchase with this idempotencyKey is still being processed; retry shortly."),
        OrderOutcome.CustomerNotFound => CustomerNotFound(),
        OrderOutcome.QuoteNotFound => StoreToolResults.Problem(ProblemTypes.QuoteNotFound, "Quote not found",
            "There is no such quote for this customer. getTailoredQuote makes one."),
        OrderOutcome.QuoteExpired expired => StoreToolResults.Problem(ProblemTypes.QuoteExpired, "Quote expired",
            $"The quote expired at {expired.ExpiredAt:O}. getTailoredQuote makes a new one."),
        OrderOutcome.NotPriced notPriced => NotPriced(notPriced.Reason, notPriced.ProductId, notPriced.Size),
        OrderOutcome.SoldOut soldOut => OutOfStock(soldOut.ProductId, soldOut.Size, soldOut.Available),
        OrderOutcome.ApprovalMismatch mismatch => StoreToolResults.Problem(ProblemTypes.ApprovalMismatch,
            "Order does not match the approval", mismatch.Reason + ". Ask the customer to approve this purchase."),
        OrderOutcome.ApprovalAlreadyUsed => StoreToolResults.Problem(ProblemTypes.ApprovalAlreadyUsed, "Approval already used",
            "This approval (access token) already placed an order; each approval buys once. Ask the customer to approve again."),
        _ => null,
    };

    private static CallToolResult OutOfStock(string productId, decimal size, int available) =>
        StoreToolResults.Problem(ProblemTypes.OutOfStock, "Out of stock",
            $"Only {available} pair(s) of {productId} in US size {Format(size)} are in stock.");

    private static string Format(decimal size) => size.ToString("0.##", CultureInfo.InvariantCulture);
}
