using Mandate.Server.Push;

namespace Mandate.Server.Tests.Push;

/// <summary><see cref="PushRetryPolicy"/>: what is tried again, after how long, and when it stops.</summary>
public sealed class PushRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InFiveMinutes = Now.AddMinutes(5);

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void TransientAnswers_AreTriedAgain(int status) =>
        Assert.NotNull(new PushRetryPolicy(3).NextDelay(1, (HttpStatusCode)status, null, Now, InFiveMinutes));

    [Fact]
    public void NoAnswer_IsTriedAgain() =>
        Assert.Equal(TimeSpan.FromSeconds(1), new PushRetryPolicy(3).NextDelay(1, null, null, Now, InFiveMinutes));

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(413)]
    public void PermanentAnswers_AreNotTriedAgain(int status) =>
        Assert.Null(new PushRetryPolicy(3).NextDelay(1, (HttpStatusCode)status, null, Now, InFiveMinutes));

    [Theory]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(400, false)]
    [InlineData(429, false)]
    public void NotFoundAndGone_MeanTheSubscriptionIsGone(int status, bool gone) =>
        Assert.Equal(gone, PushRetryPolicy.IsGone((HttpStatusCode)status));

    [Fact]
    public void BackOff_DoublesFromOneSecond()
    {
        var policy = new PushRetryPolicy(10);
        var delays = Enumerable.Range(1, 4).Select(a => policy.NextDelay(a, HttpStatusCode.ServiceUnavailable, null, Now, InFiveMinutes)).ToList();
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], delays);
    }

    [Fact]
    public void RetryAfter_IsHonoured_UpToSixtySeconds()
    {
        var policy = new PushRetryPolicy(3);
        Assert.Equal(TimeSpan.FromSeconds(7), policy.NextDelay(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7), Now, InFiveMinutes));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.NextDelay(1, HttpStatusCode.TooManyRequests, TimeSpan.FromHours(2), Now, InFiveMinutes));
        Assert.Equal(TimeSpan.Zero, policy.NextDelay(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(-5), Now, InFiveMinutes));
    }

    [Fact]
    public void AfterTheLastAttempt_GivesUp()
    {
        var policy = new PushRetryPolicy(3);
        Assert.NotNull(policy.NextDelay(2, HttpStatusCode.InternalServerError, null, Now, InFiveMinutes));
        Assert.Null(policy.NextDelay(3, HttpStatusCode.InternalServerError, null, Now, InFiveMinutes));
    }

    [Fact]
    public void AWaitThatOutlastsTheRequest_GivesUp()
    {
        var policy = new PushRetryPolicy(3);
        Assert.Null(policy.NextDelay(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30), Now, Now.AddSeconds(20)));
        Assert.NotNull(policy.NextDelay(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(10), Now, Now.AddSeconds(20)));
    }
}
