using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Quotes;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Orders;

/// <summary>POST /orders, GET /orders, GET /orders/{id} — scope <c>payment</c>, for a customer who approved.</summary>
internal static class OrdersEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/orders").RequireAuthorization(StorePolicies.Order);
        orders.MapPost("", PlaceAsync).WithName("purchaseItem");
        orders.MapGet("", ListAsync);
        orders.MapGet("/{id}", GetAsync);
    }

    private static async Task<IResult> PlaceAsync(
        HttpContext context, JsonRequestReader reader, OrderService orders, CancellationToken cancellationToken)
    {
        var (key, keyError) = IdempotencyKey.Read(context.Request.Headers);
        if (keyError is not null)
        {
            return StoreProblems.Validation(IdempotencyKey.HeaderName, keyError);
        }

        var (request, problem) = await reader.ReadAsync<OrderRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = request!.Validate();
        if (errors.Count > 0)
        {
            return StoreProblems.Validation(errors);
        }

        var outcome = await orders.PlaceAsync(context.AccessToken(), request, key, cancellationToken);
        return outcome switch
        {
            OrderOutcome.Placed placed => TypedResults.Created($"/orders/{placed.Order.Id}", placed.Order),
            OrderOutcome.Replayed replayed => Replay(context, replayed),
            OrderOutcome.KeyReused => StoreProblems.IdempotencyKeyReused(),
            OrderOutcome.KeyInProgress => StoreProblems.IdempotencyKeyInProgress(),
            OrderOutcome.CustomerNotFound => StoreProblems.CustomerNotFound(),
            OrderOutcome.QuoteNotFound => StoreProblems.QuoteNotFound(),
            OrderOutcome.QuoteExpired expired => StoreProblems.QuoteExpired(expired.ExpiredAt),
            OrderOutcome.NotPriced notPriced => QuotesEndpoints.Refusal(notPriced.Reason, notPriced.ProductId, notPriced.Size),
            OrderOutcome.SoldOut soldOut => StoreProblems.OutOfStock(soldOut.ProductId, soldOut.Size, soldOut.Available),
            OrderOutcome.ApprovalMismatch mismatch => Forbidden(context, ProblemTypes.ApprovalMismatch,
                "Order does not match the approval", mismatch.Reason + ". Ask the customer to approve this purchase."),
            OrderOutcome.ApprovalAlreadyUsed => Forbidden(context, ProblemTypes.ApprovalAlreadyUsed, "Approval already used",
                "This approval (access token) already placed an order; each approval buys once. Ask the customer to approve again."),
            _ => throw new InvalidOperationException("Unhandled order outcome."),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext context, OrderHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.ListAsync(context.AccessToken().Subject, cancellationToken));

    private static async Task<IResult> GetAsync(string id, HttpContext context, ShoeStoreDbContext db, CancellationToken cancellationToken)
    {
        var subject = context.AccessToken().Subject;
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Subject == subject, cancellationToken);
        if (order is null)
        {
            return StoreProblems.OrderNotFound();
        }

        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == order.ProductId, cancellationToken);
        return TypedResults.Ok(OrderView.From(order, product));
    }

    private static IResult Replay(HttpContext context, OrderOutcome.Replayed replayed)
    {
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (replayed.OrderId is not null)
        {
            context.Response.Headers.Location = $"/orders/{replayed.OrderId}";
        }

        return TypedResults.Content(replayed.Body, "application/json", statusCode: replayed.StatusCode);
    }

    private static IResult Forbidden(HttpContext context, string type, string title, string detail)
    {
        // RFC 6750 §3: a 403 carries the Bearer challenge; the token does not cover this purchase.
        context.Response.Headers[HeaderNames.WWWAuthenticate] =
            BearerResponses.InsufficientScopeChallenge(context, StoreScopes.Payment, title);
        return StoreProblems.Problem(StatusCodes.Status403Forbidden, type, title, detail);
    }
}
