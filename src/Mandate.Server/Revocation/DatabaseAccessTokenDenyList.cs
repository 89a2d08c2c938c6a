using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Revocation;

/// <summary>
/// <see cref="IAccessTokenDenyList"/> in the <c>UsedJwtIds</c> table, under its own purpose
/// (<see cref="Purpose"/>): a unique key per client and <c>jti</c>, removed after <c>exp</c> like the other entries.
/// Every instance on the same database sees a revocation at once.
/// </summary>
internal sealed class DatabaseAccessTokenDenyList(MandateDbContext db, IJwtReplayCache entries) : IAccessTokenDenyList
{
    /// <summary>The purpose under which revoked access tokens are kept.</summary>
    public const string Purpose = "revoked_access_token";

    /// <inheritdoc />
    public async ValueTask AddAsync(string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        // False means it is there already (revoked twice, or by two requests at once): the same outcome.
        await entries.TryUseAsync(Purpose, clientId, jwtId, expiresAt, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> ContainsAsync(string clientId, string jwtId, CancellationToken cancellationToken)
    {
        var key = DatabaseJwtReplayCache.Key(Purpose, clientId, jwtId);
        return await db.UsedJwtIds.AsNoTracking().AnyAsync(j => j.Id == key, cancellationToken);
    }
}
