using ShoeStore.Api.Pricing;

namespace ShoeStore.Api.Orders;

/// <summary>What <see cref="OrderService.PlaceAsync"/> did.</summary>
internal abstract record OrderOutcome
{
    public sealed record Placed(OrderView Order) : OrderOutcome;

    /// <summary>A retry under the same Idempotency-Key: the first result, as it was sent.</summary>
    public sealed record Replayed(int StatusCode, string Body, string? OrderId) : OrderOutcome;

    public sealed record KeyReused : OrderOutcome;

    public sealed record KeyInProgress : OrderOutcome;

    public sealed record CustomerNotFound : OrderOutcome;

    public sealed record QuoteNotFound : OrderOutcome;

    public sealed record QuoteExpired(DateTimeOffset ExpiredAt) : OrderOutcome;

    /// <summary>The item cannot be priced (unknown product, size not offered, not enough stock).</summary>
    public sealed record NotPriced(PricingOutcome Reason, string ProductId, decimal Size) : OrderOutcome;

    /// <summary>Another buyer took the stock between pricing and payment.</summary>
    public sealed record SoldOut(string ProductId, decimal Size, int Available) : OrderOutcome;

    public sealed record ApprovalMismatch(string Reason) : OrderOutcome;

    public sealed record ApprovalAlreadyUsed : OrderOutcome;
}
