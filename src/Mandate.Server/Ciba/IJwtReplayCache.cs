namespace Mandate.Server.Ciba;

/// <summary>Remembers JWT ids (<c>jti</c>) until they expire, to refuse a second use (OIDC Core §9, CIBA §7.1.1).</summary>
public interface IJwtReplayCache
{
    /// <summary>Records the id; returns false when it was already recorded for the same purpose and client.</summary>
    ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
