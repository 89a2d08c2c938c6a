using Mandate.Server.Configuration;
using Mandate.Server.Data;

namespace Mandate.Server.Device;

/// <summary>
/// When a device session is valid: not revoked, within its absolute lifetime, and used within the idle timeout (OWASP
/// ASVS 4.0.3 V3.3.1: sign-out and expiry invalidate the session; V3.3.2: an idle and an absolute limit; V3.3.3: a
/// password change ends the other sessions; NIST SP 800-63B §7.2: both limits enforced by the server). The last use is written at most once per <see cref="TouchInterval"/>, so a session costs
/// one indexed read per request and a write about once a minute; the idle timeout is therefore exact to within that
/// interval.
/// </summary>
/// <param name="idleTimeout">How long a session may go unused.</param>
/// <param name="absoluteLifetime">How long a session lasts at most after sign-in.</param>
/// <param name="touchInterval">How often the last use is written at most.</param>
internal sealed class DeviceSessionPolicy(TimeSpan idleTimeout, TimeSpan absoluteLifetime, TimeSpan touchInterval)
{
    /// <summary>The default for <see cref="TouchInterval"/>: one minute.</summary>
    public static readonly TimeSpan DefaultTouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long a session may go unused.</summary>
    public TimeSpan IdleTimeout { get; } = idleTimeout;

    /// <summary>How long a session lasts at most after sign-in.</summary>
    public TimeSpan AbsoluteLifetime { get; } = absoluteLifetime;

    /// <summary>How often the last use is written at most.</summary>
    public TimeSpan TouchInterval { get; } = touchInterval;

    /// <summary>The policy the options set (<see cref="MandateServerOptions.DeviceSessionIdleMinutes"/>,
    /// <see cref="MandateServerOptions.DeviceSessionLifetimeMinutes"/>).</summary>
    public static DeviceSessionPolicy From(MandateServerOptions options) => new(
        TimeSpan.FromMinutes(options.DeviceSessionIdleMinutes),
        TimeSpan.FromMinutes(options.DeviceSessionLifetimeMinutes),
        DefaultTouchInterval);

    /// <summary>A new session's row.</summary>
    public DeviceSessionRecord Start(string idHash, string subject, DateTimeOffset now, string signInMethod = DeviceSignInMethod.Password) => new()
    {
        Id = idHash,
        Subject = subject,
        SignInMethod = signInMethod,
        CreatedAt = now,
        LastSeenAt = now,
        ExpiresAt = now + AbsoluteLifetime,
    };

    /// <summary>Whether <paramref name="session"/> is valid at <paramref name="now"/>, and if not, why.</summary>
    public DeviceSessionCheck Check(DeviceSessionRecord? session, DateTimeOffset now) => session switch
    {
        null => DeviceSessionCheck.Unknown,
        { RevokedAt: not null } => DeviceSessionCheck.Revoked,
        _ when now >= session.ExpiresAt => DeviceSessionCheck.Expired,
        _ when now - session.LastSeenAt >= IdleTimeout => DeviceSessionCheck.Idle,
        _ => DeviceSessionCheck.Active,
    };

    /// <summary>Whether the last use of an active session is old enough to be written again.</summary>
    public bool ShouldTouch(DeviceSessionRecord session, DateTimeOffset now) => now - session.LastSeenAt >= TouchInterval;
}
