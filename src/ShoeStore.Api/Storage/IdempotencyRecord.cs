namespace ShoeStore.Api.Storage;

/// <summary>The first result of a POST /orders sent with an <c>Idempotency-Key</c>, replayed on retries.</summary>
internal sealed class IdempotencyRecord
{
    public long Id { get; init; }

    /// <summary>Keys are scoped to the customer.</summary>
    public required string Subject { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the normalized request; a different request under the same key is refused.</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? OrderId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
