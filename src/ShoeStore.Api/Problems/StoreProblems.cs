using System.Globalization;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Problems;

/// <summary>The API's RFC 9457 problem responses.</summary>
internal static class StoreProblems
{
    /// <summary>400 with the failing fields named in <c>errors</c>.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "See errors for the fields to fix.",
            title: "The request is not valid", type: ProblemTypes.Validation);

    /// <summary>400 naming one field.</summary>
    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult ProductNotFound(string productId) =>
        Problem(StatusCodes.Status404NotFound, ProblemTypes.ProductNotFound, "Product not found",
            $"There is no product '{productId}' in the catalog. GET /products lists them.");

    public static IResult SizeNotOffered(string productId, decimal size, IEnumerable<decimal> offered) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]>
            {
                ["size"] = [$"{productId} does not come in US size {size}. Sizes: {string.Join(", ", offered)}."],
            },
            title: "The request is not valid", type: ProblemTypes.Validation);

    public static IResult OutOfStock(string productId, decimal size, int available) =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.OutOfStock, "Out of stock",
            $"Only {available} pair(s) of {productId} in US size {size} are in stock.");

    public static IResult CustomerNotFound() =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.CustomerNotFound, "No customer profile",
            "The store has no shipping address or saved card for this customer; they must create a store account first.");

    public static IResult QuoteNotFound() =>
        Problem(StatusCodes.Status404NotFound, ProblemTypes.QuoteNotFound, "Quote not found",
            "There is no such quote for this customer. POST /quotes makes one.");

    public static IResult QuoteExpired(DateTimeOffset expiredAt) =>
        Problem(StatusCodes.Status410Gone, ProblemTypes.QuoteExpired, "Quote expired",
            $"The quote expired at {expiredAt:O}. POST /quotes makes a new one.");

    public static IResult OrderNotFound() =>
        Problem(StatusCodes.Status404NotFound, ProblemTypes.OrderNotFound, "Order not found",
            "There is no such order for this customer.");

    public static IResult IdempotencyKeyReused() =>
        Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused, "Idempotency-Key reused",
            "This Idempotency-Key was already used with a different request; use a new key for a new order.");

    public static IResult IdempotencyKeyInProgress() =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.IdempotencyKeyInProgress, "Request in progress",
            "A request with this Idempotency-Key is still being processed; retry shortly.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
            "Send the body as JSON with Content-Type: application/json.");

    public static IResult PayloadTooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Request body too large",
            $"The request body is limited to {limit} bytes.");

    /// <summary>
    /// Describes a problem written for an unhandled exception: a transient database fault (503) says to retry and
    /// sets Retry-After (RFC 9110 §10.2.3). Nothing of the exception itself reaches the client.
    /// </summary>
    public static void DescribeException(ProblemDetailsContext context)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status503ServiceUnavailable || !TransientDatabaseFault.Is(context.Exception))
        {
            return;
        }

        context.HttpContext.Response.Headers.RetryAfter = TransientDatabaseFault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.ProblemDetails.Type = ProblemTypes.DatabaseUnavailable;
        context.ProblemDetails.Title = "Database briefly unavailable";
        context.ProblemDetails.Detail = "Nothing was changed. Retry shortly; an order retried with the same Idempotency-Key is placed at most once.";
    }

    public static IResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type);
}
