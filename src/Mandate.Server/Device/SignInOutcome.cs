namespace Mandate.Server.Device;

/// <summary>Result of a device sign-in attempt.</summary>
internal enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>Wrong username or password (or disabled user): 401.</summary>
    InvalidCredentials,

    /// <summary>Not checked: the account or the address must wait (429 with <c>Retry-After</c>).</summary>
    Throttled,
}
