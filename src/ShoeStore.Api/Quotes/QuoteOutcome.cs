using ShoeStore.Api.Pricing;

namespace ShoeStore.Api.Quotes;

/// <summary>What <see cref="QuoteService.CreateAsync"/> did.</summary>
internal abstract record QuoteOutcome
{
    public sealed record Created(QuoteView Quote) : QuoteOutcome;

    public sealed record CustomerNotFound : QuoteOutcome;

    /// <summary>The item cannot be priced (unknown product, size not offered, not enough stock).</summary>
    public sealed record NotPriced(PricingOutcome Reason, string ProductId, decimal Size) : QuoteOutcome;
}
