using Mandate.Server.Device;

namespace Mandate.Server.Tests.Device;

/// <summary>The per-address budget of unsuccessful sign-ins (fixed one-minute windows).</summary>
public sealed class SignInAddressLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AfterTheLimitOfFailures_TheAddressWaitsUntilTheWindowEnds()
    {
        var limiter = new SignInAddressLimiter(3, _time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.RetryAfter("a"));
            limiter.RecordFailure("a");
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.RetryAfter("a"));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(limiter.RetryAfter("a"));
    }

    [Fact]
    public void OneAddressOverItsLimit_DoesNotLimitAnother()
    {
        var limiter = new SignInAddressLimiter(1, _time);
        limiter.RecordFailure("a");
        Assert.NotNull(limiter.RetryAfter("a"));
        Assert.Null(limiter.RetryAfter("b"));
    }

    [Fact]
    public void AnAddressThatNeverFailed_IsNeverLimited_HoweverOftenItAsks()
    {
        var limiter = new SignInAddressLimiter(1, _time);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.RetryAfter("a"));
        }
    }
}
