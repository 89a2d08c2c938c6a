using Mandate.Server.Data;

namespace Mandate.Server.Keys;

/// <summary>
/// The state of the signing keys at one instant, computed from the stored generations. Generations activate in order
/// (a new one is created only after the previous one activated, or promoted by <c>keys rotate --now</c>):
/// <list type="bullet">
/// <item><b>current</b>: the newest generation whose activation time has passed; it signs every token.</item>
/// <item><b>next</b>: at most one generation not active yet; published in the JWKS (RFC 7517 §5) so verifiers learn
/// it before the first token it signs (OpenID Connect Core §10.1.1: "signers SHOULD publish … keys before using
/// them").</item>
/// <item><b>retiring</b>: older generations replaced less than <see cref="SigningKeyPolicy.RetainFor"/> ago; still
/// published so the tokens they signed verify until they expire.</item>
/// <item><b>expired</b>: the rest; no longer published, and deleted.</item>
/// </list>
/// </summary>
internal sealed class SigningKeySchedule
{
    private SigningKeySchedule(SigningKey current, SigningKey? next, IReadOnlyList<SigningKey> retiring, IReadOnlyList<SigningKey> expired)
    {
        Current = current;
        Next = next;
        Retiring = retiring;
        Expired = expired;
    }

    /// <summary>The key that signs.</summary>
    public SigningKey Current { get; }

    /// <summary>The key published ahead of its activation, if any.</summary>
    public SigningKey? Next { get; }

    /// <summary>Replaced keys still published, newest first.</summary>
    public IReadOnlyList<SigningKey> Retiring { get; }

    /// <summary>Replaced keys past their retention.</summary>
    public IReadOnlyList<SigningKey> Expired { get; }

    /// <summary>Every key the JWKS publishes: the current one first (it signs), then the next, then the retiring ones.</summary>
    public IEnumerable<SigningKey> Published
    {
        get
        {
            yield return Current;
            if (Next is not null)
            {
                yield return Next;
            }

            foreach (var key in Retiring)
            {
                yield return key;
            }
        }
    }

    /// <summary>Computes the schedule; null when no signing key has activated yet (none stored).</summary>
    public static SigningKeySchedule? Compute(IEnumerable<SigningKey> signingKeys, DateTimeOffset now, SigningKeyPolicy policy)
    {
        var ordered = signingKeys.OrderByDescending(k => k.Generation).ToList();
        var currentIndex = ordered.FindIndex(k => k.ActivatesAt <= now);
        if (currentIndex < 0)
        {
            return null;
        }

        var current = ordered[currentIndex];
        var next = currentIndex > 0 ? ordered[currentIndex - 1] : null;
        var retiring = new List<SigningKey>();
        var expired = new List<SigningKey>();
        for (var i = currentIndex + 1; i < ordered.Count; i++)
        {
            // Replaced when its successor (the next newer generation) activated.
            var replacedAt = ordered[i - 1].ActivatesAt;
            (replacedAt + policy.RetainFor > now ? retiring : expired).Add(ordered[i]);
        }

        // Generations beyond the first pending one (only a race or a hand edit makes them) are left alone.
        return new SigningKeySchedule(current, next, retiring, expired);
    }

    /// <summary>
    /// When automatic rotation should create the next key: null when rotation is off or a next key already exists;
    /// otherwise <see cref="SigningKeyPolicy.PublishAhead"/> before the current key's period ends.
    /// </summary>
    public DateTimeOffset? NextRotationDue(SigningKeyPolicy policy) =>
        Next is null && policy.RotationPeriod is { } period ? Current.ActivatesAt + period - policy.PublishAhead : null;

    /// <summary>
    /// The activation time of a key that automatic rotation creates now: the end of the current key's period, and
    /// never sooner than <see cref="SigningKeyPolicy.PublishAhead"/> from now (so it is published for that long first).
    /// </summary>
    public DateTimeOffset ScheduledActivation(DateTimeOffset now, SigningKeyPolicy policy)
    {
        var earliest = now + policy.PublishAhead;
        return policy.RotationPeriod is { } period && Current.ActivatesAt + period > earliest ? Current.ActivatesAt + period : earliest;
    }
}
