using Mandate.Server.Device;

namespace Mandate.Server.Tests.Device;

/// <summary>Per-account backoff: free attempts, then one attempt per doubling interval, never a lockout.</summary>
public sealed class AccountThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private AccountThrottle Throttle() => new(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), _time);

    [Fact]
    public void FiveAttempts_AreFree_TheSixthWaitsOneMinute()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("end.user"));
        }

        Assert.Equal(TimeSpan.FromMinutes(1), throttle.TryBegin("end.user"));
    }

    [Fact]
    public void EachFurtherFailure_DoublesTheWait_UpToTheMaximum()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            throttle.TryBegin("end.user");
        }

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var wait = throttle.TryBegin("end.user")!.Value;
            waits.Add(wait);
            _time.Advance(wait);
            Assert.Null(throttle.TryBegin("end.user"));
        }

        Assert.Equal([1, 2, 4, 8, 15, 15], waits.Select(w => w.TotalMinutes));
    }

    [Fact]
    public void RefusedAttempts_DoNotLengthenTheWait_SoTheOwnerGetsTheNextSlotOnTime()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            throttle.TryBegin("end.user");
        }

        for (var i = 0; i < 50; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.NotNull(throttle.TryBegin("end.user"));
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(throttle.TryBegin("end.user"));
    }

    [Fact]
    public void Success_StartsTheCountAgain()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            throttle.TryBegin("end.user");
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(throttle.TryBegin("end.user"));
        throttle.Succeeded("end.user");
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("end.user"));
        }
    }

    [Fact]
    public void ParallelAttempts_CannotSlipPastTheFreeCount()
    {
        var throttle = Throttle();
        var allowed = 0;
        Parallel.For(0, 64, _ =>
        {
            if (throttle.TryBegin("end.user") is null)
            {
                Interlocked.Increment(ref allowed);
            }
        });
        Assert.Equal(5, allowed);
    }

    [Fact]
    public void OneAccountThrottled_DoesNotThrottleAnother()
    {
        var throttle = Throttle();
        for (var i = 0; i < 6; i++)
        {
            throttle.TryBegin("ghost");
        }

        Assert.NotNull(throttle.TryBegin("ghost"));
        Assert.Null(throttle.TryBegin("end.user"));
    }
}
