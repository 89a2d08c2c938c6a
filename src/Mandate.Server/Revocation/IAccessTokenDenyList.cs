namespace Mandate.Server.Revocation;

/// <summary>
/// Access tokens revoked before their expiry (RFC 7009 §2). Access tokens are self-contained JWTs with no row of their
/// own, so a revoked token's <c>jti</c> is remembered until its <c>exp</c>, then forgotten with it.
/// </summary>
public interface IAccessTokenDenyList
{
    /// <summary>Adds the token; adding it again is harmless.</summary>
    ValueTask AddAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Whether the token was revoked.</summary>
    ValueTask<bool> ContainsAsync(string clientId, string jwtId, CancellationToken cancellationToken);
}
