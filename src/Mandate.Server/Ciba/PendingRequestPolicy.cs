using Mandate.Server.Configuration;
using Mandate.Server.Data;

namespace Mandate.Server.Ciba;

/// <summary>
/// Approval fatigue (docs/device.md, "Approval fatigue"): a person asked thirty times in a burst stops reading what
/// they approve. Before a request is stored, the requests already waiting for the same person decide: an identical one
/// of the same client is replaced by the new one (collapsed: one card, "asked N times"), and beyond
/// <see cref="MandateCibaOptions.MaxPendingPerPerson"/> waiting requests, or
/// <see cref="MandateCibaOptions.MaxPendingPerClient"/> of one client, the new one is refused. Plain logic over the
/// list <see cref="BackchannelWriteQueue"/> reads inside the write transaction.
/// </summary>
internal sealed class PendingRequestPolicy(MandateCibaOptions options)
{
    /// <summary>The <c>error</c> of a refusal: <c>slow_down</c>, as CIBA §11 answers a client that polls too often.</summary>
    public const string TooManyCode = "slow_down";

    /// <summary>Whether the waiting requests need to be read at all (a cap or collapsing is on).</summary>
    public bool Applies => options.MaxPendingPerPerson > 0 || options.MaxPendingPerClient > 0 || options.CollapseIdenticalRequests;

    /// <summary>Decides for <paramref name="request"/>, given the person's unexpired waiting requests.</summary>
    public PendingDecision Decide(BackchannelRequestRecord request, IReadOnlyList<PendingRequest> waiting, DateTimeOffset now)
    {
        var replaces = options.CollapseIdenticalRequests ? waiting.Where(w => IsIdentical(w, request)).ToList() : [];
        var remaining = waiting.Where(w => !replaces.Contains(w)).ToList();
        var ofClient = remaining.Where(w => w.ClientId == request.ClientId).ToList();
        if (IsFull(remaining, options.MaxPendingPerPerson) is { } personWait)
        {
            return Refused(personWait, now);
        }

        if (IsFull(ofClient, options.MaxPendingPerClient) is { } clientWait)
        {
            return Refused(clientWait, now);
        }

        return new PendingDecision(true, replaces.Select(r => r.Id).ToList(), replaces.Sum(r => r.Repeats + 1), TimeSpan.Zero);
    }

    /// <summary>The error of a refusal (HTTP 429, <c>slow_down</c>, with <c>Retry-After</c>).</summary>
    public static Protocol.OAuthError TooMany(PendingDecision decision) => new(
        TooManyCode,
        "Too many requests are waiting for this user's answer; wait for one to be answered or to expire.",
        429,
        Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)));

    private static PendingRequest? IsFull(List<PendingRequest> counted, int cap) =>
        cap > 0 && counted.Count >= cap ? counted.MinBy(w => w.ExpiresAt) : null;

    private static PendingDecision Refused(PendingRequest firstToExpire, DateTimeOffset now) =>
        new(false, [], 0, firstToExpire.ExpiresAt - now);

    private static bool IsIdentical(PendingRequest waiting, BackchannelRequestRecord request) =>
        waiting.ClientId == request.ClientId
        && waiting.Scopes == request.Scopes
        && waiting.BindingMessage == request.BindingMessage
        && waiting.AuthorizationDetailsJson == request.AuthorizationDetailsJson
        && waiting.AcrValues == request.AcrValues;
}
