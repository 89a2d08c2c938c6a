namespace Mandate.Server.Passkeys;

/// <summary>What a stored challenge is for (<see cref="Data.PasskeyChallengeRecord.Purpose"/>): a challenge answers one
/// ceremony only.</summary>
internal static class PasskeyCeremony
{
    /// <summary>Adding a passkey (WebAuthn Level 3 §7.1, registration).</summary>
    public const string Register = "register";

    /// <summary>Signing in with a discoverable passkey (WebAuthn Level 3 §7.2, authentication).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Approving one request (§7.2, with a challenge bound to the request: <see cref="TransactionChallenge"/>).</summary>
    public const string Approve = "approve";
}
