using Mandate.Server.Ciba;
using Mandate.Server.Data;

namespace Mandate.Server.Tests.Protocol;

public sealed class BackchannelRequestStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static BackchannelRequestRecord Request(BackchannelRequestStatus status = BackchannelRequestStatus.Pending, DateTimeOffset? lastPoll = null) => new()
    {
        Id = "r1", ClientId = "agent", Subject = "user", Status = status,
        CreatedAt = T0, ExpiresAt = T0.AddMinutes(5), IntervalSeconds = 5, LastPolledAt = lastPoll,
    };

    [Fact]
    public void Pending_FirstPoll_IsAuthorizationPendingAndRecorded()
    {
        var decision = BackchannelRequestStateMachine.Poll(Request(), "agent", T0.AddSeconds(1));
        Assert.Equal("authorization_pending", decision.Error?.Code);
        Assert.True(decision.RecordPoll);
    }

    [Fact]
    public void Pending_PollBeforeInterval_IsSlowDownWithIntervalPlusFive()
    {
        var decision = BackchannelRequestStateMachine.Poll(Request(lastPoll: T0), "agent", T0.AddSeconds(4));
        Assert.Equal("slow_down", decision.Error?.Code);
        Assert.Equal(10, decision.IntervalSeconds);
    }

    [Fact]
    public void Pending_PollWithinTheJitterTolerance_IsAuthorizationPending() =>
        Assert.Equal("authorization_pending", BackchannelRequestStateMachine.Poll(Request(lastPoll: T0), "agent", T0.AddMilliseconds(4800)).Error?.Code);

    [Fact]
    public void Pending_PollExactlyAtInterval_IsAuthorizationPending() =>
        Assert.Equal("authorization_pending", BackchannelRequestStateMachine.Poll(Request(lastPoll: T0), "agent", T0.AddSeconds(5)).Error?.Code);

    [Theory]
    [InlineData(nameof(BackchannelRequestStatus.Pending))]
    [InlineData(nameof(BackchannelRequestStatus.Approved))]
    public void PastExpiry_IsExpiredToken(string status) => // by name: a public test method cannot take the internal enum
        Assert.Equal("expired_token", BackchannelRequestStateMachine.Poll(Request(Enum.Parse<BackchannelRequestStatus>(status)), "agent", T0.AddMinutes(5)).Error?.Code);

    [Fact]
    public void Approved_BeforeExpiry_Redeems() =>
        Assert.True(BackchannelRequestStateMachine.Poll(Request(BackchannelRequestStatus.Approved, T0), "agent", T0.AddSeconds(1)).Redeem);

    [Fact]
    public void Denied_IsAccessDenied() =>
        Assert.Equal("access_denied", BackchannelRequestStateMachine.Poll(Request(BackchannelRequestStatus.Denied), "agent", T0).Error?.Code);

    [Fact]
    public void UnknownOtherClientOrRedeemed_IsInvalidGrant()
    {
        Assert.Equal("invalid_grant", BackchannelRequestStateMachine.Poll(null, "agent", T0).Error?.Code);
        Assert.Equal("invalid_grant", BackchannelRequestStateMachine.Poll(Request(BackchannelRequestStatus.Approved), "other", T0).Error?.Code);
        Assert.Equal("invalid_grant", BackchannelRequestStateMachine.Poll(Request(BackchannelRequestStatus.Redeemed), "agent", T0).Error?.Code);
    }

    [Fact]
    public void Decide_OnlyTheNamedUserWhilePendingAndUnexpired()
    {
        Assert.Equal(DeviceDecisionCheck.Allowed, BackchannelRequestStateMachine.CanDecide(Request(), "user", T0));
        Assert.Equal(DeviceDecisionCheck.NotFound, BackchannelRequestStateMachine.CanDecide(Request(), "someone-else", T0));
        Assert.Equal(DeviceDecisionCheck.NotFound, BackchannelRequestStateMachine.CanDecide(null, "user", T0));
        Assert.Equal(DeviceDecisionCheck.Conflict, BackchannelRequestStateMachine.CanDecide(Request(BackchannelRequestStatus.Approved), "user", T0));
        Assert.Equal(DeviceDecisionCheck.Conflict, BackchannelRequestStateMachine.CanDecide(Request(), "user", T0.AddMinutes(5)));
    }
}
