namespace Mandate.Server.Passkeys;

/// <summary>Why a passkey ceremony was refused: the HTTP status and the problem's <c>detail</c> (RFC 9457) for the
/// person. Never carries the assertion or anything secret.</summary>
internal sealed record PasskeyFailure(int Status, string Detail)
{
    /// <summary>A response that is not a WebAuthn credential at all.</summary>
    public static readonly PasskeyFailure Malformed = new(400, "Send the browser's PublicKeyCredential as JSON (id, rawId, type, response).");

    /// <summary>No usable challenge: none given, expired, used, or for another ceremony.</summary>
    public static readonly PasskeyFailure NoChallenge = new(403, "This passkey answer is not for a prompt this server gave, or the prompt expired or was used. Please try again.");

    /// <summary>The assertion did not verify.</summary>
    public static readonly PasskeyFailure NotVerified = new(403, "Your passkey's answer could not be verified. Please try again.");
}
