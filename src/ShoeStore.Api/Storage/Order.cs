namespace ShoeStore.Api.Storage;

/// <summary>A placed order: what was bought, for whom, by which agent, under which approval.</summary>
internal sealed class Order : PricedPurchase
{
    public required string Id { get; init; }

    public OrderStatus Status { get; set; }

    /// <summary>The customer (<c>sub</c> of the token).</summary>
    public required string Subject { get; init; }

    /// <summary>The agent that placed the order (<c>act.sub</c>, else <c>client_id</c>).</summary>
    public required string AgentClientId { get; init; }

    public string? QuoteId { get; init; }

    /// <summary>The masked card charged, e.g. "Visa •••• 4242".</summary>
    public required string PaymentMethod { get; init; }

    /// <summary>The <c>jti</c> of the access token that carried the approval. Unique: one approval, one order.</summary>
    public required string ApprovalTokenId { get; init; }

    /// <summary>How the customer approved: the token's RFC 8176 <c>amr</c> values, space separated (<c>pop user</c> after
    /// a passkey, <c>pwd</c> after a click in a password session); null when the token had none.</summary>
    public string? ApprovalMethods { get; init; }

    /// <summary>The token's <c>authorization_details</c> (RFC 9396) as JSON, when it had them.</summary>
    public string? AuthorizationDetails { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
