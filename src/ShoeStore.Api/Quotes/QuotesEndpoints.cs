using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>POST /quotes and GET /quotes/{id} — a price to the customer's address; scope <c>address</c>, for a customer.</summary>
internal static class QuotesEndpoints
{
    public static void MapQuotes(this IEndpointRouteBuilder routes)
    {
        var quotes = routes.MapGroup("/quotes").RequireAuthorization(StorePolicies.Quote);
        quotes.MapPost("", CreateAsync).WithName("getTailoredQuote");
        quotes.MapGet("/{id}", GetAsync);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, JsonRequestReader reader, QuoteService quotes, CancellationToken cancellationToken)
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

        return await quotes.CreateAsync(context.AccessToken().Subject, request, cancellationToken) switch
        {
            QuoteOutcome.Created created => TypedResults.Created($"/quotes/{created.Quote.Id}", created.Quote),
            QuoteOutcome.CustomerNotFound => StoreProblems.CustomerNotFound(),
            QuoteOutcome.NotPriced notPriced => Refusal(notPriced.Reason, notPriced.ProductId, notPriced.Size),
            _ => throw new InvalidOperationException("Unhandled quote outcome."),
        };
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
