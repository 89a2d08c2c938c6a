namespace Mandate.Server.Data;

/// <summary>A stored CIBA authentication request (CIBA §7). The <c>auth_req_id</c> itself is stored only as a hash.</summary>
internal sealed class BackchannelRequestRecord
{
    /// <summary>Identifier shown to the user's device (not the <c>auth_req_id</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>SHA-256 of the <c>auth_req_id</c>, base64url.</summary>
    public string AuthReqIdHash { get; set; } = "";

    /// <summary>The client that made the request.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The user the request names.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Granted scopes, space separated.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>RFC 9396 authorization details as a JSON array, if requested.</summary>
    public string? AuthorizationDetailsJson { get; set; }

    /// <summary>CIBA §7.1 <c>binding_message</c>.</summary>
    public string? BindingMessage { get; set; }

    /// <summary>CIBA §7.1 <c>acr_values</c>.</summary>
    public string? AcrValues { get; set; }

    /// <summary>Delivery mode at the time of the request (<c>poll</c> or <c>ping</c>).</summary>
    public string DeliveryMode { get; set; } = "poll";

    /// <summary>Ping mode: the <c>auth_req_id</c> and <c>client_notification_token</c>, encrypted with the server's
    /// encryption key (AES-GCM); cleared once the ping was attempted or the request redeemed.</summary>
    public string? ProtectedPingData { get; set; }

    /// <summary>Current state.</summary>
    public BackchannelRequestStatus Status { get; set; }

    /// <summary>When the request was received.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the <c>auth_req_id</c> expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The access token's audience when the client named a resource (RFC 8707); null: the scopes' resource.</summary>
    public string? Resource { get; set; }

    /// <summary>How many identical pending requests of the same client this one replaced (docs/device.md, "Approval
    /// fatigue"): the device shows "asked N times" with one card.</summary>
    public int Repeats { get; set; }

    /// <summary>Current minimum polling interval in seconds (raised by <c>slow_down</c>).</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Time of the last token request for this <c>auth_req_id</c>.</summary>
    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>When the user decided.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>How the user approved (<see cref="Passkeys.ApprovalMethod"/>); null until approved. It sets the tokens'
    /// <c>amr</c> and <c>acr</c>.</summary>
    public string? ApprovalMethod { get; set; }

    /// <summary>When tokens were issued.</summary>
    public DateTimeOffset? RedeemedAt { get; set; }

    /// <summary>The W3C <c>traceparent</c> of the request's span (<see cref="Diagnostics.MandateServerTelemetry"/>), so
    /// the decision and the ping join the agent's trace; null when the request came outside a trace.</summary>
    public string? TraceParent { get; set; }
}
