namespace Mandate.Server.Data;

/// <summary>One audit record: an issuance, a CIBA request, a decision or a redemption. Never a secret or a token.</summary>
internal sealed class AuditEntry
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened, e.g. <c>token.client_credentials</c>, <c>ciba.request</c>, <c>ciba.approve</c>.</summary>
    public string Event { get; set; } = "";

    /// <summary>The client involved.</summary>
    public string? ClientId { get; set; }

    /// <summary>The user involved.</summary>
    public string? Subject { get; set; }

    /// <summary>Scopes involved.</summary>
    public string? Scopes { get; set; }

    /// <summary>Authorization details (JSON) involved.</summary>
    public string? Details { get; set; }

    /// <summary><c>success</c> or an OAuth error code.</summary>
    public string Outcome { get; set; } = "";
}
