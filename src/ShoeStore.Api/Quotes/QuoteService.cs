using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>
/// Makes a quote to the customer's address on file: what POST /quotes and the MCP tool <c>getTailoredQuote</c> do.
/// </summary>
internal sealed class QuoteService(ShoeStoreDbContext db, PurchasePricer pricer, TimeProvider time)
{
    /// <summary>How long a quote holds its price.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(15);

    /// <summary>Prices a validated <paramref name="request"/> for the customer <paramref name="subject"/> and stores the quote.</summary>
    public async Task<QuoteOutcome> CreateAsync(string subject, QuoteRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FindAsync([subject], cancellationToken);
        if (customer is null)
        {
            return new QuoteOutcome.CustomerNotFound();
        }

        var outcome = await pricer.PriceAsync(request.ProductId!, request.Size!.Value, request.Quantity!.Value, customer.ShippingAddress, cancellationToken);
        if (outcome is not PricingOutcome.Priced priced)
        {
            return new QuoteOutcome.NotPriced(outcome, request.ProductId!, request.Size.Value);
        }

        var now = time.GetUtcNow();
        var price = priced.Price;
        var quote = new Quote
        {
            Id = StoreIds.New("q"),
            Subject = subject,
            ProductId = priced.Product.Id,
            Size = request.Size.Value,
            Quantity = request.Quantity.Value,
            Currency = price.Currency,
            UnitPrice = price.UnitPrice,
            Discount = price.Discount,
            Subtotal = price.Subtotal,
            Shipping = price.Shipping,
            Tax = price.Tax,
            Total = price.Total,
            DealId = priced.Deal?.Id,
            CreatedAt = now,
            ExpiresAt = now + Validity,
        };
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return new QuoteOutcome.Created(QuoteView.From(quote, priced.Product, priced.Deal, customer));
    }
}
