namespace Mandate.Client.Ciba;

/// <summary>
/// One step of a CIBA flow, for a UI that shows a countdown. <see cref="ToString"/> leaves out the <c>auth_req_id</c>.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="AuthReqId">The OP's <c>auth_req_id</c> (CIBA Core §7.3).</param>
/// <param name="Deadline">When the request expires (<c>expires_in</c> counted from when it was sent).</param>
/// <param name="Interval">The current polling interval (5 s when the OP sent none; +5 s per <c>slow_down</c>).</param>
/// <param name="NextPollAt">When the next poll is due, or null when the flow has ended.</param>
public sealed record CibaProgress(CibaProgressKind Kind, string AuthReqId, DateTimeOffset Deadline, TimeSpan Interval, DateTimeOffset? NextPollAt)
{
    /// <summary>The time left until <see cref="Deadline"/> at <paramref name="now"/>, never negative.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The remaining time.</returns>
    public TimeSpan Remaining(DateTimeOffset now) => Deadline > now ? Deadline - now : TimeSpan.Zero;

    /// <summary>Describes the step without the <c>auth_req_id</c>.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"CibaProgress {{ Kind = {Kind}, Deadline = {Deadline:O}, Interval = {Interval.TotalSeconds} s, NextPollAt = {NextPollAt:O} }}";
}
