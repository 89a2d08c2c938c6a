namespace Mandate.Server.Data;

/// <summary>
/// Evidence that the person approved one exact request with their passkey: the WebAuthn assertion as the
/// authenticator and browser produced it (WebAuthn Level 3 §5.2.2: <c>authenticatorData</c>, <c>clientDataJSON</c>,
/// <c>signature</c>) and the inputs of its challenge (<see cref="Passkeys.TransactionChallenge"/>), so that anyone with
/// the credential's public key can check the signature again later. Written in the same transaction as the decision and
/// its audit row.
/// </summary>
internal sealed class ApprovalReceiptRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The device request id (unique: one approval per request).</summary>
    public string RequestId { get; set; } = "";

    /// <summary>The person (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The credential that signed, base64url.</summary>
    public string CredentialId { get; set; } = "";

    /// <summary><c>authenticatorData</c> (WebAuthn Level 3 §6.1) as signed.</summary>
    public byte[] AuthenticatorData { get; set; } = [];

    /// <summary><c>clientDataJSON</c> (WebAuthn Level 3 §5.8.1) as signed (through its SHA-256).</summary>
    public byte[] ClientDataJson { get; set; } = [];

    /// <summary>The assertion signature over <c>authenticatorData ‖ SHA-256(clientDataJSON)</c> (WebAuthn Level 3 §6.3.3).</summary>
    public byte[] Signature { get; set; } = [];

    /// <summary>The server randomness of the challenge.</summary>
    public byte[] Nonce { get; set; } = [];

    /// <summary>The challenge: SHA-256 over the nonce and the request's canonical bytes.</summary>
    public byte[] Challenge { get; set; } = [];

    /// <summary>The binding message the challenge covers (CIBA §7.1).</summary>
    public string? BindingMessage { get; set; }

    /// <summary>The canonical JSON of the authorization details the challenge covers (RFC 9396).</summary>
    public string? AuthorizationDetails { get; set; }

    /// <summary>When the approval was recorded.</summary>
    public DateTimeOffset At { get; set; }
}
