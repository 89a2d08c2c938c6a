namespace Mandate.Server.Ciba;

/// <summary>What <see cref="PendingRequestPolicy"/> decided for a new request.</summary>
/// <param name="Accepted">False when the person's queue (or this client's share of it) is full.</param>
/// <param name="Replaces">The identical waiting requests the new one replaces (they expire now).</param>
/// <param name="Repeats">The new request's <c>Repeats</c>: how many requests it stands for, besides itself.</param>
/// <param name="RetryAfter">When refused: how long until the first waiting request that counts against the cap expires.</param>
internal sealed record PendingDecision(bool Accepted, IReadOnlyList<string> Replaces, int Repeats, TimeSpan RetryAfter);
