using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>What to answer a CIBA token request (CIBA §10.1, §11).</summary>
/// <param name="Error">The error to return, or null to issue tokens.</param>
/// <param name="RecordPoll">Whether to store the poll time (and the new interval).</param>
/// <param name="IntervalSeconds">The interval to store.</param>
internal sealed record PollDecision(OAuthError? Error, bool RecordPoll, int IntervalSeconds)
{
    /// <summary>Whether tokens may be issued (after the atomic redemption succeeds).</summary>
    public bool Redeem => Error is null;
}
