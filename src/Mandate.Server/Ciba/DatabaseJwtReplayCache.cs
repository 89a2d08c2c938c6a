using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Ciba;

/// <summary>A <see cref="IJwtReplayCache"/> in the database: a unique key per (purpose, client, jti), kept until expiry.</summary>
public sealed class DatabaseJwtReplayCache(MandateDbContext db, TimeProvider time) : IJwtReplayCache
{
    /// <inheritdoc />
    public async ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + clientId + "\n" + jwtId)));
        var now = time.GetUtcNow();
        if (await db.UsedJwtIds.AsNoTracking().AnyAsync(j => j.Id == key, cancellationToken))
        {
            return false;
        }

        db.UsedJwtIds.Add(new UsedJwtId { Id = key, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }

        db.ChangeTracker.Clear();
        if (RandomNumberGenerator.GetInt32(64) == 0)
        {
            await db.UsedJwtIds.Where(j => j.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }
}
