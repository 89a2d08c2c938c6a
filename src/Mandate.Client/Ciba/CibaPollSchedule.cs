namespace Mandate.Client.Ciba;

/// <summary>
/// The polling arithmetic of CIBA Core §7.3 and §11: wait <c>interval</c> (5 s when absent) between polls;
/// <c>slow_down</c> adds 5 s to this and every later interval; stop at the <c>expires_in</c> deadline, counted from when
/// the request was sent (no later than the OP's own clock starts).
/// </summary>
internal sealed class CibaPollSchedule
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SlowDownIncrement = TimeSpan.FromSeconds(5);

    public CibaPollSchedule(DateTimeOffset sentAt, TimeSpan expiresIn, TimeSpan? interval)
        : this(sentAt + expiresIn, interval, sentAt)
    {
    }

    /// <summary>The schedule of a request that expires at <paramref name="deadline"/>, waited on from <paramref name="now"/>.</summary>
    public CibaPollSchedule(DateTimeOffset deadline, TimeSpan? interval, DateTimeOffset now)
    {
        Deadline = deadline;
        Interval = interval is { } given && given > TimeSpan.Zero ? given : DefaultInterval;
        var remaining = deadline > now ? deadline - now : TimeSpan.Zero;
        MaxPolls = (int)Math.Min(100_000, Math.Ceiling(remaining.TotalSeconds / Interval.TotalSeconds) + 2);
    }

    public DateTimeOffset Deadline { get; }

    public TimeSpan Interval { get; private set; }

    /// <summary>An upper bound on the number of polls, so the loop is bounded in count as well as in time.</summary>
    public int MaxPolls { get; }

    public void SlowDown() => Interval += SlowDownIncrement;

    /// <summary>When the poll after one at <paramref name="lastPoll"/> is due, or null when that is past the deadline.</summary>
    public DateTimeOffset? NextPollAfter(DateTimeOffset lastPoll)
    {
        var next = lastPoll + Interval;
        return next <= Deadline ? next : null;
    }
}
