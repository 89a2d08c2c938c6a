using Mandate.Server.Ciba;
using Mandate.Server.Data;

namespace Mandate.Server.Tests.Protocol;

public sealed class PollTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static BackchannelRequestRecord Request(string id = "r1", DateTimeOffset? expiresAt = null) => new()
    {
        Id = id, AuthReqIdHash = "hash-" + id, ClientId = "agent", Subject = "user", Status = BackchannelRequestStatus.Pending,
        CreatedAt = T0, ExpiresAt = expiresAt ?? T0.AddMinutes(5), IntervalSeconds = 5,
    };

    /// <summary>The first poll as the token endpoint makes it: read (the given copy), apply, decide, record.</summary>
    private static PollDecision PollFromStore(PollTracker tracker, BackchannelRequestRecord read, DateTimeOffset now, long? version = null)
    {
        var before = version ?? tracker.Version;
        tracker.Apply(read);
        var decision = BackchannelRequestStateMachine.Poll(read, "agent", now);
        if (decision.RecordPoll)
        {
            tracker.Record(read, now, decision.IntervalSeconds, before);
        }

        return decision;
    }

    [Fact]
    public void Apply_AfterRecord_CopiesTheLastPollAndRaisedInterval()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        tracker.Record(Request(), T0.AddSeconds(2), 10, tracker.Version);
        var request = Request();

        tracker.Apply(request);

        Assert.Equal((T0.AddSeconds(2), 10), (request.LastPolledAt, request.IntervalSeconds));
    }

    [Fact]
    public void SecondPollSoonerThanTheInterval_IsSlowDown_WithoutAnyStoreWrite()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        var firstDecision = PollFromStore(tracker, Request(), T0);

        var secondDecision = PollFromStore(tracker, Request(), T0.AddSeconds(1));

        Assert.Equal(("authorization_pending", "slow_down", 10), (firstDecision.Error?.Code, secondDecision.Error?.Code, secondDecision.IntervalSeconds));
    }

    [Fact]
    public void TryAnswerTooEarly_AfterAPendingRead_IsSlowDownWithTheIntervalRaisedByFive()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);

        var answered = tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(1), out var decision);

        Assert.Equal((true, "slow_down", 10), (answered, decision.Error?.Code, decision.IntervalSeconds));
    }

    [Fact]
    public void TryAnswerTooEarly_RecordsThePoll_SoTheNextIntervalCountsFromIt()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);
        tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(1), out _);

        var request = Request();
        tracker.Apply(request);

        Assert.Equal((T0.AddSeconds(1), 10), (request.LastPolledAt, request.IntervalSeconds));
    }

    [Fact]
    public void TryAnswerTooEarly_OnceTheIntervalHasPassed_LeavesThePollToTheStore()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);

        Assert.False(tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(5), out _));
    }

    [Fact]
    public void TryAnswerTooEarly_ForAnotherClient_LeavesThePollToTheStore()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);

        Assert.False(tracker.TryAnswerTooEarly("hash-r1", "other-client", T0.AddSeconds(1), out _));
    }

    [Fact]
    public void TryAnswerTooEarly_ForAnUnknownRequest_LeavesThePollToTheStore()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);

        Assert.False(tracker.TryAnswerTooEarly("hash-unknown", "agent", T0.AddSeconds(1), out _));
    }

    [Fact]
    public void TryAnswerTooEarly_AfterExpiry_LeavesThePollToTheStore()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(expiresAt: T0.AddSeconds(2)), T0);

        Assert.False(tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(2), out _));
    }

    [Fact]
    public void TryAnswerTooEarly_AfterForget_LeavesThePollToTheStore()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request(), T0);

        tracker.Forget("r1");

        Assert.False(tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(1), out _));
    }

    [Fact]
    public void PendingReadThatStartedBeforeAForget_IsNotUsedToAnswerFromMemory()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        var versionBeforeRead = tracker.Version;
        tracker.Forget("r1");

        PollFromStore(tracker, Request(), T0, versionBeforeRead);

        Assert.Equal((1, false), (tracker.Count, tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(1), out _)));
    }

    [Fact]
    public void PendingReadThatStartedBeforeAForget_StillCountsForTheIntervalCheck()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        var versionBeforeRead = tracker.Version;
        tracker.Forget("another");
        PollFromStore(tracker, Request(), T0, versionBeforeRead);

        var second = PollFromStore(tracker, Request(), T0.AddSeconds(1));

        Assert.Equal("slow_down", second.Error?.Code);
    }

    [Fact]
    public void WhileSuspended_NothingIsAnsweredFromMemory_AndEarlierEntriesStayUnusableAfterResume()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        PollFromStore(tracker, Request("before"), T0);

        tracker.Suspend();
        PollFromStore(tracker, Request("during"), T0);
        var suspended = tracker.TryAnswerTooEarly("hash-during", "agent", T0.AddSeconds(1), out _);
        tracker.Resume();

        Assert.Equal(
            (false, false, false),
            (suspended, tracker.TryAnswerTooEarly("hash-before", "agent", T0.AddSeconds(1), out _), tracker.TryAnswerTooEarly("hash-during", "agent", T0.AddSeconds(1), out _)));
    }

    [Fact]
    public void AfterResume_APendingRead_IsAnsweredFromMemoryAgain()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        tracker.Suspend();
        tracker.Resume();

        PollFromStore(tracker, Request(), T0);

        Assert.True(tracker.TryAnswerTooEarly("hash-r1", "agent", T0.AddSeconds(1), out _));
    }

    [Fact]
    public void Forget_DropsTheEntry()
    {
        var tracker = new PollTracker(new FakeTimeProvider(T0));
        tracker.Record(Request(), T0, 5, tracker.Version);

        tracker.Forget("r1");

        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Sweep_DropsOnlyExpiredRequests()
    {
        var time = new FakeTimeProvider(T0);
        var tracker = new PollTracker(time);
        tracker.Record(Request("short", T0.AddMinutes(1)), T0, 5, tracker.Version);
        tracker.Record(Request("long", T0.AddMinutes(10)), T0, 5, tracker.Version);
        time.Advance(TimeSpan.FromMinutes(2));

        tracker.Sweep();
        var kept = Request("long");
        tracker.Apply(kept);

        Assert.Equal((1, T0), (tracker.Count, kept.LastPolledAt));
    }
}
