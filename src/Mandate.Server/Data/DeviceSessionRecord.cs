namespace Mandate.Server.Data;

/// <summary>
/// A signed-in session of the device page, kept on the server so that sign-out, a password change or a timeout ends it
/// on every instance, also after a restart. The session id itself is only in the (encrypted) cookie; the row keeps its
/// SHA-256.
/// </summary>
internal sealed class DeviceSessionRecord
{
    /// <summary>SHA-256 of the session id, base64url.</summary>
    public string Id { get; set; } = "";

    /// <summary>The signed-in user (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>When the user signed in.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How the user signed in (<see cref="Device.DeviceSignInMethod"/>): a password or a passkey.</summary>
    public string SignInMethod { get; set; } = Device.DeviceSignInMethod.Password;

    /// <summary>Last time the session was used, written at most about once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Absolute end of the session, however active it is.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the session was ended (sign-out, password change, account disabled), if it was.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
