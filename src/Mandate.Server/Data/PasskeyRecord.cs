namespace Mandate.Server.Data;

/// <summary>
/// A person's passkey: a WebAuthn public key credential (WebAuthn Level 3 §4 "Public Key Credential Source") registered
/// on the device page. The server keeps only what verifying an assertion needs (§7.2): the credential id, the
/// credential public key (COSE, RFC 9052 §7) and the last signature counter (§6.1.1).
/// </summary>
internal sealed class PasskeyRecord : Endpoints.IPersonalItem
{
    /// <summary>Random id, shown to the person to remove the passkey.</summary>
    public string Id { get; set; } = "";

    /// <summary>The credential id (WebAuthn Level 3 §4), base64url; unique.</summary>
    public string CredentialId { get; set; } = "";

    /// <summary>The person (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The credential public key, COSE_Key encoded (WebAuthn Level 3 §6.5.1.1).</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The highest signature counter seen (WebAuthn Level 3 §6.1.1); 0 for authenticators that keep none.</summary>
    public long SignCount { get; set; }

    /// <summary>A short name from the browser's User-Agent, e.g. "Chrome on Android".</summary>
    public string Label { get; set; } = "";

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last signed (a sign-in or an approval).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
