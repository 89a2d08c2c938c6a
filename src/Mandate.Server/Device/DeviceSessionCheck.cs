namespace Mandate.Server.Device;

/// <summary>What <see cref="DeviceSessionPolicy.Check"/> found for a session.</summary>
internal enum DeviceSessionCheck
{
    /// <summary>The session is valid.</summary>
    Active,

    /// <summary>No such session (never issued, or removed after it expired).</summary>
    Unknown,

    /// <summary>Ended by sign-out, a password change or a disabled account.</summary>
    Revoked,

    /// <summary>Past its absolute lifetime.</summary>
    Expired,

    /// <summary>Unused for longer than the idle timeout.</summary>
    Idle,
}
