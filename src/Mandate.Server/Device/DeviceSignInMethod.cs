namespace Mandate.Server.Device;

/// <summary>How a device session was signed in (<see cref="Data.DeviceSessionRecord.SignInMethod"/>).</summary>
internal static class DeviceSignInMethod
{
    /// <summary>Username and password.</summary>
    public const string Password = "password";

    /// <summary>A passkey assertion with user verification (WebAuthn Level 3 §7.2).</summary>
    public const string Passkey = "passkey";
}
