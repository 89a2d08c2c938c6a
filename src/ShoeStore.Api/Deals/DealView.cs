using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Deals;

/// <summary>An active deal with the price it gives.</summary>
internal sealed record DealView(
    string Id, string ProductId, string Brand, string Model, string Title, int PercentOff,
    Money ListPrice, Money DealPrice, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public static DealView From(Deal deal, Product product)
    {
        var discount = Money.RoundToCents(product.Price * deal.PercentOff / 100m);
        return new DealView(deal.Id, product.Id, product.Brand, product.Model, deal.Title, deal.PercentOff,
            new Money(product.Currency, product.Price), new Money(product.Currency, product.Price - discount),
            deal.StartsAt, deal.EndsAt);
    }
}
