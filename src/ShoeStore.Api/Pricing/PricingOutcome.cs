using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Pricing;

/// <summary>The result of <see cref="PurchasePricer"/>: a price, or why there is none.</summary>
internal abstract record PricingOutcome
{
    /// <summary>The purchase is possible at this price.</summary>
    public sealed record Priced(Product Product, PriceBreakdown Price, Deal? Deal) : PricingOutcome;

    public sealed record ProductNotFound : PricingOutcome;

    public sealed record SizeNotOffered(IReadOnlyList<decimal> Offered) : PricingOutcome;

    public sealed record OutOfStock(int Available) : PricingOutcome;
}
