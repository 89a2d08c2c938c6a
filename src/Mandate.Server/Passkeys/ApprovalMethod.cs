namespace Mandate.Server.Passkeys;

/// <summary>
/// How the person approved a request (<see cref="Data.BackchannelRequestRecord.ApprovalMethod"/>), and what the tokens
/// then say about it: RFC 8176 <c>amr</c> values (§2: <c>pop</c> proof of possession of a key, <c>user</c> user
/// presence/verification by the authenticator, <c>pwd</c> password) and this server's <c>acr</c> values (OIDC Core §2,
/// docs/device.md "Passkeys").
/// </summary>
internal static class ApprovalMethod
{
    /// <summary>A passkey assertion with user verification whose challenge covers the request.</summary>
    public const string Passkey = "passkey";

    /// <summary>A click in a session signed in with a passkey.</summary>
    public const string PasskeySession = "passkey_session";

    /// <summary>A click in a session signed in with a password.</summary>
    public const string Password = "password";

    /// <summary><c>acr</c> after <see cref="Passkey"/>: the person signed this exact transaction with a passkey.</summary>
    public const string PasskeyAcr = "urn:mandate:acr:passkey";

    /// <summary><c>acr</c> after <see cref="PasskeySession"/>.</summary>
    public const string PasskeySessionAcr = "urn:mandate:acr:passkey-session";

    /// <summary><c>acr</c> after <see cref="Password"/>.</summary>
    public const string PasswordAcr = "urn:mandate:acr:password";

    /// <summary>The <c>acr</c> values issued (discovery's <c>acr_values_supported</c>).</summary>
    public static readonly IReadOnlyList<string> AcrValues = [PasskeyAcr, PasskeySessionAcr, PasswordAcr];

    /// <summary>RFC 8176 §2 <c>amr</c> for a method; null when unknown (a request approved before methods were kept).
    /// A passkey is a key the person proves possession of (<c>pop</c>) after the authenticator verified them
    /// (<c>user</c>, WebAuthn Level 3 §6.1 flag UV). <c>hwk</c> is not claimed: nothing here attests that the key is
    /// hardware-bound (a synced passkey is not), since no attestation is asked for.</summary>
    public static string[]? Amr(string? method) => method switch
    {
        Passkey or PasskeySession => ["pop", "user"],
        Password => ["pwd"],
        _ => null,
    };

    /// <summary>The <c>acr</c> for a method; null when unknown.</summary>
    public static string? Acr(string? method) => method switch
    {
        Passkey => PasskeyAcr,
        PasskeySession => PasskeySessionAcr,
        Password => PasswordAcr,
        _ => null,
    };
}
