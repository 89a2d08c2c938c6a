using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.Protocol;

public sealed class PollTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static BackchannelRequestRecord Request(string id = "r1") => new()
    {
        Id = id, ClientId = "agent", Subject = "user", Status = BackchannelRequestStatus.Pending,
        CreatedAt = T0, ExpiresAt = T0.AddMinutes(5), IntervalSeconds = 5,
    };

    [Fact]
    public void Apply_AfterRecord_CopiesTheLastPollAndRaisedInterval()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        tracker.Record("r1", T0.AddSeconds(2), 10, T0.AddMinutes(5));
        var request = Request();

        tracker.Apply(request);

        Assert.Equal((T0.AddSeconds(2), 10), (request.LastPolledAt, request.IntervalSeconds));
    }

    [Fact]
    public void SecondPollSoonerThanTheInterval_IsSlowDown_WithoutAnyStoreWrite()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        var first = Request();
        tracker.Apply(first);
        var firstDecision = BackchannelRequestStateMachine.Poll(first, "agent", T0);
        tracker.Record(first.Id, T0, firstDecision.IntervalSeconds, first.ExpiresAt);

        var second = Request();
        tracker.Apply(second);
        var secondDecision = BackchannelRequestStateMachine.Poll(second, "agent", T0.AddSeconds(1));

        Assert.Equal(("authorization_pending", "slow_down", 10), (firstDecision.Error?.Code, secondDecision.Error?.Code, secondDecision.IntervalSeconds));
    }

    [Fact]
    public void Forget_DropsTheEntry()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        tracker.Record("r1", T0, 5, T0.AddMinutes(5));

        tracker.Forget("r1");

        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Sweep_DropsOnlyExpiredRequests()
    {
        var time = new FakeTimeProvider(T0);
        var tracker = new PollTracker(time);
        tracker.Record("short", T0, 5, T0.AddMinutes(1));
        tracker.Record("long", T0, 5, T0.AddMinutes(10));
        time.Advance(TimeSpan.FromMinutes(2));

        tracker.Sweep();
        var kept = Request("long");
        tracker.Apply(kept);

        Assert.Equal((1, T0), (tracker.Count, kept.LastPolledAt));
    }
}
