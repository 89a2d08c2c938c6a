namespace ShoeStore.Api.Problems;

/// <summary>
/// The <c>type</c> URIs of this API's RFC 9457 problems (under the reserved <c>.example</c> domain: identifiers,
/// not links). docs/store-api.md lists them.
/// </summary>
internal static class ProblemTypes
{
    private const string Base = "https://shoestore.example/problems/";

    public const string Validation = Base + "validation";
    public const string Unauthorized = Base + "unauthorized";
    public const string InvalidToken = Base + "invalid-token";
    public const string InvalidRequest = Base + "invalid-request";
    public const string InsufficientScope = Base + "insufficient-scope";
    public const string ProductNotFound = Base + "product-not-found";
    public const string OutOfStock = Base + "out-of-stock";
    public const string CustomerNotFound = Base + "customer-not-found";
    public const string QuoteNotFound = Base + "quote-not-found";
    public const string QuoteExpired = Base + "quote-expired";
    public const string OrderNotFound = Base + "order-not-found";
    public const string ApprovalMismatch = Base + "approval-mismatch";
    public const string ApprovalAlreadyUsed = Base + "approval-already-used";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string IdempotencyKeyInProgress = Base + "idempotency-key-in-progress";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string DatabaseUnavailable = Base + "database-unavailable";
}
