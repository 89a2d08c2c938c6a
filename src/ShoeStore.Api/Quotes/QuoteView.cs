using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>A quote as the API shows it.</summary>
internal sealed record QuoteView(
    string Id, string ProductId, string ProductName, decimal Size, int Quantity,
    Money UnitPrice, Money Discount, string? Deal, Money Subtotal, Money Shipping, Money Tax, Money Total,
    ShipToView ShipTo, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static QuoteView From(Quote quote, Product product, Deal? deal, Customer customer) => new(
        quote.Id, quote.ProductId, product.Name, quote.Size, quote.Quantity,
        new Money(quote.Currency, quote.UnitPrice), new Money(quote.Currency, quote.Discount), deal?.Title,
        new Money(quote.Currency, quote.Subtotal), new Money(quote.Currency, quote.Shipping),
        new Money(quote.Currency, quote.Tax), new Money(quote.Currency, quote.Total),
        ShipToView.From(customer), quote.CreatedAt, quote.ExpiresAt);
}
