namespace Mandate.Server.Device;

/// <summary>
/// The device session cookie: HttpOnly, SameSite=Strict, Path=/device, Secure under HTTPS, and a session cookie in the
/// sense of RFC 6265 §4.1.2.1 and §5.3 (no <c>Expires</c> or <c>Max-Age</c>): the browser drops it when it closes. Its
/// (encrypted) ticket carries the session id, which the server checks against <c>DeviceSessions</c> on every request
/// (<see cref="DeviceSessionStore"/>).
/// </summary>
internal static class DeviceSession
{
    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "Mandate.Device";

    /// <summary>Cookie name.</summary>
    public const string CookieName = "mandate_device";

    /// <summary>The claim of the cookie's ticket that holds the session id.</summary>
    public const string SessionIdClaim = "mandate_sid";
}
