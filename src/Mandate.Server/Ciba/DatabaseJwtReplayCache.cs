using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Ciba;

/// <summary>A <see cref="IJwtReplayCache"/> in the database: a unique key per (purpose, client, jti), kept until expiry.</summary>
internal sealed class DatabaseJwtReplayCache(MandateDbContext db, TimeProvider time) : IJwtReplayCache
{
    /// <inheritdoc />
    /// <remarks>A check before the insert spares a replay the write; two first uses at once still meet on the key.</remarks>
    public async ValueTask<bool> TryUseAsync(string purpose, string clientId, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = Key(purpose, clientId, jwtId);
        if (await db.UsedJwtIds.AsNoTracking().AnyAsync(j => j.Id == key, cancellationToken))
        {
            return false;
        }

        if (RandomNumberGenerator.GetInt32(64) == 0)
        {
            var now = time.GetUtcNow();
            await db.UsedJwtIds.Where(j => j.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        db.UsedJwtIds.Add(new UsedJwtId { Id = key, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The row key of an entry: the SHA-256 of purpose, client and id (so that no id is stored as sent).</summary>
    public static string Key(string purpose, string clientId, string jwtId) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + clientId + "\n" + jwtId)));
}
