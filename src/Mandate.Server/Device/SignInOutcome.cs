namespace Mandate.Server.Device;

/// <summary>Result of a device sign-in attempt.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>Wrong username or password (or disabled user): 401.</summary>
    InvalidCredentials,

    /// <summary>Locked out or rate-limited: 429.</summary>
    LockedOut,
}
