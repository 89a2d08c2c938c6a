namespace Mandate.Server.Ciba;

/// <summary>How a <see cref="BackchannelWrite"/> was written.</summary>
/// <param name="Written">True when written as planned.</param>
/// <param name="Replayed">True when its use was recorded before and only the replay's refusal was written.</param>
/// <param name="Pending">The decision on the person's waiting requests, when one was made (a refusal when
/// neither <paramref name="Written"/> nor <paramref name="Replayed"/>).</param>
internal sealed record BackchannelWriteOutcome(bool Written, bool Replayed, PendingDecision? Pending)
{
    /// <summary>Written as planned, with no decision on waiting requests.</summary>
    public static readonly BackchannelWriteOutcome Done = new(true, false, null);

    /// <summary>The use was recorded before.</summary>
    public static readonly BackchannelWriteOutcome Replay = new(false, true, null);
}
