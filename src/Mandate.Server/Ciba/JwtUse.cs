using System.Globalization;

namespace Mandate.Server.Ciba;

/// <summary>
/// A JWT that may be used once (a request object's <c>jti</c>, CIBA §7.1.1; without one, its signed content): what
/// the bc-authorize unit of work records in the <c>UsedJwtIds</c> table, in the same transaction as the request or
/// the refusal it belongs to. A second use of the same <see cref="Key"/> fails on the table's primary key.
/// </summary>
/// <param name="Purpose">What kind of id it is (<see cref="RequestObjectValidator.JtiPurpose"/> or
/// <see cref="RequestObjectValidator.DigestPurpose"/>).</param>
/// <param name="ClientId">The client that sent it.</param>
/// <param name="JwtId">The <c>jti</c>, or the digest of the signed content.</param>
/// <param name="ExpiresAt">When the record may be removed: the JWT's <c>exp</c> plus the allowed clock skew.</param>
internal sealed record JwtUse(string Purpose, string ClientId, string JwtId, DateTimeOffset ExpiresAt)
{
    /// <summary>The row key: <see cref="ExpiresAt"/> in Unix seconds (11 digits), then <see
    /// cref="DatabaseJwtReplayCache.Key"/> (no id is stored as sent). A replay carries the same <c>exp</c>, so it meets
    /// the same key; and keys made one after another sort together, so a commit's uses share the last pages of the
    /// table's primary-key index instead of touching a random page each (docs/benchmarks.md).</summary>
    public string Key => ExpiresAt.ToUnixTimeSeconds().ToString("D11", CultureInfo.InvariantCulture) + DatabaseJwtReplayCache.Key(Purpose, ClientId, JwtId);
}
