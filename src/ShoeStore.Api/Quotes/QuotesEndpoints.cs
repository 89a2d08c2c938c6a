using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>POST /quotes and GET /quotes/{id} — a price to the customer's address; scope <c>address</c>, for a customer.</summary>
internal static class QuotesEndpoints
{
    /// <summary>How long a quote holds its price.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(15);

    public static void MapQuotes(this IEndpointRouteBuilder routes)
    {
        var quotes = routes.MapGroup("/quotes").RequireAuthorization(StorePolicies.Quote);
        quotes.MapPost("", CreateAsync).WithName("getTailoredQuote");
        quotes.MapGet("/{id}", GetAsync);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, JsonRequestReader reader, ShoeStoreDbContext db, PurchasePricer pricer, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await reader.ReadAsync<QuoteRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = request!.Validate();
        if (errors.Count > 0)
        {
            return StoreProblems.Validation(errors);
        }

        var token = context.AccessToken();
        var customer = await db.Customers.FindAsync([token.Subject], cancellationToken);
        if (customer is null)
        {
            return StoreProblems.CustomerNotFound();
        }

        var outcome = await pricer.PriceAsync(request.ProductId!, request.Size!.Value, request.Quantity!.Value, customer.ShippingAddress, cancellationToken);
        if (outcome is not PricingOutcome.Priced priced)
        {
            return Refusal(outcome, request.ProductId!, request.Size.Value);
        }

        var now = time.GetUtcNow();
        var price = priced.Price;
        var quote = new Quote
        {
            Id = StoreIds.New("q"),
            Subject = token.Subject,
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
        return TypedResults.Created($"/quotes/{quote.Id}", QuoteView.From(quote, priced.Product, priced.Deal, customer));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ShoeStoreDbContext db, CancellationToken cancellationToken)
    {
        var subject = context.AccessToken().Subject;
        var quote = await db.Quotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.Subject == subject, cancellationToken);
        var customer = await db.Customers.FindAsync([subject], cancellationToken);
        if (quote is null || customer is null)
        {
            return StoreProblems.QuoteNotFound();
        }

        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == quote.ProductId, cancellationToken);
        var deal = quote.DealId is null ? null : await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == quote.DealId, cancellationToken);
        return TypedResults.Ok(QuoteView.From(quote, product, deal, customer));
    }

    /// <summary>The problem for a purchase that cannot be priced.</summary>
    public static IResult Refusal(PricingOutcome outcome, string productId, decimal size) => outcome switch
    {
        PricingOutcome.ProductNotFound => StoreProblems.ProductNotFound(productId),
        PricingOutcome.SizeNotOffered notOffered => StoreProblems.SizeNotOffered(productId, size, notOffered.Offered),
        PricingOutcome.OutOfStock outOfStock => StoreProblems.OutOfStock(productId, size, outOfStock.Available),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
