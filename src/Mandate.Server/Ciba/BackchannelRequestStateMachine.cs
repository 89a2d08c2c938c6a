using Mandate.Server.Data;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// The life of a CIBA request: <c>Pending</c> → <c>Approved</c> | <c>Denied</c>; <c>Approved</c> → <c>Redeemed</c> once;
/// every state ends at <c>ExpiresAt</c>. Pure decisions; the store applies them with conditional updates.
/// </summary>
internal static class BackchannelRequestStateMachine
{
    /// <summary>Increase of the interval after <c>slow_down</c> (CIBA §11: at least 5 seconds).</summary>
    public const int SlowDownIncrementSeconds = 5;

    /// <summary>Timer jitter forgiven on the interval: a client waiting exactly <c>interval</c> is not told to slow down.</summary>
    public static readonly TimeSpan PollTolerance = TimeSpan.FromMilliseconds(250);

    private static readonly OAuthError UnknownAuthReqId = OAuthError.InvalidGrant("The auth_req_id is not valid for this client.");

    /// <summary>Decides a token request with the CIBA grant, in this order: unknown or another client's id, or already
    /// redeemed → <c>invalid_grant</c>; denied → <c>access_denied</c>; expired → <c>expired_token</c>; approved → issue;
    /// pending and polled sooner than the interval (less <see cref="PollTolerance"/>) → <c>slow_down</c> (interval + 5 s); pending → <c>authorization_pending</c>.</summary>
    public static PollDecision Poll(BackchannelRequestRecord? request, string clientId, DateTimeOffset now)
    {
        if (request is null || request.ClientId != clientId || request.Status == BackchannelRequestStatus.Redeemed)
        {
            return new PollDecision(UnknownAuthReqId, false, 0);
        }

        if (request.Status == BackchannelRequestStatus.Denied)
        {
            return new PollDecision(OAuthError.AccessDenied, false, request.IntervalSeconds);
        }

        if (now >= request.ExpiresAt)
        {
            return new PollDecision(OAuthError.ExpiredToken, false, request.IntervalSeconds);
        }

        if (request.Status == BackchannelRequestStatus.Approved)
        {
            return new PollDecision(null, false, request.IntervalSeconds);
        }

        if (request.LastPolledAt is { } last && now < last + TimeSpan.FromSeconds(request.IntervalSeconds) - PollTolerance)
        {
            return new PollDecision(OAuthError.SlowDown, true, request.IntervalSeconds + SlowDownIncrementSeconds);
        }

        return new PollDecision(OAuthError.AuthorizationPending, true, request.IntervalSeconds);
    }

    /// <summary>Whether <paramref name="subject"/> may approve or deny the request now. Only the named user can
    /// decide, a decision is final, and an expired request cannot be decided.</summary>
    public static DeviceDecisionCheck CanDecide(BackchannelRequestRecord? request, string subject, DateTimeOffset now)
    {
        if (request is null || request.Subject != subject)
        {
            return DeviceDecisionCheck.NotFound;
        }

        return request.Status == BackchannelRequestStatus.Pending && now < request.ExpiresAt
            ? DeviceDecisionCheck.Allowed
            : DeviceDecisionCheck.Conflict;
    }
}
