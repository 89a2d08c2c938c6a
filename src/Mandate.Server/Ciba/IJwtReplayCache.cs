namespace Mandate.Server.Ciba;

/// <summary>Remembers JWT ids (<c>jti</c>) until they expire, to refuse a second use (OIDC Core §9, CIBA §7.1.1).</summary>
public interface IJwtReplayCache
{
    /// <summary>Records the id; returns false when it was already recorded for the same purpose and client.</summary>
    ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="TryUseAsync"/>, but a store with a unit of work records the id with the caller's next save (the
    /// request it authorizes, or the audit row of its refusal), so that accepting a request costs one commit. A
    /// concurrent first use of the same id then makes that save fail on the unique key, and the caller answers as for
    /// a replay. Stores without a unit of work record it at once.
    /// </summary>
    ValueTask<bool> TryReserveAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        TryUseAsync(purpose, clientId, jwtId, expiresAt, cancellationToken);
}
