namespace Mandate.Server.Device;

/// <summary>The device session cookie (HttpOnly, SameSite=Strict; Secure under HTTPS).</summary>
public static class DeviceSession
{
    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "Mandate.Device";

    /// <summary>Cookie name.</summary>
    public const string CookieName = "mandate_device";
}
