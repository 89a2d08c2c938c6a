using Mandate.Server.Data;
using Mandate.Server.Device;

namespace Mandate.Server.Tests.Device;

/// <summary>The rules of a device session: revocation, absolute lifetime, idle timeout, and how often its use is written.</summary>
public sealed class DeviceSessionPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeviceSessionPolicy Policy = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(12), TimeSpan.FromMinutes(1));

    private static DeviceSessionRecord Session() => Policy.Start("hash", "sub-1", Start);

    [Fact]
    public void Start_SetsTheAbsoluteEndFromSignIn()
    {
        var session = Session();
        Assert.Equal(Start, session.CreatedAt);
        Assert.Equal(Start, session.LastSeenAt);
        Assert.Equal(Start.AddHours(12), session.ExpiresAt);
    }

    [Fact]
    public void Check_UsedWithinTheIdleTimeout_IsActive() =>
        Assert.Equal(DeviceSessionCheck.Active, Policy.Check(Session(), Start.AddMinutes(14)));

    [Fact]
    public void Check_UnusedForTheIdleTimeout_IsIdle() =>
        Assert.Equal(DeviceSessionCheck.Idle, Policy.Check(Session(), Start.AddMinutes(15)));

    [Fact]
    public void Check_UsedRecentlyButPastTheAbsoluteLifetime_IsExpired()
    {
        var session = Session();
        session.LastSeenAt = Start.AddHours(12).AddMinutes(-1);
        Assert.Equal(DeviceSessionCheck.Expired, Policy.Check(session, Start.AddHours(12)));
    }

    [Fact]
    public void Check_RevokedSession_IsRevokedEvenWhenFresh()
    {
        var session = Session();
        session.RevokedAt = Start;
        Assert.Equal(DeviceSessionCheck.Revoked, Policy.Check(session, Start));
    }

    [Fact]
    public void Check_NoRow_IsUnknown() =>
        Assert.Equal(DeviceSessionCheck.Unknown, Policy.Check(null, Start));

    [Fact]
    public void ShouldTouch_OnlyOnceTheTouchIntervalHasPassed()
    {
        var session = Session();
        Assert.False(Policy.ShouldTouch(session, Start.AddSeconds(59)));
        Assert.True(Policy.ShouldTouch(session, Start.AddSeconds(60)));
    }
}
